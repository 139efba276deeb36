#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/informer/cached_object.hpp"
#include "actors/informer/informer.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "gateway/watchcache/watch_filter.hpp"
#include "k8s/core/v1/config.pb.h"
#include "storage/state/testing/objects.hpp"
#include "storage/state/testing/role_fixture.hpp"

// Test support for gateway/watchcache: a real nats-server and state role (role_fixture), a
// watch cache on them, writes of ConfigMaps through the state bus API, and a recording sink.
namespace kactor::watchcache::testing {

using namespace std::chrono_literals;
namespace v1 = kactor::bus::v1;

// What a watch wrote, as text: "ADDED ns/name@rv", "BOOKMARK @rv"; plus end / error. The
// sink shares the recorded state, so a watch that outlives the recorder stays harmless.
class recorder {
 public:
  watch_sink sink() {
    watch_sink s;
    s.encode = [](std::string_view type, const google::protobuf::Message& object) {
      auto id = informer::identity_of(object);
      std::string line{type};
      line += ' ';
      if (id) line += informer::object_key(id->ns, id->name);
      line += '@';
      line += resource_version_of(object);
      return line;
    };
    s.write = [st = state_](std::string bytes) {
      std::lock_guard lock(st->mutex);
      if (st->refuse) return false;
      st->lines.push_back(std::move(bytes));
      st->changed.notify_all();
      return true;
    };
    s.end = [st = state_] {
      std::lock_guard lock(st->mutex);
      st->ended = true;
      st->changed.notify_all();
    };
    s.error = [st = state_](std::string status) {
      std::lock_guard lock(st->mutex);
      st->error = std::move(status);
      st->ended = true;
      st->changed.notify_all();
    };
    return s;
  }

  // Waits (bounded) until `count` lines were written; false at the deadline.
  bool await(std::size_t count, std::chrono::milliseconds timeout = 20s) {
    std::unique_lock lock(state_->mutex);
    return state_->changed.wait_for(lock, timeout, [&] { return state_->lines.size() >= count; });
  }
  bool await_end(std::chrono::milliseconds timeout = 20s) {
    std::unique_lock lock(state_->mutex);
    return state_->changed.wait_for(lock, timeout, [&] { return state_->ended; });
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(state_->mutex);
    return state_->lines;
  }
  std::vector<std::string> changes() const {  // without bookmarks
    std::vector<std::string> out;
    for (auto& l : lines())
      if (l.rfind("BOOKMARK", 0) != 0) out.push_back(l);
    return out;
  }
  bool ended() const {
    std::lock_guard lock(state_->mutex);
    return state_->ended;
  }
  std::string error() const {
    std::lock_guard lock(state_->mutex);
    return state_->error;
  }
  void refuse() {
    std::lock_guard lock(state_->mutex);
    state_->refuse = true;
  }

 private:
  struct shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> lines;
    bool ended = false;
    bool refuse = false;
    std::string error;
  };
  std::shared_ptr<shared> state_ = std::make_shared<shared>();
};

inline std::string config_map(const std::string& ns, const std::string& name,
                              const std::map<std::string, std::string>& labels = {},
                              const std::string& value = "v") {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name(name);
  cm.mutable_metadata()->set_namespace_(ns);
  for (const auto& [k, v] : labels)
    (*cm.mutable_metadata()->mutable_labels())[k] = v;
  (*cm.mutable_data())["v"] = value;
  return cm.SerializeAsString();
}

inline std::string line(const std::string& type, const std::string& key, std::uint64_t rev) {
  return type + " " + key + "@" + std::to_string(rev);
}

struct watch_fixture : state::testing::role_fixture {
  std::shared_ptr<watch_cache> cache;

  explicit watch_fixture(watch_cache_options o = default_options()) {
    o.nats_url = server.url();
    auto started = watch_cache::start(sys, std::move(o));
    REQUIRE_MESSAGE(started, caf::to_string(started.error()));
    cache = *started;
    wait_synced();
  }

  ~watch_fixture() {
    if (cache) cache->stop();
  }

  static watch_cache_options default_options() {
    watch_cache_options o;
    o.bookmark_interval = 100ms;
    o.page_size = 3;  // several watch-from pages in tests
    o.request_timeout = 5s;
    return o;
  }

  // Waits (bounded) for every informer's first list.
  void wait_synced() {
    for (const auto& [group, resource] : cache->resources())
      self->request(cache->informer_of(group, resource), 30s, informer::wait_synced_atom::value)
          .receive([](informer::synced_atom, std::uint64_t) {},
                   [&](caf::error& err) { FAIL("wait_synced: " << caf::to_string(err)); });
  }

  // Waits (bounded) until the configmaps snapshot reached `revision`.
  bool fresh(std::uint64_t revision, std::string resource = "configmaps") {
    auto done = std::make_shared<std::promise<bool>>();
    auto result = done->get_future();
    cache->when_fresh("", resource, revision, 20s, [done](bool ok) { done->set_value(ok); });
    return result.get();
  }

  static v1::ObjectRef ref(const std::string& ns, const std::string& name,
                           const std::string& resource = "configmaps") {
    return state::testing::wire_ref("", resource, ns, name);
  }

  std::uint64_t create(const std::string& ns, const std::string& name,
                       const std::map<std::string, std::string>& labels = {}) {
    v1::CreateRequest req;
    *req.mutable_ref() = ref(ns, name);
    req.set_object(config_map(ns, name, labels));
    auto reply = ask<v1::WriteReply>("create", req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t update(const std::string& ns, const std::string& name,
                       const std::map<std::string, std::string>& labels = {},
                       const std::string& value = "v2") {
    v1::UpdateRequest req;
    *req.mutable_ref() = ref(ns, name);
    req.set_object(config_map(ns, name, labels, value));
    auto reply = ask<v1::WriteReply>("update", req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t remove(const std::string& ns, const std::string& name) {
    v1::DeleteRequest req;
    *req.mutable_ref() = ref(ns, name);
    auto reply = ask<v1::WriteReply>("delete", req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t create_pod(const std::string& ns, const std::string& name) {
    v1::CreateRequest req;
    *req.mutable_ref() = ref(ns, name, "pods");
    req.set_object(state::testing::pod(ns, name));
    auto reply = ask<v1::WriteReply>("create", req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t compact(std::uint64_t revision) {
    v1::CompactRequest req;
    req.set_revision(revision);
    auto reply = ask<v1::CompactReply>("compact", req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.compacted_revision();
  }

  watch_handle watch(watch_request req, recorder& rec) {
    if (req.resource.empty()) req.resource = "configmaps";
    auto handle = cache->start_watch(std::move(req), rec.sink());
    REQUIRE_MESSAGE(handle, (handle ? "" : handle.error().message));
    return *handle;
  }

  // Waits (bounded) until the actor behind `handle` has ended.
  bool await_gone(const watch_handle& handle) {
    auto target = caf::actor_cast<caf::actor>(handle.address());
    if (!target) return true;
    self->monitor(target);
    bool down = false;
    self->receive([&](caf::down_msg&) { down = true; }, caf::after(20s) >> [] {});
    return down;
  }
};

}  // namespace kactor::watchcache::testing
