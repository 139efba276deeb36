#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "config/restart_policy.hpp"

namespace kactor::config {

// The embedded nats-server that `kactor up` runs as a supervised child process when no
// external bus URL is given. It always listens on 127.0.0.1.
struct nats_server_config {
  // Executable to run. Empty: look up `nats-server` in PATH, then /usr/sbin and /usr/bin
  // (config resolves it to an absolute path before use). Default: empty.
  std::string path;
  // Client port. 0: a free loopback port is picked at the first start and reused by every
  // restart, so clients reconnect to the same URL. Default: 0.
  std::uint16_t port = 0;
  // Run with JetStream enabled, storing under <data_dir>/nats/jetstream. Default: false.
  bool jetstream = false;
  // Restart back-off after the server exits. Default: 100 ms doubling to 5 s, reset after
  // 10 s of uptime.
  restart_policy restart;
  // On shutdown, how long after SIGTERM the server may take to exit before it gets SIGKILL.
  // Default: 5 s.
  std::chrono::milliseconds stop_grace{5'000};
};

}  // namespace kactor::config
