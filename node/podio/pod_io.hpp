#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "kactor/node.pb.h"
#include "node/runtime/runtime.hpp"

// The node side of `kubectl logs` and `kubectl exec`, as blocking functions a worker runs
// (messages/proto/kactor/node.proto; pod_io_server.hpp puts them on the bus).
namespace kactor::node::podio {

// The newest instance of `container` of pod `ns/pod` known to `rt` (a running one first);
// nullopt when there is none.
std::optional<runtime::container_status> find_container(runtime::runtime& rt, const std::string& ns,
                                                        const std::string& pod,
                                                        const std::string& container);

// Answers a log request from the files under `log_root`. Follow requests wait up to wait_ms
// (at most 10 s) for new output; `end` is set once the instance being read is no longer running
// (per `rt`, when given) and everything it wrote was returned.
bus::v1::PodLogReply serve_logs(const bus::v1::PodLogRequest& req,
                                const std::filesystem::path& log_root, runtime::runtime* rt);

// Runs the command in the container (runtime::exec_sync). 404 when the container is not
// running here.
bus::v1::ExecReply serve_exec(const bus::v1::ExecRequest& req, runtime::runtime& rt);

}  // namespace kactor::node::podio
