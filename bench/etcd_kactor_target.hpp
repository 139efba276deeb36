#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/bus/connection.hpp"
#include "bench/etcd_load.hpp"
#include "storage/state/state_role.hpp"
#include "tests/support/nats_server.hpp"

// kactor's side of bench_etcd_compare: a nats-server child on a free 127.0.0.1 port, the state
// role (start_state_role, default options: group commit with one fsync per batch) hosted in
// this process with its store in a directory of the caller, and the clients:
//   - puts: create requests (kactor.v1.state.create) over ONE low-latency bus connection
//     shared by every client, as the gateway will send them; each client is a CAF actor with
//     one request in flight;
//   - watch: one actor subscribed to the configmaps event stream on a second, default
//     connection, as an informer in another role subscribes.
// The role and the clients run in two separate actor systems (two schedulers), as they would
// in two processes.
namespace kactor::bench {

class kactor_target {
 public:
  // Starts nats-server and the role (store in dir/kactor-data; nats config in dir) and
  // connects the clients; ready when a status request is answered. Fails with the reason.
  static result<std::unique_ptr<kactor_target>> start(const std::filesystem::path& dir);

  // Stops the clients, the role (which commits and answers what is queued), the actor
  // systems and nats-server, in that order.
  ~kactor_target();
  kactor_target(const kactor_target&) = delete;
  kactor_target& operator=(const kactor_target&) = delete;

  // Runs one point (etcd_load.hpp). A client stops at its first failed request. Fails when
  // the watcher cannot subscribe or the clients do not finish within
  // duration + put_timeout + 5 s. Blocks; call from one thread at a time.
  result<run_log> run(const load_spec& spec);

  // The role's store directory (for its size on disk).
  std::filesystem::path store_dir() const;

  explicit kactor_target(const std::filesystem::path& dir);

 private:
  result<bool> start_all();
  result<std::shared_ptr<bus::connection>> connect(const std::string& name, bool low_latency);

  std::filesystem::path dir_;
  std::optional<kactor::testing::nats_server> server_;
  caf::actor_system_config role_cfg_;
  caf::actor_system role_sys_{role_cfg_};
  std::optional<state::state_role> role_;
  caf::actor_system_config client_cfg_;
  caf::actor_system client_sys_{client_cfg_};
  std::optional<caf::scoped_actor> self_;  // owner of the connections; synchronous requests
  std::shared_ptr<bus::connection> clients_;
  std::shared_ptr<bus::connection> watcher_;
};

}  // namespace kactor::bench
