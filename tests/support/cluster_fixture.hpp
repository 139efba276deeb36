#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/bus/connection.hpp"

// Test fixture for roles that drive the Kubernetes API over the bus (scheduler, controllers,
// kubelet): a REAL control plane, `kactor up --roles state,gateway --port 0` as a child process
// in a temporary data directory (its own nats-server, state role and gateway), plus an actor
// system and API clients for the test. Link kactor_cluster_fixture (it makes the test depend
// on the kactor binary). The child dies with the test process (PR_SET_PDEATHSIG); the
// destructor stops it with SIGTERM and removes the directory.
//
// Failures to start throw std::runtime_error with the child's output tail: doctest reports the
// exception as the test's failure.
namespace kactor::testing {

class cluster_fixture {
 public:
  // Starts the control plane with `extra_args` appended to the command line and waits (up to
  // 60 s) for its ready line.
  explicit cluster_fixture(std::vector<std::string> extra_args = {});
  ~cluster_fixture();
  cluster_fixture(const cluster_fixture&) = delete;
  cluster_fixture& operator=(const cluster_fixture&) = delete;

  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};

  const std::string& nats_url() const { return nats_url_; }
  // "127.0.0.1:<port>" of the Kubernetes API.
  const std::string& api_address() const { return api_address_; }
  const std::filesystem::path& data_dir() const { return dir_; }
  pid_t pid() const { return pid_; }

  // A new bus connection owned by a quiet actor of the fixture (closed by the destructor).
  std::shared_ptr<bus::connection> open(bool low_latency);

  // An API client on its own low-latency connection; one per user agent, made on first use.
  std::shared_ptr<apiclient::api_client> client(const std::string& user_agent = "kactor-test");

  // Runs `start` with a callback and waits (up to `timeout`) for its reply; a reply that never
  // comes is status 0, reason "Timeout". Example:
  //   auto r = f.call([&](auto done) { f.client()->create(pod, done); });
  apiclient::api_reply call(const std::function<void(apiclient::api_client::callback)>& start,
                            std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Polls `predicate` every 20 ms until it holds or `timeout` passes; returns its last value.
  static bool eventually(const std::function<bool()>& predicate,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  void spawn(const std::vector<std::string>& extra_args);
  void wait_for_ready_line();
  std::string output_tail() const;
  void stop_child();

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::string nats_url_;
  std::string api_address_;
  caf::actor owner_;  // receives the connections' events and ignores them
  std::vector<std::shared_ptr<bus::connection>> connections_;
  std::vector<std::pair<std::string, std::shared_ptr<apiclient::api_client>>> clients_;
};

}  // namespace kactor::testing
