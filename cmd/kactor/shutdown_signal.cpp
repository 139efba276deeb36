#include "cmd/kactor/shutdown_signal.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <caf/error.hpp>
#include <caf/sec.hpp>

namespace kactor::cmd {
namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void block_shutdown_signals() {
  auto set = shutdown_set();
  ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
}

caf::expected<std::shared_ptr<shutdown_signal>> shutdown_signal::create() {
  auto set = shutdown_set();
  int sfd = ::signalfd(-1, &set, SFD_CLOEXEC);
  if (sfd < 0)
    return caf::make_error(caf::sec::runtime_error,
                           std::string{"signalfd: "} + std::strerror(errno));
  int efd = ::eventfd(0, EFD_CLOEXEC);
  if (efd < 0) {
    int err = errno;
    ::close(sfd);
    return caf::make_error(caf::sec::runtime_error, std::string{"eventfd: "} + std::strerror(err));
  }
  return std::make_shared<shutdown_signal>(sfd, efd);
}

shutdown_signal::~shutdown_signal() {
  ::close(signal_fd_);
  ::close(event_fd_);
}

std::string shutdown_signal::wait() {
  pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {event_fd_, POLLIN, 0}};
  while (true) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return std::string{"poll failed: "} + std::strerror(errno);
    }
    if (fds[0].revents & POLLIN) {
      signalfd_siginfo info{};
      if (::read(signal_fd_, &info, sizeof info) == sizeof info)
        return std::string{"SIG"} + ::sigabbrev_np(static_cast<int>(info.ssi_signo));
    }
    if (fds[1].revents & POLLIN) {
      std::lock_guard<std::mutex> guard{mutex_};
      return reason_;
    }
  }
}

void shutdown_signal::request(std::string reason) {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!reason_.empty()) return;
    reason_ = std::move(reason);
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(event_fd_, &one, sizeof one);
}

}  // namespace kactor::cmd
