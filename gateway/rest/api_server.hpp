#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "gateway/health/health_checks.hpp"
#include "gateway/http/router.hpp"
#include "gateway/rest/api_context.hpp"

namespace spdlog {
class logger;
}

// The gateway role assembled: bus connection, watch cache, namespace bootstrap and the API
// routes. `kactor up` and `kactor gateway` both build one before they start their HTTP server.
namespace kactor::rest {

struct api_server_options {
  std::string nats_url;
  rest_options rest;
  std::string kactor_version;  // in /version's gitVersion
  std::string server_address;  // "127.0.0.1:6443", for legacy /api's serverAddressByClientCIDRs
  std::vector<std::string> system_namespaces = {"default", "kube-system", "kube-public",
                                                "kube-node-lease"};
};

class api_server {
 public:
  // Connects to the bus, starts the watch cache and the namespace bootstrap, adds the API
  // routes to `routes` and readiness checks ("watch-cache", "system-namespaces") to `checks`.
  static caf::expected<std::shared_ptr<api_server>> create(caf::actor_system& sys,
                                                           api_server_options options,
                                                           http::router& routes,
                                                           health::health_checks& checks,
                                                           std::shared_ptr<spdlog::logger> log);
  ~api_server();

  // True once the watch cache has listed every resource and the system namespaces exist: the
  // API answers like a settled kube-apiserver.
  bool ready() const;

  // Serves `routes` (complete: no route is added afterwards) to the bus as well, on
  // kactor.v1.api.call in the gateways' queue group (bus_api.hpp), for controllers, the
  // scheduler and kubelets. Fails when the subscription cannot be made.
  caf::error serve_bus(std::shared_ptr<const http::router> routes);

  // Closes the bus connection and stops the watch cache. Idempotent.
  void stop();

  const std::shared_ptr<api_context>& context() const { return ctx_; }

  struct parts;
  explicit api_server(std::unique_ptr<parts> p);

 private:
  std::unique_ptr<parts> parts_;
  std::shared_ptr<api_context> ctx_;
};

}  // namespace kactor::rest
