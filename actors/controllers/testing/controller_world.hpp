#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/common/pod_readiness.hpp"
#include "actors/informer/informer.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"
#include "tests/support/cluster_fixture.hpp"

// Test support for the controllers' integration tests (header only, test code only): a real
// control plane (cluster_fixture), informers the test starts, and the test playing kubelet.
namespace kactor::controllers::test_support {

struct controller_world {
  kactor::testing::cluster_fixture f;
  std::shared_ptr<apiclient::api_client> client = f.client("controllers-test");
  std::vector<caf::actor> actors;  // exited by the destructor

  ~controller_world() {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }

  // Starts an informer of (group, resource) with `listeners`; returns its cache.
  std::shared_ptr<informer::cache> watch(const std::string& group, const std::string& resource,
                                         std::vector<caf::actor> listeners) {
    auto cache = std::make_shared<informer::cache>();
    informer::informer_options io;
    io.group = group;
    io.resource = resource;
    io.listeners = std::move(listeners);
    auto inf = informer::spawn_informer(f.sys, io, {f.open(false), f.open(true), cache, nullptr});
    REQUIRE(inf);
    actors.push_back(*inf);
    return cache;
  }

  apiclient::api_reply get(const std::string& group, const std::string& resource,
                           const std::string& name, const std::string& ns = "default") {
    return f.call([&](auto done) { client->get({group, resource, ns, name}, done); });
  }

  // The objects of a list call (`items`), decoded.
  template <class T>
  std::vector<T> list(const std::string& group, const std::string& resource,
                      const std::string& ns = "default") {
    auto r = get(group, resource, "", ns);
    std::vector<T> out;
    if (!r.ok() || !r.object) return out;
    const auto* field = r.object->GetDescriptor()->FindFieldByName("items");
    const auto& refl = *r.object->GetReflection();
    for (int i = 0; i < refl.FieldSize(*r.object, field); ++i)
      out.push_back(dynamic_cast<const T&>(refl.GetRepeatedMessage(*r.object, field, i)));
    return out;
  }

  // Plays kubelet: every pod of the namespace that is not ready becomes Running and Ready.
  void make_pods_ready(const std::string& ns = "default") {
    for (auto& pod : list<k8s::core::v1::Pod>("", "pods", ns)) {
      if (is_pod_ready(pod) || pod.metadata().has_deletiontimestamp()) continue;
      pod.mutable_status()->set_phase("Running");
      auto* c = pod.mutable_status()->add_conditions();
      c->set_type("Ready");
      c->set_status("True");
      *c->mutable_lasttransitiontime() = messages::to_time(messages::now());
      f.call([&](auto done) { client->update_status(pod, done); });
    }
  }
};

// A Deployment of `replicas` pods running `image` (a host-runtime container), selector app=name.
inline k8s::apps::v1::Deployment deployment(const std::string& name, int replicas,
                                            const std::string& image) {
  k8s::apps::v1::Deployment d;
  d.mutable_metadata()->set_name(name);
  d.mutable_metadata()->set_namespace_("default");
  d.mutable_spec()->set_replicas(replicas);
  (*d.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = name;
  auto* t = d.mutable_spec()->mutable_template_();
  (*t->mutable_metadata()->mutable_labels())["app"] = name;
  auto* c = t->mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image(image);
  c->add_command("sleep");
  c->add_args("3600");
  return d;
}

}  // namespace kactor::controllers::test_support
