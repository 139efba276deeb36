#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"
#include "node/runtime/runtime.hpp"

namespace spdlog {
class logger;
}

// Serves the node's pod I/O requests on the bus: kactor.v1.nodes.<node>.rpc.logs (PodLogRequest
// -> PodLogReply) and .rpc.exec (ExecRequest -> ExecReply), each answered by a detached worker
// (file reads, follow waits and exec block). The kubelet starts one next to its pods.
namespace kactor::node::podio {

struct pod_io_options {
  std::string node_name;
  std::filesystem::path log_root;  // the runtime's log root (pod log directories under it)
};

// Spawns the server and subscribes it; it serves until it receives an exit message. Fails
// when a subscription cannot be made.
caf::expected<caf::actor> spawn_pod_io_server(caf::actor_system& sys, pod_io_options options,
                                              std::shared_ptr<bus::connection> conn,
                                              std::shared_ptr<runtime::runtime> rt,
                                              std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::node::podio
