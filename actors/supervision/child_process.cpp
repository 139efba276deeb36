#include "actors/supervision/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <caf/error.hpp>
#include <caf/sec.hpp>

namespace kactor::supervision {
namespace {

caf::error spawn_error(const std::string& program, int err) {
  return caf::make_error(caf::sec::runtime_error, "spawn " + program + ": " + std::strerror(err));
}

// Owns a file descriptor; closes it on scope exit.
struct fd_guard {
  int fd = -1;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

// Runs in the forked child: only async-signal-safe calls until exec. Never returns.
[[noreturn]] void exec_child(const spawn_options& opts, char* const* argv, pid_t parent, int in_fd,
                             int out_fd, int error_fd) {
  if (opts.own_process_group) ::setpgid(0, 0);
  if (opts.die_with_parent) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
  ::dup2(in_fd, 0);
  ::dup2(out_fd, 1);
  ::dup2(out_fd, 2);
  ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);  // includes error_fd: it closes on success
  ::execv(argv[0], argv);
  int err = errno;
  [[maybe_unused]] auto n = ::write(error_fd, &err, sizeof err);
  ::_exit(127);
}

}  // namespace

exit_status exit_status::from_wait_status(int status) {
  if (WIFSIGNALED(status)) return exit_status{true, 0, WTERMSIG(status)};
  return exit_status{false, WEXITSTATUS(status), 0};
}

std::string exit_status::describe() const {
  if (!signaled) return "exited with code " + std::to_string(code);
  const char* name = ::sigabbrev_np(signal);
  return "killed by signal " + std::to_string(signal) +
         (name ? std::string{" (SIG"} + name + ")" : "");
}

caf::expected<exit_status> wait_for_exit(pid_t pid) {
  siginfo_t info{};
  int rc;
  do {
    rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0)
    return caf::make_error(caf::sec::runtime_error,
                           "wait for pid " + std::to_string(pid) + ": " + std::strerror(errno));
  if (info.si_code == CLD_EXITED) return exit_status{false, info.si_status, 0};
  return exit_status{true, 0, info.si_status};
}

caf::expected<child_process> child_process::spawn(const spawn_options& opts) {
  if (opts.argv.empty()) return caf::make_error(caf::sec::invalid_argument, "spawn: empty argv");
  const auto& program = opts.argv[0];
  std::vector<char*> argv;  // built before fork: the child may not allocate
  for (auto& a : opts.argv)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  fd_guard in{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
  fd_guard out{opts.output.empty()
                   ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
                   : ::open(opts.output.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)};
  if (in.fd < 0 || out.fd < 0) {
    int err = errno;
    return caf::make_error(
        caf::sec::runtime_error,
        "spawn " + program + ": open " + opts.output.string() + ": " + std::strerror(err));
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return spawn_error(program, errno);
  fd_guard error_read{pipe_fds[0]};
  fd_guard error_write{pipe_fds[1]};
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return spawn_error(program, errno);
  if (pid == 0) exec_child(opts, argv.data(), parent, in.fd, out.fd, error_write.fd);
  if (opts.own_process_group) ::setpgid(pid, pid);  // also here: no race with our first signal
  ::close(error_write.fd);
  error_write.fd = -1;
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(error_read.fd, &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  child_process child;
  child.pid_ = pid;
  child.group_ = opts.own_process_group;
  if (n > 0) {  // exec failed: the child exits at once; reap it and report why
    child.wait();
    return spawn_error(program, child_errno);
  }
  return child;
}

child_process::child_process(child_process&& other) noexcept
    : pid_(other.pid_), group_(other.group_), status_(std::move(other.status_)) {
  other.pid_ = -1;
}

child_process& child_process::operator=(child_process&& other) noexcept {
  if (this != &other) {
    kill_and_reap();
    pid_ = other.pid_;
    group_ = other.group_;
    status_ = std::move(other.status_);
    other.pid_ = -1;
  }
  return *this;
}

child_process::~child_process() {
  kill_and_reap();
}

void child_process::kill_and_reap() {
  if (!running()) return;
  signal(SIGKILL);
  wait();
}

bool child_process::signal(int sig) const {
  if (!running()) return false;
  return ::kill(group_ ? -pid_ : pid_, sig) == 0 || (group_ && ::kill(pid_, sig) == 0);
}

std::optional<exit_status> child_process::try_reap() {
  if (!running()) return status_;
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid_, &status, WNOHANG);
  } while (rc < 0 && errno == EINTR);
  if (rc == 0) return std::nullopt;
  status_ = rc == pid_ ? exit_status::from_wait_status(status) : exit_status{true, 0, 0};
  return status_;
}

exit_status child_process::wait() {
  if (!running()) return status_.value_or(exit_status{});
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid_, &status, 0);
  } while (rc < 0 && errno == EINTR);
  // rc < 0 (ECHILD) means someone else reaped it, e.g. SIGCHLD set to SIG_IGN: report
  // "killed by signal 0" rather than block or crash.
  status_ = rc == pid_ ? exit_status::from_wait_status(status) : exit_status{true, 0, 0};
  return *status_;
}

}  // namespace kactor::supervision
