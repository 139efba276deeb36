#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// Test fixture: a real nats-server child process on 127.0.0.1.
namespace kactor::testing {

// Starts `nats-server` (path from the NATS_SERVER environment variable, else
// /usr/bin/nats-server, else /usr/sbin/nats-server where Debian installs it) on a free 127.0.0.1
// port with its own temporary directory (log, ports file, JetStream store), and waits until it
// accepts client connections (it sends its INFO line). kill() sends SIGKILL; start() brings it back
// on the SAME port. The destructor kills it and removes the directory, also while a failing test
// unwinds; the child also dies with the test process (PR_SET_PDEATHSIG).
//
// Failures to start throw std::runtime_error with the reason and the server log's tail: this
// is test support, and doctest reports the exception as the test's failure.
class nats_server {
 public:
  // Extra command-line arguments for every start (for example {"-js"}).
  explicit nats_server(std::vector<std::string> extra_args = {});
  ~nats_server();
  nats_server(const nats_server&) = delete;
  nats_server& operator=(const nats_server&) = delete;

  // "nats://127.0.0.1:<port>".
  std::string url() const;
  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  const std::filesystem::path& dir() const { return dir_; }

  // SIGKILL and reap; no-op when not running.
  void kill();
  // (Re)starts on the port of the first start and waits until it accepts connections;
  // no-op when running.
  void start();

 private:
  void spawn(const std::string& port_arg);
  uint16_t wait_for_ports_file();
  void wait_until_ready();
  // True (and pid_ reset) when the child has exited.
  bool reaped();
  [[noreturn]] void fail(const std::string& what) const;

  std::vector<std::string> extra_args_;
  std::filesystem::path dir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  int exit_status_ = 0;  // of the last child that exited during a start (127: exec failed)
};

}  // namespace kactor::testing
