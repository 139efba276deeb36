#include "gateway/rest/namespace_bootstrap.hpp"

#include <set>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "gateway/admission/apply_defaults.hpp"
#include "gateway/rest/object_meta.hpp"
#include "k8s/core/v1/namespace.pb.h"
#include "messages/time.hpp"

namespace kactor::rest {

namespace bv1 = kactor::bus::v1;

namespace {

using tick_atom = caf::atom_constant<caf::atom("ns_tick")>;
using created_atom = caf::atom_constant<caf::atom("ns_made")>;

std::string namespace_bytes(const std::string& name) {
  k8s::core::v1::Namespace ns;
  ns.mutable_metadata()->set_name(name);
  ns.mutable_metadata()->set_uid(new_uid());
  *ns.mutable_metadata()->mutable_creationtimestamp() = messages::to_time(messages::now());
  (*ns.mutable_metadata()->mutable_labels())["kubernetes.io/metadata.name"] = name;
  admission::apply_defaults(ns);
  admission::prepare_for_create(ns);
  return ns.SerializeAsString();
}

}  // namespace

caf::actor spawn_namespace_bootstrap(std::shared_ptr<api_context> ctx,
                                     std::vector<std::string> names,
                                     std::shared_ptr<std::atomic<bool>> done) {
  return ctx->system().spawn([ctx, names, done](caf::event_based_actor* self) -> caf::behavior {
    auto missing = std::make_shared<std::set<std::string>>(names.begin(), names.end());
    self->send(self, tick_atom::value);
    return {
        [=](tick_atom) {
          if (missing->empty()) {
            done->store(true);
            self->quit();
            return;
          }
          for (auto& name : *missing) {
            bv1::CreateRequest req;
            req.mutable_ref()->set_resource("namespaces");
            req.mutable_ref()->set_name(name);
            req.set_object(namespace_bytes(name));
            auto me = caf::actor_cast<caf::actor>(self);
            ctx->state().call_typed<bv1::WriteReply>(
                bus::subjects::state_verb::create, req,
                [me, name, ctx](caf::expected<bv1::WriteReply> reply) {
                  if (!reply) return;  // the state actor is not up yet: the next tick retries
                  auto code = reply->error().code();
                  if (code == bv1::Error::CODE_UNSPECIFIED) {
                    ctx->note_write("", "namespaces", reply->revision());
                    ctx->log().info("created namespace {}", name);
                  }
                  if (code == bv1::Error::CODE_UNSPECIFIED || code == bv1::Error::ALREADY_EXISTS)
                    caf::anon_send(me, created_atom::value, name);
                });
          }
          self->delayed_send(self, std::chrono::milliseconds(500), tick_atom::value);
        },
        [=](created_atom, const std::string& name) { missing->erase(name); },
    };
  });
}

}  // namespace kactor::rest
