#include "tests/support/nats_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kactor::testing {

namespace {

using namespace std::chrono_literals;

// Generous: a loaded 2-core machine may take a while to start a Go binary.
constexpr auto start_timeout = 20s;
constexpr auto poll_interval = 5ms;

std::string server_path() {
  const char* env = std::getenv("NATS_SERVER");
  if (env != nullptr && *env != '\0') return env;
  // Debian's package installs it in /usr/sbin.
  for (const char* path : {"/usr/bin/nats-server", "/usr/sbin/nats-server"})
    if (::access(path, X_OK) == 0) return path;
  return "/usr/bin/nats-server";
}

std::filesystem::path make_temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string{base != nullptr && *base != '\0' ? base : "/tmp"} + "/kactor-nats-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("nats_server: mkdtemp " + pattern + ": " + std::strerror(errno));
  return pattern;
}

// True when a TCP client connection to 127.0.0.1:port receives nats-server's INFO line.
bool greets(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval tv{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    char buf[5] = {0};
    ok = ::recv(fd, buf, sizeof(buf), MSG_WAITALL) == 5 && std::memcmp(buf, "INFO ", 5) == 0;
  }
  ::close(fd);
  return ok;
}

}  // namespace

nats_server::nats_server(std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)), dir_(make_temp_dir()) {
  try {
    spawn("-1");  // the server picks a free port and writes it to the ports file
    port_ = wait_for_ports_file();
    wait_until_ready();
  } catch (...) {
    kill();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw;
  }
}

nats_server::~nats_server() {
  kill();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string nats_server::url() const {
  return "nats://127.0.0.1:" + std::to_string(port_);
}

void nats_server::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

void nats_server::start() {
  if (running()) return;
  spawn(std::to_string(port_));
  wait_until_ready();
}

void nats_server::spawn(const std::string& port_arg) {
  // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
  std::vector<std::string> args = {server_path(),
                                   "-a",
                                   "127.0.0.1",
                                   "-p",
                                   port_arg,
                                   "--ports_file_dir",
                                   dir_.string(),
                                   "-l",
                                   (dir_ / "server.log").string(),
                                   "-sd",
                                   (dir_ / "jetstream").string()};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  std::vector<char*> argv;
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string{"nats_server: fork: "} + std::strerror(errno));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    int null_fd = ::open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
      ::dup2(null_fd, STDIN_FILENO);
      ::dup2(null_fd, STDOUT_FILENO);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
}

uint16_t nats_server::wait_for_ports_file() {
  auto file = dir_ / ("nats-server_" + std::to_string(pid_) + ".ports");
  auto deadline = std::chrono::steady_clock::now() + start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (reaped()) fail("exited during start (status " + std::to_string(exit_status_) + ")");
    std::ifstream in{file};
    std::string text{std::istreambuf_iterator<char>{in}, {}};
    // {"nats":["nats://127.0.0.1:37811"], ...}: complete once the closing quote is written.
    auto at = text.find("nats://127.0.0.1:");
    if (at != std::string::npos) {
      auto begin = at + std::strlen("nats://127.0.0.1:");
      auto end = text.find('"', begin);
      if (end != std::string::npos) return uint16_t(std::stoi(text.substr(begin, end - begin)));
    }
    std::this_thread::sleep_for(poll_interval);
  }
  fail("no ports file " + file.string());
}

void nats_server::wait_until_ready() {
  auto deadline = std::chrono::steady_clock::now() + start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (reaped()) fail("exited during start (status " + std::to_string(exit_status_) + ")");
    if (greets(port_)) return;
    std::this_thread::sleep_for(poll_interval);
  }
  fail("not accepting connections on port " + std::to_string(port_));
}

bool nats_server::reaped() {
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  pid_ = -1;
  return true;
}

void nats_server::fail(const std::string& what) const {
  std::ifstream in{dir_ / "server.log"};
  std::string log{std::istreambuf_iterator<char>{in}, {}};
  if (log.size() > 2000) log = log.substr(log.size() - 2000);
  throw std::runtime_error("nats_server (" + server_path() + "): " + what + "; log:\n" + log);
}

}  // namespace kactor::testing
