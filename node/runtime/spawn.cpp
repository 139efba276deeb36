#include "node/runtime/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

namespace kactor::node::runtime {

namespace {

constexpr const char* default_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// What the child reports through the exec-status pipe when a step fails.
enum class child_step : int { cgroup = 1, chdir, stdio, exec };

struct child_failure {
  int step = 0;
  int error = 0;
};

// Everything the child needs, prepared before fork: after fork only async-signal-safe calls.
struct prepared {
  std::string executable;
  std::vector<std::string> env_strings;
  std::vector<char*> argv;
  std::vector<char*> envp;
};

[[noreturn]] void child_fail(int status_fd, child_step step) {
  child_failure f{static_cast<int>(step), errno};
  [[maybe_unused]] auto n = ::write(status_fd, &f, sizeof f);
  ::_exit(127);
}

int open_stdio(int fd, const std::string& path, int flags) {
  if (fd >= 0) return fd;
  return ::open(path.empty() ? "/dev/null" : path.c_str(), flags);
}

[[noreturn]] void run_child(const spawn_spec& spec, const prepared& p, int status_fd) {
  sigset_t all;
  sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  for (int sig = 1; sig < NSIG; ++sig)
    ::signal(sig, SIG_DFL);
  ::setsid();
  for (const auto& file : spec.join_cgroups) {
    int fd = ::open(file.c_str(), O_WRONLY);
    if (fd < 0 || ::write(fd, "0", 1) != 1) child_fail(status_fd, child_step::cgroup);
    ::close(fd);
  }
  const char* dir = spec.working_dir.empty() ? "/" : spec.working_dir.c_str();
  if (::chdir(dir) != 0) child_fail(status_fd, child_step::chdir);
  int in = open_stdio(spec.stdin_fd, {}, O_RDONLY);
  int out = open_stdio(spec.stdout_fd, spec.stdout_path, O_RDWR);
  int err = open_stdio(spec.stderr_fd, spec.stderr_path, O_RDWR);
  if (in < 0 || out < 0 || err < 0) child_fail(status_fd, child_step::stdio);
  // dup2 onto a low fd that is itself a source would clobber it: move sources above 2 first.
  in = ::fcntl(in, F_DUPFD, 3);
  out = ::fcntl(out, F_DUPFD, 3);
  err = ::fcntl(err, F_DUPFD, 3);
  if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) {
    child_fail(status_fd, child_step::stdio);
  }
  // Every other fd closes at exec (status_fd already has O_CLOEXEC).
  ::syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
  ::execve(p.executable.c_str(), p.argv.data(), p.envp.data());
  child_fail(status_fd, child_step::exec);
}

std::string describe(const child_failure& f, const spawn_spec& spec, const std::string& exe) {
  std::string why = std::strerror(f.error);
  switch (static_cast<child_step>(f.step)) {
    case child_step::cgroup:
      return "joining the container's cgroup: " + why;
    case child_step::chdir:
      return "chdir to cwd (\"" + spec.working_dir + "\") set in config.json failed: " + why;
    case child_step::stdio:
      return "opening the container's stdio: " + why;
    case child_step::exec:
      break;
  }
  return "exec: \"" + exe + "\": " + why;
}

runtime_error start_error(std::string message) {
  return runtime_error{error_code::start_failed, "StartError", std::move(message)};
}

}  // namespace

std::string resolve_executable(const std::string& argv0, const std::string& path_var) {
  if (argv0.find('/') != std::string::npos) return argv0;
  std::stringstream dirs{path_var};
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + argv0;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

int exit_code_of(int code, int status) {
  if (code == CLD_EXITED) return status;
  return 128 + status;
}

int open_pidfd(int pid) {
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

int wait_pidfd(int pidfd, bool block) {
  siginfo_t info{};
  int flags = WEXITED | (block ? 0 : WNOHANG);
  int rc;
  do {
    rc = ::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(pidfd), &info, flags);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) return -1;
  if (info.si_pid == 0) return -2;
  return exit_code_of(info.si_code, info.si_status);
}

result<spawned_process> spawn(const spawn_spec& spec) {
  if (spec.argv.empty() || spec.argv[0].empty()) {
    return runtime_error{error_code::invalid, "NoCommand", "empty command"};
  }
  prepared p;
  std::string path_var = default_path;
  for (const auto& e : spec.env) {
    if (e.name == "PATH") path_var = e.value;
    p.env_strings.push_back(e.name + "=" + e.value);
  }
  p.executable = resolve_executable(spec.argv[0], path_var);
  if (p.executable.empty()) {
    return start_error("exec: \"" + spec.argv[0] + "\": executable file not found in $PATH");
  }
  for (const auto& a : spec.argv)
    p.argv.push_back(const_cast<char*>(a.c_str()));
  p.argv.push_back(nullptr);
  for (auto& e : p.env_strings)
    p.envp.push_back(e.data());
  p.envp.push_back(nullptr);

  int status_pipe[2];
  if (::pipe2(status_pipe, O_CLOEXEC) != 0) {
    return runtime_error{error_code::internal, "StartError",
                         std::string{"pipe: "} + std::strerror(errno)};
  }
  pid_t pid = ::fork();
  if (pid == 0) run_child(spec, p, status_pipe[1]);
  ::close(status_pipe[1]);
  if (pid < 0) {
    ::close(status_pipe[0]);
    return runtime_error{error_code::internal, "StartError",
                         std::string{"fork: "} + std::strerror(errno)};
  }
  // Before the child can be reaped, so the pid cannot have been reused.
  int pidfd = open_pidfd(pid);
  child_failure failure;
  ssize_t n;
  do {
    n = ::read(status_pipe[0], &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);
  ::close(status_pipe[0]);
  if (n == 0 && pidfd >= 0) return spawned_process{pid, pidfd};
  if (pidfd >= 0) {
    wait_pidfd(pidfd, true);
    ::close(pidfd);
  } else {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  if (n != static_cast<ssize_t>(sizeof failure)) {
    return runtime_error{error_code::internal, "StartError", "pidfd_open or exec status failed"};
  }
  return start_error(describe(failure, spec, spec.argv[0]));
}

}  // namespace kactor::node::runtime
