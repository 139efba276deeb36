#include "bench/etcd_kactor_actors.hpp"

#include <string>

#include "actors/bus/subjects.hpp"
#include "kactor/bus.pb.h"

namespace kactor::bench {

namespace {

namespace v1 = kactor::bus::v1;

std::string create_request(const std::string& name) {
  v1::CreateRequest req;
  auto* ref = req.mutable_ref();
  ref->set_group("");
  ref->set_resource("configmaps");
  ref->set_namespace_(bench_namespace);
  ref->set_name(name);
  req.set_object(bench_value(name));
  return req.SerializeAsString();
}

// "" when the reply is a success, else why not.
std::string reply_error(const std::string& data) {
  v1::WriteReply reply;
  if (!reply.ParseFromString(data)) return "kactor create: unparsable reply";
  if (reply.error().code() == v1::Error::CODE_UNSPECIFIED) return "";
  return "kactor create: " + v1::Error::Code_Name(reply.error().code()) + " " +
         reply.error().message();
}

}  // namespace

caf::behavior put_client(caf::stateful_actor<put_client_state>* self,
                         std::shared_ptr<bus::connection> conn, std::shared_ptr<put_context> ctx,
                         int index) {
  static const std::string subject = bus::subjects::state(bus::subjects::state_verb::create);
  auto finish = [=](const std::string& error) {
    auto& log = ctx->logs[static_cast<std::size_t>(index)];
    if (!error.empty()) {
      ++log.errors;
      log.first_error = error;
    }
    ctx->done.finish();
    self->quit();
  };
  auto send = [=] {
    auto& st = self->state;
    auto data = create_request(bench_name(ctx->spec.run, index, st.next));
    st.sent = bench_clock::now();
    auto id =
        conn->request(subject, data, ctx->spec.put_timeout, caf::actor_cast<caf::actor>(self));
    if (!id) finish("bus: " + bus::describe(id.error()));
  };
  // After each outcome: record it, then the next put or the end.
  auto next = [=](const std::string& error) {
    auto acked = bench_clock::now();
    auto& st = self->state;
    if (!error.empty()) return finish(error);
    ctx->logs[static_cast<std::size_t>(index)].puts.push_back({st.next, st.sent, acked});
    ++st.next;
    bool interrupted = ctx->spec.interrupted != nullptr && ctx->spec.interrupted->load();
    if (acked >= ctx->deadline || interrupted) return finish("");
    send();
  };
  return {
      [=](start_atom) { send(); },
      [=](bus::reply_atom, std::uint64_t, const std::string& data) { next(reply_error(data)); },
      [=](bus::reply_atom, std::uint64_t, const caf::error& err) {
        next("bus: " + bus::describe(err));
      },
  };
}

caf::behavior watch_recorder(caf::event_based_actor* self, std::shared_ptr<watch_context> ctx) {
  return {
      [=](bus::msg_atom, const std::string&, const std::string&, const std::string& data) {
        auto at = bench_clock::now();
        v1::WatchEvent event;
        if (!event.ParseFromString(data) || event.type() != v1::WatchEvent::ADDED) return;
        ctx->log.events.emplace_back(event.name(), at);
        ctx->count.store(ctx->log.events.size());
      },
      [=](sync_atom) { return true; },
  };
}

}  // namespace kactor::bench
