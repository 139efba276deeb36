#include "storage/state/state_actor.hpp"

#include <spdlog/spdlog.h>

#include <unordered_map>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/event_based_actor.hpp>

#include "storage/state/event_streams.hpp"
#include "storage/state/reply_error.hpp"
#include "storage/state/state_verbs.hpp"
#include "storage/state/write_plan.hpp"

namespace kactor::state {

namespace {

using committed_atom = caf::atom_constant<caf::atom("st_commit")>;
using tick_atom = caf::atom_constant<caf::atom("st_tick")>;

// The outcome of one submitted write, posted by the committer's completion.
struct commit_outcome {
  std::uint64_t id = 0;
  storage::result<storage::write_result> result;
};

}  // namespace

}  // namespace kactor::state

// Only ever sent within the process.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::state::commit_outcome)

namespace kactor::state {

namespace {

class state_actor : public caf::event_based_actor {
 public:
  state_actor(caf::actor_config& cfg, state_actor_deps deps)
      : caf::event_based_actor(cfg),
        deps_(std::move(deps)),
        streams_(*deps_.keys, deps_.options.epoch, current_revision()) {}

  const char* name() const override { return "kactor-state"; }

  caf::behavior make_behavior() override {
    send(this, tick_atom::value);  // the first bookmarks announce the epoch at once
    return {
        [this](bus::msg_atom, const std::string& subject, const std::string& reply,
               const std::string& data) { on_request(subject, reply, data); },
        [this](committed_atom, commit_outcome& outcome) { on_committed(outcome); },
        [this](tick_atom) { on_tick(); },
        [](drain_atom) { return drain_atom::value; },
        [](bus::slow_atom, const std::string& subject) {
          spdlog::warn("state: requests on {} were dropped (slow consumer)", subject);
        },
    };
  }

 private:
  struct pending {
    write_plan plan;
    std::string reply;
  };

  storage::revision current_revision() {
    auto stats = deps_.db->stats();
    return stats ? stats->current : 0;
  }

  void respond(const std::string& reply, const std::string& data) {
    if (reply.empty()) return;
    if (auto err = deps_.rpc->respond(reply, data))
      spdlog::warn("state: reply to {} failed: {}", reply, bus::describe(err));
  }

  void on_request(const std::string& subject, const std::string& reply, const std::string& data) {
    auto verb = verbs::verb_of(subject);
    int failed_op = -1;
    auto plan = plan_write(verb, data, *deps_.keys, deps_.db->options().limits, &failed_op);
    if (!plan) {
      respond(reply, rejection_reply(verb, to_bus_error(plan.error()), failed_op));
      return;
    }
    auto id = ++next_id_;
    auto request = std::move(plan->request);  // the reply needs only the verb and keys
    pending_.emplace(id, pending{std::move(*plan), reply});
    auto self = caf::actor_cast<caf::actor>(this);
    auto submitted = deps_.writer->submit(
        std::move(request), [self, id](storage::result<storage::write_result> outcome) {
          caf::anon_send(self, committed_atom::value, commit_outcome{id, std::move(outcome)});
        });
    if (!submitted) {
      auto entry = pending_.extract(id);
      respond(reply, rejection_reply(entry.mapped().plan.verb, to_bus_error(submitted.error())));
    }
  }

  void on_committed(commit_outcome& outcome) {
    auto entry = pending_.extract(outcome.id);
    if (entry.empty()) {
      spdlog::error("state: outcome of unknown write {}", outcome.id);
      return;
    }
    auto lookup = [this](const std::string& key) -> std::optional<storage::revision> {
      auto kv = deps_.db->get(key);
      if (!kv) return std::nullopt;
      return kv->mod_revision;
    };
    respond(entry.mapped().reply, write_reply(entry.mapped().plan, outcome.result, lookup));
    if (outcome.result) publish(streams_.on_commit(*outcome.result));
  }

  void on_tick() {
    auto interval = deps_.options.bookmark_interval;
    auto every = std::max<std::int64_t>(1, deps_.options.bookmark_all_interval / interval);
    publish(streams_.bookmarks(ticks_ % every == 0));
    ++ticks_;
    delayed_send(this, interval, tick_atom::value);
  }

  void publish(const std::vector<publication>& publications) {
    for (const auto& p : publications) {
      // A lost event shows as a sequence gap to subscribers, who then catch up.
      if (auto err = deps_.events->publish(p.subject, p.payload))
        spdlog::warn("state: publish on {} failed: {}", p.subject, bus::describe(err));
    }
  }

  state_actor_deps deps_;
  event_streams streams_;
  std::unordered_map<std::uint64_t, pending> pending_;
  std::uint64_t next_id_ = 0;
  std::uint64_t ticks_ = 0;
};

}  // namespace

caf::actor spawn_state_actor(caf::actor_system& sys, state_actor_deps deps) {
  return sys.spawn<state_actor, caf::detached>(std::move(deps));
}

}  // namespace kactor::state
