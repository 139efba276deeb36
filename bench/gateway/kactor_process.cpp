#include "bench/gateway/kactor_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/gateway/http_client.hpp"

extern char** environ;

namespace kactor::bench::gateway {

using namespace std::chrono_literals;

kactor_process::~kactor_process() {
  stop();
  std::error_code ignored;
  if (!data_dir_.empty() && !keep_) std::filesystem::remove_all(data_dir_, ignored);
}

std::string kactor_process::start(const std::string& binary,
                                  const std::filesystem::path& tmp_root) {
  auto pattern = (tmp_root / "kactor-bench-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return "mkdtemp under " + tmp_root.string() + " failed";
  data_dir_ = pattern;
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return "pipe failed";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  // Its log is also in <data dir>/logs/kactor.log; the terminal stays for our figures.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string dir = data_dir_.string();
  std::vector<char*> argv{
      const_cast<char*>(binary.c_str()), const_cast<char*>("up"), const_cast<char*>("--data-dir"),
      dir.data(), const_cast<char*>("--port"), const_cast<char*>("0"),
      // The API alone: no scheduler, controller or kubelet acting on the
      // pods the benchmark creates (their work would load the same cores).
      const_cast<char*>("--roles"), const_cast<char*>("state,gateway"), nullptr};
  int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    pid_ = -1;
    return "cannot run " + binary + ": " + std::strerror(rc);
  }
  stdout_fd_ = out[0];
  auto why = wait_ready_line(out[0]);
  if (!why.empty()) {
    stop();
    return why;
  }
  http_client probe({"127.0.0.1", port_});
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = probe.request(boost::beast::http::verb::get, "/readyz", {}, "*/*", 2s);
    if (r.status == 200) return {};
    std::this_thread::sleep_for(20ms);
  }
  stop();
  return "/readyz did not answer 200 within 30 s";
}

std::string kactor_process::wait_ready_line(int fd) {
  // The ready line: "kactor up: ready (http 127.0.0.1:PORT, bus ..., data dir ...)".
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char chunk[512];
    auto n = read(fd, chunk, sizeof chunk);
    if (n <= 0)
      return "kactor up exited before its ready line (see " + data_dir_.string() +
             "/logs/kactor.log)";
    text.append(chunk, static_cast<std::size_t>(n));
    auto at = text.find("http 127.0.0.1:");
    if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
      port_ = static_cast<std::uint16_t>(std::atoi(text.c_str() + at + 15));
      return port_ ? "" : "cannot read the port in: " + text;
    }
  }
  return "no ready line within 30 s";
}

int kactor_process::stop() {
  if (pid_ <= 0) return exit_code_;
  struct close_after {
    int& fd;
    ~close_after() {
      if (fd >= 0) close(fd);
      fd = -1;
    }
  } closer{stdout_fd_};
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + 30s;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = -1;
      return exit_code_ = -1;
    }
    std::this_thread::sleep_for(10ms);
  }
  pid_ = -1;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

}  // namespace kactor::bench::gateway
