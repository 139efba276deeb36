// process_runtime::exec_sync: a command in a running container's environment.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "node/runtime/process_runtime.hpp"
#include "node/runtime/spawn.hpp"

namespace kactor::node::runtime {

namespace {

// Output beyond this is dropped, as the CRI's ExecSync caps it.
constexpr std::size_t max_output = 16 * 1024 * 1024;

struct fd_closer {
  int fds[6] = {-1, -1, -1, -1, -1, -1};
  ~fd_closer() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  void close(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Reads what is available; false at end-of-file or error.
bool read_some(int fd, std::string& into) {
  char buf[16 * 1024];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  if (into.size() < max_output) {
    into.append(buf, std::min(static_cast<std::size_t>(n), max_output - into.size()));
  }
  return true;
}

}  // namespace

result<exec_result> process_runtime::exec_sync(const container_id& id,
                                               const exec_request& request) {
  spawn_spec spec;
  {
    std::lock_guard lock{mutex_};
    auto it = containers_.find(id);
    if (it == containers_.end()) {
      return runtime_error{error_code::not_found, "NotFound", "container " + id + " not found"};
    }
    const auto& rec = it->second.rec;
    if (rec.state != container_state::running) {
      return runtime_error{error_code::failed_precondition, "NotRunning",
                           "container " + id + " is not running"};
    }
    spec.env = rec.config.env;
    spec.working_dir = rec.config.working_dir;
    spec.join_cgroups = rec.cgroups.procs_files();
  }
  spec.argv = request.argv;
  // fds: [0] stdout read, [1] stdout write, [2] stderr read, [3] stderr write,
  // [4] stdin (ours), [5] stdin (the child's); stdin is a socket so that writing to a command
  // that exited fails with EPIPE instead of raising SIGPIPE in this process.
  fd_closer f;
  bool ok = ::pipe2(&f.fds[0], O_CLOEXEC) == 0 && ::pipe2(&f.fds[2], O_CLOEXEC) == 0;
  if (ok && !request.stdin_data.empty()) {
    ok = ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &f.fds[4]) == 0;
  }
  if (!ok) {
    return runtime_error{error_code::internal, "ExecError",
                         std::string{"pipe: "} + std::strerror(errno)};
  }
  spec.stdout_fd = f.fds[1];
  spec.stderr_fd = f.fds[3];
  spec.stdin_fd = f.fds[5];
  auto proc = spawn(spec);
  f.close(f.fds[1]);
  f.close(f.fds[3]);
  f.close(f.fds[5]);
  if (!proc) return proc.error();
  int pidfd = proc->pidfd;
  for (int i : {0, 2, 4}) {
    if (f.fds[i] >= 0) ::fcntl(f.fds[i], F_SETFL, O_NONBLOCK);
  }

  exec_result out;
  std::size_t stdin_sent = 0;
  bool exited = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds{request.timeout_ms};
  while (!exited || f.fds[0] >= 0 || f.fds[2] >= 0) {
    pollfd p[4] = {{f.fds[0], POLLIN, 0},
                   {f.fds[2], POLLIN, 0},
                   {exited ? -1 : pidfd, POLLIN, 0},
                   {f.fds[4], POLLOUT, 0}};
    int wait_ms = -1;
    if (request.timeout_ms > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        ::kill(-proc->pid, SIGKILL);
        if (!exited) wait_pidfd(pidfd, true);
        ::close(pidfd);
        return exec_result{-1, true, std::move(out.stdout_data), std::move(out.stderr_data)};
      }
      wait_ms = static_cast<int>(left.count());
    }
    if (::poll(p, 4, wait_ms) < 0 && errno != EINTR) break;
    if (p[0].revents && !read_some(f.fds[0], out.stdout_data)) f.close(f.fds[0]);
    if (p[1].revents && !read_some(f.fds[2], out.stderr_data)) f.close(f.fds[2]);
    if (p[3].revents) {
      const auto& data = request.stdin_data;
      ssize_t n = ::send(f.fds[4], data.data() + stdin_sent, data.size() - stdin_sent,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) stdin_sent += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EINTR) stdin_sent = data.size();
      if (stdin_sent == data.size()) f.close(f.fds[4]);
    }
    if (p[2].revents) {
      // Background processes the command left behind go with it, so its pipes reach EOF.
      ::kill(-proc->pid, SIGKILL);
      out.exit_code = wait_pidfd(pidfd, false);
      exited = true;
    }
  }
  if (!exited) out.exit_code = wait_pidfd(pidfd, true);
  ::close(pidfd);
  return out;
}

}  // namespace kactor::node::runtime
