#include "actors/supervision/actor_supervisor.hpp"

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/supervision/backoff.hpp"

namespace kactor::supervision {
namespace {

using respawn_atom = caf::atom_constant<caf::atom("sv_respawn")>;  // (name)

using clock = std::chrono::steady_clock;

struct child_entry {
  actor_spec spec;
  backoff delays;
  caf::actor current;
  clock::time_point started_at;
  std::uint64_t restarts = 0;
  bool restart_pending = false;
};

struct actor_supervisor_state {
  std::string name;
  std::shared_ptr<spdlog::logger> log;
  caf::actor listener;
  std::vector<child_entry> children;

  child_entry* find(const std::string& child_name) {
    for (auto& c : children)
      if (c.spec.name == child_name) return &c;
    return nullptr;
  }
};

using supervisor_actor = caf::stateful_actor<actor_supervisor_state>;

void spawn_child(supervisor_actor* self, child_entry& child) {
  child.current = child.spec.start(self->system());
  child.started_at = clock::now();
  child.restart_pending = false;
  self->link_to(child.current);
}

bool is_normal(const caf::error& reason) {
  return !reason || reason == caf::exit_reason::normal || reason == caf::exit_reason::user_shutdown;
}

void on_exit(supervisor_actor* self, caf::exit_msg& msg) {
  auto& st = self->state;
  for (auto& child : st.children) {
    if (child.current.address() != msg.source) continue;
    child.current = caf::actor{};
    if (is_normal(msg.reason)) {
      st.log->info("{}: {} stopped", st.name, child.spec.name);
      return;
    }
    auto uptime =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - child.started_at);
    auto delay = child.delays.next(uptime);
    st.log->error("{}: {} failed after {} ms ({}); restart #{} in {} ms", st.name, child.spec.name,
                  uptime.count(), caf::to_string(msg.reason), child.restarts + 1, delay.count());
    child.restart_pending = true;
    self->delayed_send(self, delay, respawn_atom::value, child.spec.name,
                       caf::to_string(msg.reason));
    return;
  }
  self->quit(msg.reason);  // not from a child: our parent or the system ends us (and, via links,
                           // the children)
}

caf::behavior actor_supervisor(supervisor_actor* self, std::string name,
                               std::vector<actor_spec> specs, std::shared_ptr<spdlog::logger> log,
                               caf::actor listener) {
  auto& st = self->state;
  st.name = std::move(name);
  st.log = log ? std::move(log) : spdlog::default_logger();
  st.listener = std::move(listener);
  for (auto& spec : specs)
    st.children.push_back(child_entry{spec, backoff{spec.restart}, {}, {}, 0, false});
  for (auto& child : st.children)
    spawn_child(self, child);
  self->set_exit_handler([self](caf::exit_msg& msg) { on_exit(self, msg); });
  return {
      [=](which_atom, const std::string& child_name) -> caf::actor {
        auto* child = self->state.find(child_name);
        return child != nullptr ? child->current : caf::actor{};
      },
      [=](respawn_atom, const std::string& child_name, const std::string& reason) {
        auto* child = self->state.find(child_name);
        if (child == nullptr || !child->restart_pending) return;
        ++child->restarts;
        spawn_child(self, *child);
        if (self->state.listener)
          self->send(self->state.listener, restarted_atom::value, child_name, child->restarts,
                     reason);
      },
  };
}

}  // namespace

caf::actor spawn_actor_supervisor(caf::actor_system& sys, std::string name,
                                  std::vector<actor_spec> children,
                                  std::shared_ptr<spdlog::logger> log, caf::actor listener) {
  return sys.spawn(actor_supervisor, std::move(name), std::move(children), std::move(log),
                   std::move(listener));
}

}  // namespace kactor::supervision
