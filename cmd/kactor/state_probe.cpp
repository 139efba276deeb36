#include "cmd/kactor/state_probe.hpp"

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/bus/connection.hpp"
#include "actors/bus/subjects.hpp"
#include "kactor/bus.pb.h"

namespace kactor::cmd {

std::optional<std::string> state_health::failure() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return failure_;
}

std::uint64_t state_health::revision() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return revision_;
}

void state_health::set_answered(std::uint64_t revision) {
  std::lock_guard<std::mutex> guard{mutex_};
  failure_.reset();
  revision_ = revision;
}

void state_health::set_failure(std::string why) {
  std::lock_guard<std::mutex> guard{mutex_};
  failure_ = std::move(why);
}

namespace {

using probe_atom = caf::atom_constant<caf::atom("st_probe")>;

struct probe_state {
  std::shared_ptr<bus::connection> conn;
  std::shared_ptr<state_health> health;
  std::shared_ptr<spdlog::logger> log;
  state_probe_callbacks callbacks;
  state_probe_options options;
  std::uint64_t pending = 0;  // id of the request in flight; 0: none
  bool answered = false;      // at least once
  bool failing = false;       // the last request failed after an answer (logged once)
  bool lost = false;          // the state actor is gone: no more requests
};

using probe_actor = caf::stateful_actor<probe_state>;

void schedule(probe_actor* self) {
  auto& st = self->state;
  auto wait = st.health->failure() ? st.options.retry_interval : st.options.interval;
  self->delayed_send(self, wait, probe_atom::value);
}

void failed(probe_actor* self, std::string why) {
  auto& st = self->state;
  if (st.answered && !st.failing) st.log->warn("the state role does not answer: {}", why);
  st.failing = st.answered;
  st.health->set_failure(std::move(why));
  schedule(self);
}

void answered(probe_actor* self, const std::string& data) {
  auto& st = self->state;
  bus::v1::StatusReply reply;
  if (!reply.ParseFromString(data)) return failed(self, "status: the reply does not parse");
  if (reply.error().code() != bus::v1::Error::CODE_UNSPECIFIED)
    return failed(self, "status: " + bus::v1::Error::Code_Name(reply.error().code()) + ": " +
                            reply.error().message());
  if (st.failing) st.log->info("the state role answers again (revision {})", reply.revision());
  st.failing = false;
  st.health->set_answered(reply.revision());
  if (!st.answered) {
    st.answered = true;
    if (st.callbacks.ready) st.callbacks.ready(reply.revision());
  }
  schedule(self);
}

caf::behavior state_probe(probe_actor* self, probe_state init, caf::actor state_actor) {
  self->state = std::move(init);
  self->monitor(state_actor);
  self->set_down_handler([self](caf::down_msg& msg) {
    auto& st = self->state;
    if (st.lost) return;
    st.lost = true;
    auto why = "the state actor stopped: " + caf::to_string(msg.reason);
    st.health->set_failure(why);
    if (st.callbacks.lost) st.callbacks.lost(why);
  });
  self->send(self, probe_atom::value);
  return {
      [self](probe_atom) {
        auto& st = self->state;
        if (st.lost) return;
        static const std::string subject = bus::subjects::state(bus::subjects::state_verb::status);
        auto id = st.conn->request(subject, bus::v1::StatusRequest{}.SerializeAsString(),
                                   st.options.timeout, caf::actor_cast<caf::actor>(self));
        if (!id) return failed(self, "status: " + bus::describe(id.error()));
        st.pending = *id;
      },
      [self](bus::reply_atom, std::uint64_t id, const std::string& data) {
        if (id != self->state.pending || self->state.lost) return;
        self->state.pending = 0;
        answered(self, data);
      },
      [self](bus::reply_atom, std::uint64_t id, const caf::error& err) {
        if (id != self->state.pending || self->state.lost) return;
        self->state.pending = 0;
        failed(self, "status: " + bus::describe(err));
      },
  };
}

}  // namespace

caf::actor spawn_state_probe(caf::actor_system& sys, std::shared_ptr<bus::connection> conn,
                             caf::actor state_actor, std::shared_ptr<state_health> health,
                             std::shared_ptr<spdlog::logger> log, state_probe_callbacks callbacks,
                             state_probe_options options) {
  probe_state init;
  init.conn = std::move(conn);
  init.health = std::move(health);
  init.log = std::move(log);
  init.callbacks = std::move(callbacks);
  init.options = options;
  return sys.spawn(state_probe, std::move(init), std::move(state_actor));
}

}  // namespace kactor::cmd
