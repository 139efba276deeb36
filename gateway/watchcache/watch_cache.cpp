#include "gateway/watchcache/watch_cache.hpp"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/informer/informer.hpp"
#include "gateway/watchcache/bus_hub.hpp"
#include "gateway/watchcache/watch_actor.hpp"
#include "gateway/watchcache/watch_filter.hpp"
#include "messages/registry.hpp"

namespace kactor::watchcache {
namespace {

caf::error invalid(std::string message) {
  return caf::make_error(caf::sec::invalid_argument, "watch cache: " + std::move(message));
}

std::string name_key(std::string_view group, std::string_view resource) {
  std::string key{group};
  key += '/';
  key += resource;
  return key;
}

}  // namespace

watch_cache::watch_cache(caf::actor_system& sys, watch_cache_options options)
    : sys_(sys),
      options_(std::move(options)),
      log_(options_.log ? options_.log : spdlog::default_logger()) {}

watch_cache::~watch_cache() {
  stop();
}

caf::expected<std::shared_ptr<watch_cache>> watch_cache::start(caf::actor_system& sys,
                                                               watch_cache_options options) {
  if (options.page_size == 0) return invalid("page_size must be positive");
  if (options.request_timeout.count() <= 0) return invalid("request_timeout must be positive");
  if (options.bookmark_interval.count() <= 0) return invalid("bookmark_interval must be positive");
  std::shared_ptr<watch_cache> cache(new watch_cache(sys, std::move(options)));
  if (auto err = cache->start_all()) {
    cache->stop();
    return err;
  }
  return cache;
}

caf::error watch_cache::start_all() {
  hub_ = spawn_bus_hub(sys_, log_);
  fresh_ = spawn_freshness(sys_, options_.freshness, gauge_);
  bus::connection_options events_options;
  events_options.url = options_.nats_url;
  events_options.name = options_.client_name + "-events";
  auto events = bus::connection::open(events_options, hub_);
  if (!events) return events.error();
  events_ = std::move(*events);
  auto rpc_options = events_options;
  rpc_options.name = options_.client_name + "-rpc";
  rpc_options.low_latency = true;
  auto rpc = bus::connection::open(rpc_options, hub_);
  if (!rpc) return rpc.error();
  rpc_ = std::move(*rpc);

  // One informer per stored plural: the first group serving it in registry order (core
  // first) is its storage group, and its first listed version the newest (docs/state.md).
  const auto& types = messages::registry::generated();
  std::set<std::string, std::less<>> plurals;
  for (const auto& r : types.resources())
    if (plurals.insert(r.plural).second)
      entries_.push_back(
          {r.group, r.plural,
           google::protobuf::MessageFactory::generated_factory()->GetPrototype(r.descriptor),
           std::make_shared<informer::cache>(), caf::actor{}});
  std::vector<caf::actor> informers;
  std::vector<fresh_target> targets;
  for (auto& e : entries_) {
    if (!e.prototype) return invalid("no generated class for " + e.group + "/" + e.resource);
    informer::informer_options o;
    o.group = e.group;
    o.resource = e.resource;
    o.type = e.prototype->GetDescriptor();
    o.page_size = options_.page_size;
    o.request_timeout = options_.request_timeout;
    o.on_change = [fresh = fresh_, gauge = gauge_](const informer::notification&) {
      if (gauge->waiting.load(std::memory_order_relaxed) > 0)
        caf::anon_send(fresh, fresh_check_atom::value);
    };
    auto spawned = informer::spawn_informer(sys_, std::move(o), {events_, rpc_, e.cache, log_});
    if (!spawned) return spawned.error();
    e.informer = *spawned;
    informers.push_back(e.informer);
    targets.push_back({e.cache, e.informer});
    by_name_.emplace(name_key(e.group, e.resource), by_name_.size());
  }
  caf::anon_send(hub_, hub_targets_atom::value, std::move(informers));
  caf::anon_send(fresh_, fresh_targets_atom::value, std::move(targets));
  log_->info("watch cache: {} informers started", entries_.size());
  return {};
}

void watch_cache::stop() {
  if (stopped_.exchange(true)) return;
  for (auto& e : entries_)
    if (e.informer) caf::anon_send_exit(e.informer, caf::exit_reason::user_shutdown);
  for (auto* a : {&hub_, &fresh_})
    if (*a) caf::anon_send_exit(*a, caf::exit_reason::user_shutdown);
  if (events_) events_->close();
  if (rpc_) rpc_->close();
}

const watch_cache::entry* watch_cache::find(std::string_view group,
                                            std::string_view resource) const {
  auto it = by_name_.find(name_key(group, resource));
  return it == by_name_.end() ? nullptr : &entries_[it->second];
}

informer::snapshot_ptr watch_cache::snapshot(std::string_view group,
                                             std::string_view resource) const {
  const auto* e = find(group, resource);
  return e ? e->cache->current() : nullptr;
}

std::uint64_t watch_cache::current_revision(std::string_view group,
                                            std::string_view resource) const {
  const auto* e = find(group, resource);
  return e ? e->cache->current()->revision() : 0;
}

std::uint64_t watch_cache::known_revision() const {
  std::uint64_t out = 0;
  for (const auto& e : entries_)
    out = std::max(out, e.cache->current()->revision());
  return out;
}

bool watch_cache::synced() const {
  return std::all_of(entries_.begin(), entries_.end(),
                     [](const entry& e) { return e.cache->has_synced(); });
}

std::vector<std::pair<std::string, std::string>> watch_cache::resources() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : entries_)
    out.emplace_back(e.group, e.resource);
  return out;
}

caf::actor watch_cache::informer_of(std::string_view group, std::string_view resource) const {
  const auto* e = find(group, resource);
  return e ? e->informer : caf::actor{};
}

void watch_cache::when_fresh(std::string_view group, std::string_view resource,
                             std::uint64_t revision, std::chrono::milliseconds deadline,
                             std::function<void(bool)> done) {
  const auto* e = find(group, resource);
  if (!e || stopped_) return done(false);
  if (e->cache->current()->revision() >= revision) return done(true);
  fresh_waiter w;
  w.resource = index_of(*e);
  w.revision = revision;
  w.deadline = std::chrono::steady_clock::now() + deadline;
  w.done = std::move(done);
  caf::anon_send(fresh_, fresh_wait_atom::value, std::move(w));
}

watch_result watch_cache::start_watch(watch_request request, watch_sink sink) {
  const auto* e = find(request.group, request.resource);
  if (!e) return watch_error{404, "NotFound", "the server could not find the requested resource"};
  if (!sink.encode || !sink.write || !sink.end || !sink.error)
    return watch_error{500, "InternalError", "watch sink without encode, write, end or error"};
  auto filter = watch_filter::make(request, e->prototype->GetDescriptor());
  if (!filter) return filter.error();
  watch_context context;
  context.informer = e->informer;
  context.cache = e->cache;
  context.prototype = e->prototype;
  context.rpc = rpc_;
  context.bookmark_interval = options_.bookmark_interval;
  context.request_timeout = options_.request_timeout;
  context.page_size = options_.page_size;
  context.log = log_;
  auto actor = sys_.spawn<watch_actor>(std::move(request), std::move(*filter), std::move(sink),
                                       std::move(context));
  return watch_handle{actor.address()};
}

}  // namespace kactor::watchcache
