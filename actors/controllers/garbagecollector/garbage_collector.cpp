#include "actors/controllers/garbagecollector/garbage_collector.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/common/sync_loop.hpp"
#include "actors/controllers/garbagecollector/gc_work.hpp"
#include "actors/controllers/garbagecollector/owner_graph.hpp"
#include "actors/informer/informer.hpp"
#include "messages/registry.hpp"

namespace kactor::controllers::gc {

namespace {

using scan_atom = caf::atom_constant<caf::atom("gc_scan")>;
using resync_atom = caf::atom_constant<caf::atom("gc_resync")>;

bool allows(const messages::resource_info& r, std::string_view verb) {
  return std::find(r.verbs.begin(), r.verbs.end(), verb) != r.verbs.end();
}

std::string work_key(gc_work w, const std::string& uid) {
  switch (w) {
    case gc_work::verify_owners:
      return "verify/" + uid;
    case gc_work::orphan_dependents:
      return "orphan/" + uid;
    case gc_work::delete_dependents:
      return "foreground/" + uid;
  }
  return uid;
}

void scan(gc_state& st) {
  for (const auto& r : st.deps.resources)
    if (!r.cache->has_synced()) return;  // dependents lists must be complete
  std::vector<gc_object> objects;
  for (std::size_t i = 0; i < st.deps.resources.size(); ++i) {
    st.deps.resources[i].cache->current()->for_each([&](const informer::object_ptr& obj) {
      if (const auto* meta = metadata_of(*obj->message))
        objects.push_back({i, obj, meta, st.deps.resources[i].namespaced});
    });
  }
  for (const auto& item : plan_gc(objects)) {
    auto key = work_key(item.work, item.subject->meta->uid());
    st.pending[key] = own(item);
    st.loop->enqueue(key);
  }
}

caf::behavior collector(caf::event_based_actor* self, std::shared_ptr<gc_state> st) {
  st->loop = std::make_unique<sync_loop>(
      self, "garbagecollector", st->opts.workers,
      [s = st.get()](sync_context& ctx) { run_work(*s, ctx); }, st->deps.log);
  self->send(self, resync_atom::value);
  auto schedule = [self, st] {
    if (st->scan_scheduled) return;
    st->scan_scheduled = true;
    auto rest = std::chrono::duration_cast<std::chrono::milliseconds>(
        st->next_scan - std::chrono::steady_clock::now());
    self->delayed_send(self, std::max(st->opts.scan_delay, rest), scan_atom::value);
  };
  return {
      [schedule](informer::event_atom, const informer::notification&) { schedule(); },
      [st, self](scan_atom) {
        st->scan_scheduled = false;
        bool synced = std::all_of(st->deps.resources.begin(), st->deps.resources.end(),
                                  [](const auto& r) { return r.cache->has_synced(); });
        if (!synced) {
          // Orphaning and foreground deletion need every dependent: wait for every cache.
          if (++st->unsynced_scans % 150 == 0) {
            std::string names;
            for (const auto& r : st->deps.resources)
              if (!r.cache->has_synced()) names += (names.empty() ? "" : ", ") + r.resource;
            st->deps.log->warn("garbage collector: waiting for informers to sync: {}", names);
          }
          st->scan_scheduled = true;
          self->delayed_send(self, std::chrono::milliseconds(200), scan_atom::value);
          return;
        }
        auto start = std::chrono::steady_clock::now();
        scan(*st);
        auto end = std::chrono::steady_clock::now();
        st->next_scan = end + (end - start) * st->opts.busy_factor;
      },
      [self, st, schedule](resync_atom) {
        schedule();
        self->delayed_send(self, st->opts.resync_period, resync_atom::value);
      },
      [st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        st->loop->on_reply(tag, r);
      },
      [st](loop_tick_atom) { st->loop->on_tick(); },
  };
}

}  // namespace

std::vector<watched_resource> collectable_resources() {
  std::vector<watched_resource> out;
  for (const auto& r : messages::registry::generated().resources()) {
    if (!allows(r, "list") || !allows(r, "watch") || !allows(r, "delete")) continue;
    if (r.plural == "events") continue;
    if (informer::registered_type(r.group, r.plural) != r.descriptor) continue;  // not stored
    if (!r.descriptor->FindFieldByName("metadata")) continue;
    bool seen = std::any_of(out.begin(), out.end(), [&](const auto& w) {
      return w.group == r.group && w.resource == r.plural;
    });
    if (!seen) out.push_back({r.group, r.plural, r.namespaced, nullptr});
  }
  return out;
}

caf::actor spawn_garbage_collector(caf::actor_system& sys, gc_options options, gc_deps deps) {
  auto st = std::make_shared<gc_state>();
  st->opts = options;
  st->deps = std::move(deps);
  if (!st->deps.log) st->deps.log = spdlog::default_logger();
  return sys.spawn(collector, st);
}

}  // namespace kactor::controllers::gc
