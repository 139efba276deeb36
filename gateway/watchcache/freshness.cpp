#include "gateway/watchcache/freshness.hpp"

#include <caf/all.hpp>

#include "actors/informer/informer.hpp"

namespace kactor::watchcache {
namespace {

struct freshness_state {
  freshness_options options;
  std::shared_ptr<fresh_gauge> gauge;
  std::vector<fresh_target> targets;
  std::map<std::uint64_t, fresh_waiter> waiters;  // by id
  std::uint64_t next_id = 1;
  bool ticking = false;
};

using freshness_actor = caf::stateful_actor<freshness_state>;

bool is_fresh(const freshness_state& st, const fresh_waiter& w) {
  return w.resource < st.targets.size() &&
         st.targets[w.resource].cache->current()->revision() >= w.revision;
}

void answer(freshness_state& st, std::map<std::uint64_t, fresh_waiter>::iterator it, bool fresh) {
  auto done = std::move(it->second.done);
  st.waiters.erase(it);
  st.gauge->waiting.store(st.waiters.size(), std::memory_order_relaxed);
  if (done) done(fresh);
}

void check_all(freshness_state& st) {
  for (auto it = st.waiters.begin(); it != st.waiters.end();) {
    auto current = it++;
    if (is_fresh(st, current->second)) answer(st, current, true);
  }
}

void keep_ticking(freshness_actor* self) {
  if (self->state.ticking || self->state.waiters.empty()) return;
  self->state.ticking = true;
  self->delayed_send(self, self->state.options.poll_interval, fresh_tick_atom::value);
}

caf::behavior freshness(freshness_actor* self, freshness_options options,
                        std::shared_ptr<fresh_gauge> gauge) {
  self->state.options = options;
  self->state.gauge = std::move(gauge);
  // Every waiter gets its answer, also when the cache stops: false for those still waiting.
  self->set_exit_handler([self](caf::exit_msg& msg) {
    auto& st = self->state;
    while (!st.waiters.empty())
      answer(st, st.waiters.begin(), false);
    self->quit(msg.reason);
  });
  return {
      [=](fresh_targets_atom, std::vector<fresh_target>& targets) {
        self->state.targets = std::move(targets);
      },
      [=](fresh_wait_atom, fresh_waiter& w) {
        auto& st = self->state;
        if (is_fresh(st, w) || w.resource >= st.targets.size()) {
          if (w.done) w.done(w.resource < st.targets.size());
          return;
        }
        auto now = std::chrono::steady_clock::now();
        auto id = st.next_id++;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(w.deadline - now);
        self->delayed_send(self, std::max(left, std::chrono::milliseconds(0)),
                           fresh_expire_atom::value, id);
        if (left > st.options.resync_after)
          self->delayed_send(self, st.options.resync_after, fresh_nudge_atom::value, id);
        st.waiters.emplace(id, std::move(w));
        st.gauge->waiting.store(st.waiters.size(), std::memory_order_relaxed);
        keep_ticking(self);
      },
      [=](fresh_check_atom) { check_all(self->state); },
      [=](fresh_tick_atom) {
        self->state.ticking = false;
        check_all(self->state);
        keep_ticking(self);
      },
      [=](fresh_expire_atom, std::uint64_t id) {
        auto it = self->state.waiters.find(id);
        if (it == self->state.waiters.end()) return;
        answer(self->state, it, is_fresh(self->state, it->second));
      },
      [=](fresh_nudge_atom, std::uint64_t id) {
        auto it = self->state.waiters.find(id);
        if (it == self->state.waiters.end()) return;
        // Still behind: the revision may lie beyond this resource's last change (another
        // resource's write), which only a catch-up read (or a bookmark, up to 30 s) shows.
        const auto& informer = self->state.targets[it->second.resource].informer;
        if (informer) self->send(informer, informer::resync_atom::value);
      },
  };
}

}  // namespace

caf::actor spawn_freshness(caf::actor_system& sys, freshness_options options,
                           std::shared_ptr<fresh_gauge> gauge) {
  return sys.spawn(freshness, options, std::move(gauge));
}

}  // namespace kactor::watchcache
