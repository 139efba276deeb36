#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "config/http_config.hpp"
#include "config/log_config.hpp"
#include "config/result.hpp"

namespace kactor::config {

// `kactor gateway`: the Kubernetes API (the gateway role) alone in a process, on the bus of a
// running cluster. YAML section `gateway`; docs/config.md lists every field and
// config/gateway_fields.test.cpp keeps that list complete.
struct gateway_command_config {
  // Data directory of the `kactor up` or `kactor state` whose bus to use: only its file
  // <data_dir>/nats-url is read (no lock is taken, nothing is written there). Used when
  // nats_url is empty. Flag --data-dir. Default: empty.
  std::filesystem::path data_dir;
  // URL of the NATS server (`nats://host:port`, comma-separated for several). Empty: the URL
  // in <data_dir>/nats-url. Flag --nats. Default: empty.
  std::string nats_url;
  // Upper bound for a clean shutdown after SIGTERM/SIGINT; past it the process exits with
  // code 1. Default: 15 s.
  std::chrono::milliseconds shutdown_grace{15'000};
  // Logging. Default: text, info.
  log_config log;
  // File the log is appended to besides stderr (its directory is created). Empty: stderr
  // only. Flag --log-file. Default: empty.
  std::filesystem::path log_file;
  // The HTTP listener of the API; `gateway.port` and `gateway.bind_address` are its port and
  // address, the rest is under `gateway.http`. Default: 127.0.0.1:6443.
  http_config http;
  // The range service cluster IPs are allocated from: an IPv4 network `a.b.c.d/n`, n 12-30
  // (kube-apiserver's --service-cluster-ip-range). Default: 10.96.0.0/12.
  std::string service_cidr = "10.96.0.0/12";
  // Deadline of each request to the state role. Default: 5 s.
  std::chrono::milliseconds state_timeout{5'000};
  // How long a read waits for the watch cache to reach a revision this gateway wrote before
  // it reads from the state role instead; 0 reads from the state role at once. Default: 2 s.
  std::chrono::milliseconds fresh_deadline{2'000};
  // Retries of a write after an optimistic-concurrency conflict the client did not ask for
  // (patches, scale, unconditional updates). Default: 5.
  std::uint32_t conflict_retries = 5;
};

// Checks what single fields cannot (a bus to use, positive timeouts), makes data_dir and
// log_file absolute and, when nats_url is empty, reads it from <data_dir>/nats-url (the one
// file config/ reads for this command besides --config). Returns the first problem, naming
// the field.
result<gateway_command_config> finalize(gateway_command_config cfg);

}  // namespace kactor::config
