#include "actors/controllers/namespace/namespace_controller.hpp"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "actors/informer/informer.hpp"
#include "k8s/core/v1/namespace.pb.h"
#include "messages/registry.hpp"

namespace kactor::controllers::ns {

namespace {

using tick_atom = caf::atom_constant<caf::atom("ns_tick")>;
using done_atom = caf::atom_constant<caf::atom("ns_done")>;
using k8s::core::v1::Namespace;

bool allows(const messages::resource_info& r, std::string_view verb) {
  return std::find(r.verbs.begin(), r.verbs.end(), verb) != r.verbs.end();
}

// Objects in a list reply (its repeated `items` field).
int item_count(const apiclient::api_reply& r) {
  if (!r.object) return 0;
  const auto* items = r.object->GetDescriptor()->FindFieldByName("items");
  return items ? r.object->GetReflection()->FieldSize(*r.object, items) : 0;
}

// One cleaning round of one namespace: delete every collection, then count what is left;
// when nothing is, finalize and delete the namespace. Reports (done_atom, ns) to `parent`.
caf::behavior cleaner(caf::event_based_actor* self, std::string ns,
                      std::shared_ptr<const apiclient::api_client> client, caf::actor parent,
                      std::shared_ptr<spdlog::logger> log) {
  auto resources = namespaced_resources();
  auto pending = std::make_shared<std::size_t>(resources.size());
  auto remaining = std::make_shared<int>(0);
  auto phase = std::make_shared<int>(0);  // 0 deleting, 1 counting, 2 finalizing, 3 deleting ns
  auto me = caf::actor_cast<caf::actor>(self);
  auto finish = [self, parent, ns] {
    self->send(parent, done_atom::value, ns);
    self->quit();
  };
  for (std::size_t i = 0; i < resources.size(); ++i) {
    bus::v1::ApiRequest req;
    req.set_method("DELETE");
    req.set_path(apiclient::url_path({resources[i].first, resources[i].second, ns, ""}));
    client->call(req, apiclient::reply_to(me, 0));
  }
  return {
      [=](apiclient::api_reply_atom, std::uint64_t, apiclient::api_reply& r) {
        if (*phase == 0 || *phase == 1) {
          if (*phase == 1) *remaining += r.ok() ? item_count(r) : 0;
          if (--*pending > 0) return;
          if (*phase == 0) {
            *phase = 1;
            *pending = resources.size();
            for (auto& [group, plural] : resources)
              client->get({group, plural, ns, ""}, apiclient::reply_to(me, 1));
            return;
          }
          if (*remaining > 0) return finish();  // pods still terminating: next round
          *phase = 2;
          client->get({"", "namespaces", "", ns}, apiclient::reply_to(me, 2));
          return;
        }
        if (*phase == 2) {
          auto* current = dynamic_cast<Namespace*>(r.object.get());
          if (!r.ok() || !current) return finish();
          auto* fins = current->mutable_spec()->mutable_finalizers();
          fins->erase(std::remove(fins->begin(), fins->end(), "kubernetes"), fins->end());
          *phase = 3;
          client->update_subresource(*current, "finalize", apiclient::reply_to(me, 3));
          return;
        }
        if (*phase == 3) {
          if (!r.ok()) {
            log->warn("namespace {}: finalize failed: {}", ns, r.describe());
            return finish();
          }
          *phase = 4;
          client->remove({"", "namespaces", "", ns}, {}, apiclient::reply_to(me, 4));
          return;
        }
        if (r.ok() || r.not_found()) log->info("namespace {} deleted", ns);
        finish();
      },
  };
}

struct controller_state {
  namespace_controller_options opts;
  namespace_controller_deps deps;
  std::set<std::string> busy;  // namespaces with a cleaning round running
};

}  // namespace

std::vector<std::pair<std::string, std::string>> namespaced_resources() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : messages::registry::generated().resources()) {
    if (!r.namespaced || !allows(r, "deletecollection") || !allows(r, "list")) continue;
    if (informer::registered_type(r.group, r.plural) != r.descriptor) continue;  // not stored
    auto key = std::make_pair(r.group, r.plural);
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  }
  return out;
}

caf::actor spawn_namespace_controller(caf::actor_system& sys, namespace_controller_options options,
                                      namespace_controller_deps deps) {
  auto st = std::make_shared<controller_state>();
  st->opts = options;
  st->deps = std::move(deps);
  if (!st->deps.log) st->deps.log = spdlog::default_logger();
  return sys.spawn([st](caf::event_based_actor* self) -> caf::behavior {
    self->send(self, tick_atom::value);
    return {
        [self, st](tick_atom) {
          self->delayed_send(self, st->opts.resync_period, tick_atom::value);
          if (!st->deps.namespaces->has_synced()) return;
          st->deps.namespaces->current()->for_each([&](const informer::object_ptr& obj) {
            const auto* n = obj->as<Namespace>();
            if (!n || !n->metadata().has_deletiontimestamp()) return;
            if (!st->busy.insert(n->metadata().name()).second) return;
            self->spawn(cleaner, n->metadata().name(), st->deps.client,
                        caf::actor_cast<caf::actor>(self), st->deps.log);
          });
        },
        [st](done_atom, const std::string& ns) { st->busy.erase(ns); },
    };
  });
}

}  // namespace kactor::controllers::ns
