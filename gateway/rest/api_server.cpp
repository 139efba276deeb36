#include "gateway/rest/api_server.hpp"

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/bus/events.hpp"
#include "actors/bus/subjects.hpp"
#include "gateway/rest/api_routes.hpp"
#include "gateway/rest/bus_api.hpp"
#include "gateway/rest/namespace_bootstrap.hpp"
#include "gateway/watchcache/watch_cache.hpp"

namespace kactor::rest {

struct api_server::parts {
  caf::actor owner;  // receives the RPC connection's events
  std::shared_ptr<bus::connection> rpc;
  std::shared_ptr<watchcache::watch_cache> cache;
  std::shared_ptr<api_context> ctx;
  caf::actor bootstrap;
  caf::actor bus_api;  // answers kactor.v1.api.call (serve_bus)
  bus::subscription bus_subscription;
  std::shared_ptr<std::atomic<bool>> namespaces_ready = std::make_shared<std::atomic<bool>>(false);
};

namespace {

// Logs the RPC connection's state changes; requests themselves handle failures.
caf::behavior connection_logger(caf::event_based_actor* self, std::shared_ptr<spdlog::logger> log) {
  return {
      [log](bus::up_atom, const std::string& url) {
        log->info("gateway bus connected to {}", url);
      },
      [log](bus::down_atom, const std::string& why) { log->warn("gateway bus down: {}", why); },
      [self](bus::closed_atom) { self->quit(); },
      [](bus::slow_atom, const std::string&) {},
      [log](bus::error_atom, const std::string& what) { log->warn("gateway bus: {}", what); },
  };
}

}  // namespace

api_server::api_server(std::unique_ptr<parts> p) : parts_(std::move(p)), ctx_(parts_->ctx) {}

api_server::~api_server() {
  stop();
}

bool api_server::ready() const {
  return parts_ && parts_->cache->synced() && parts_->namespaces_ready->load();
}

void api_server::stop() {
  if (!parts_) return;
  parts_->bus_subscription.unsubscribe();
  if (parts_->bus_api) caf::anon_send_exit(parts_->bus_api, caf::exit_reason::user_shutdown);
  if (parts_->bootstrap) caf::anon_send_exit(parts_->bootstrap, caf::exit_reason::user_shutdown);
  if (parts_->cache) parts_->cache->stop();
  if (parts_->rpc) parts_->rpc->close();
  if (parts_->owner) caf::anon_send_exit(parts_->owner, caf::exit_reason::user_shutdown);
  parts_.reset();
}

caf::error api_server::serve_bus(std::shared_ptr<const http::router> routes) {
  if (!parts_) return caf::make_error(caf::sec::runtime_error, "the api server is stopped");
  if (parts_->bus_api) return caf::none;
  parts_->bus_api = spawn_bus_api(parts_->ctx->system(), parts_->rpc, std::move(routes));
  bus::subscribe_options sopts;
  sopts.queue_group = std::string(bus::subjects::api_queue_group);
  auto sub = parts_->rpc->subscribe(bus::subjects::api_call(), parts_->bus_api, sopts);
  if (!sub) return sub.error();
  parts_->bus_subscription = std::move(*sub);
  return caf::none;
}

caf::expected<std::shared_ptr<api_server>> api_server::create(caf::actor_system& sys,
                                                              api_server_options options,
                                                              http::router& routes,
                                                              health::health_checks& checks,
                                                              std::shared_ptr<spdlog::logger> log) {
  if (!log) log = spdlog::default_logger();
  auto p = std::make_unique<parts>();
  p->owner = sys.spawn(connection_logger, log);
  bus::connection_options copts;
  copts.url = options.nats_url;
  copts.name = "kactor-gateway-rpc";
  copts.low_latency = true;
  auto rpc = bus::connection::open(copts, p->owner);
  if (!rpc) {
    caf::anon_send_exit(p->owner, caf::exit_reason::user_shutdown);
    return rpc.error();
  }
  p->rpc = *rpc;
  watchcache::watch_cache_options wopts;
  wopts.nats_url = options.nats_url;
  wopts.log = log;
  auto cache = watchcache::watch_cache::start(sys, wopts);
  if (!cache) {
    p->rpc->close();
    caf::anon_send_exit(p->owner, caf::exit_reason::user_shutdown);
    return cache.error();
  }
  p->cache = *cache;
  p->ctx = std::make_shared<api_context>(sys, p->rpc, p->cache, log, options.rest);
  p->bootstrap = spawn_namespace_bootstrap(p->ctx, options.system_namespaces, p->namespaces_ready);

  discovery::discovery_options dopts;
  dopts.version.kactor_version = options.kactor_version;
  dopts.server_address = options.server_address;
  api_documents docs;
  docs.discovery = std::make_shared<const discovery::discovery_documents>(
      messages::registry::generated(), dopts);
  docs.openapi =
      std::make_shared<const openapi::openapi_documents>(messages::registry::generated());
  add_api_routes(routes, p->ctx, docs);

  checks.add("watch-cache", health::scope::readiness,
             [cache = p->cache]() -> std::optional<std::string> {
               if (cache->synced()) return std::nullopt;
               return "the watch cache has not listed every resource yet";
             });
  checks.add("system-namespaces", health::scope::readiness,
             [ready = p->namespaces_ready]() -> std::optional<std::string> {
               if (ready->load()) return std::nullopt;
               return "the system namespaces do not exist yet";
             });
  return std::make_shared<api_server>(std::move(p));
}

}  // namespace kactor::rest
