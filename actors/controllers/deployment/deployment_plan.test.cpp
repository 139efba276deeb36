#include "actors/controllers/deployment/deployment_plan.hpp"

#include <doctest/doctest.h>

#include "actors/controllers/deployment/template_hash.hpp"

using namespace kactor;
using namespace kactor::controllers::deployment;
using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;

namespace {

constexpr messages::timestamp now{1'000'000, 0};

Deployment web(int replicas, const std::string& image) {
  Deployment d;
  d.mutable_metadata()->set_name("web");
  d.mutable_metadata()->set_namespace_("default");
  d.mutable_metadata()->set_uid("d-uid");
  d.mutable_metadata()->set_generation(1);
  d.mutable_spec()->set_replicas(replicas);
  d.mutable_spec()->set_progressdeadlineseconds(600);
  d.mutable_spec()->set_revisionhistorylimit(10);
  d.mutable_spec()->mutable_strategy()->set_type("RollingUpdate");
  (*d.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = "web";
  auto* t = d.mutable_spec()->mutable_template_();
  (*t->mutable_metadata()->mutable_labels())["app"] = "web";
  auto* c = t->mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image(image);
  return d;
}

// The RS the deployment would create, as it is once it ran `spec` pods, `available` of them.
ReplicaSet existing(const Deployment& d, int spec, int available, const std::string& revision,
                    std::int64_t created) {
  auto rs = new_replicaset(d, spec, revision);
  rs.mutable_metadata()->set_uid("uid-" + revision);
  *rs.mutable_metadata()->mutable_creationtimestamp() = messages::to_time({created, 0});
  rs.mutable_status()->set_replicas(spec);
  rs.mutable_status()->set_readyreplicas(available);
  rs.mutable_status()->set_availablereplicas(available);
  return rs;
}

const k8s::apps::v1::DeploymentCondition* condition(const deployment_plan& p,
                                                    const std::string& type) {
  return p.status ? find_condition(*p.status, type) : nullptr;
}

}  // namespace

TEST_CASE("plan: a new deployment creates its ReplicaSet with revision 1") {
  auto d = web(3, "host:v1");
  auto p = plan_deployment({&d, {}, {}, now});
  REQUIRE(p.create);
  auto hash = pod_template_hash(d.spec().template_(), std::nullopt);
  CHECK(p.create->metadata().name() == "web-" + hash);
  CHECK(p.create->spec().replicas() == 3);  // surge room: 3 + 1
  CHECK(p.create->spec().selector().matchlabels().at(pod_template_hash_label) == hash);
  CHECK(p.create->spec().template_().metadata().labels().at(pod_template_hash_label) == hash);
  CHECK(p.create->metadata().labels().at("app") == "web");
  const auto& a = p.create->metadata().annotations();
  CHECK(a.at(revision_annotation) == "1");
  CHECK(a.at(desired_replicas_annotation) == "3");
  CHECK(a.at(max_replicas_annotation) == "4");
  CHECK(p.create->metadata().ownerreferences(0).kind() == "Deployment");
  CHECK(p.events == std::vector<std::string>{"Scaled up replica set web-" + hash + " from 0 to 3"});
  CHECK(p.revision == "1");
  REQUIRE(condition(p, "Progressing"));
  CHECK(condition(p, "Progressing")->reason() == "NewReplicaSetCreated");
  CHECK(condition(p, "Progressing")->message() == "Created new replica set \"web-" + hash + "\"");
  REQUIRE(condition(p, "Available"));
  CHECK(condition(p, "Available")->reason() == "MinimumReplicasUnavailable");
}

TEST_CASE("plan: a rolling update surges the new RS, then scales the old one down") {
  auto v1 = web(3, "host:v1");
  auto old = existing(v1, 3, 3, "1", 100);
  auto v2 = web(3, "host:v2");
  v2.mutable_metadata()->set_generation(2);
  auto p = plan_deployment({&v2, {&old}, {}, now});
  REQUIRE(p.create);
  CHECK(p.create->spec().replicas() == 1);  // 3 + surge 1 - 3 old
  CHECK(p.create->metadata().annotations().at(revision_annotation) == "2");
  CHECK(p.updates.empty());  // the new pod is not available yet: no old pod may go
  CHECK(p.revision == "2");

  auto fresh = existing(v2, 1, 1, "2", 200);
  p = plan_deployment({&v2, {&old, &fresh}, {}, now});
  CHECK(!p.create);
  REQUIRE(p.updates.size() == 1);
  CHECK(p.updates[0].metadata().name() == old.metadata().name());
  CHECK(p.updates[0].spec().replicas() == 2);
  CHECK(p.events.back() == "Scaled down replica set " + old.metadata().name() + " from 3 to 2");

  auto old2 = existing(v1, 2, 2, "1", 100);
  p = plan_deployment({&v2, {&old2, &fresh}, {}, now});
  REQUIRE(p.updates.size() == 1);  // room again: the new RS grows
  CHECK(p.updates[0].metadata().name() == fresh.metadata().name());
  CHECK(p.updates[0].spec().replicas() == 2);
}

TEST_CASE("plan: a complete rollout reports NewReplicaSetAvailable and cleans up history") {
  auto v1 = web(3, "host:v1");
  auto old = existing(v1, 0, 0, "1", 100);
  auto v2 = web(3, "host:v2");
  v2.mutable_spec()->set_revisionhistorylimit(0);
  auto current = existing(v2, 3, 3, "2", 200);
  v2.mutable_status()->set_replicas(3);
  v2.mutable_status()->set_updatedreplicas(3);
  v2.mutable_status()->set_availablereplicas(3);
  v2.mutable_status()->set_observedgeneration(1);
  auto p = plan_deployment({&v2, {&old, &current}, {}, now});
  CHECK(p.updates.empty());
  REQUIRE(p.deletes.size() == 1);
  CHECK(p.deletes[0] == &old);
  REQUIRE(condition(p, "Progressing"));
  CHECK(condition(p, "Progressing")->reason() == "NewReplicaSetAvailable");
  CHECK(condition(p, "Progressing")->message() ==
        "ReplicaSet \"" + current.metadata().name() + "\" has successfully progressed.");
  CHECK(condition(p, "Available")->reason() == "MinimumReplicasAvailable");
  CHECK(p.status->updatedreplicas() == 3);
  CHECK(p.status->unavailablereplicas() == 0);
}

TEST_CASE("plan: replicas changed: the only active RS is scaled, annotations follow") {
  auto d = web(3, "host:v1");
  auto rs = existing(d, 3, 3, "1", 100);
  d.mutable_spec()->set_replicas(5);
  auto p = plan_deployment({&d, {&rs}, {}, now});
  REQUIRE(p.updates.size() == 1);
  CHECK(p.updates[0].spec().replicas() == 5);
  CHECK(p.updates[0].metadata().annotations().at(desired_replicas_annotation) == "5");
  CHECK(p.updates[0].metadata().annotations().at(max_replicas_annotation) == "7");
}

TEST_CASE("plan: paused deployments do not roll out") {
  auto v1 = web(3, "host:v1");
  auto rs = existing(v1, 3, 3, "1", 100);
  auto v2 = web(3, "host:v2");
  v2.mutable_spec()->set_paused(true);
  auto p = plan_deployment({&v2, {&rs}, {}, now});
  CHECK(!p.create);
  CHECK(p.updates.empty());
  REQUIRE(condition(p, "Progressing"));
  CHECK(condition(p, "Progressing")->reason() == "DeploymentPaused");
}

TEST_CASE("plan: Recreate scales old to zero, waits for old pods, then creates") {
  auto v1 = web(2, "host:v1");
  auto v2 = web(2, "host:v2");
  v2.mutable_spec()->mutable_strategy()->set_type("Recreate");
  auto old = existing(v1, 2, 2, "1", 100);
  auto p = plan_deployment({&v2, {&old}, {}, now});
  CHECK(!p.create);
  REQUIRE(p.updates.size() == 1);
  CHECK(p.updates[0].spec().replicas() == 0);

  auto drained = existing(v1, 0, 0, "1", 100);
  p = plan_deployment({&v2, {&drained}, {"uid-1"}, now});
  CHECK(!p.create);  // a pod of the old RS still runs
  p = plan_deployment({&v2, {&drained}, {}, now});
  REQUIRE(p.create);
  CHECK(p.create->spec().replicas() == 2);
}

TEST_CASE("plan: going back to an old template reuses its RS with the next revision") {
  auto v1 = web(3, "host:v1");
  auto v2 = web(3, "host:v2");
  auto first = existing(v1, 0, 0, "1", 100);
  auto second = existing(v2, 3, 3, "2", 200);
  auto p = plan_deployment({&v1, {&first, &second}, {}, now});
  CHECK(!p.create);
  REQUIRE(!p.updates.empty());
  const auto& reused = p.updates[0];
  CHECK(reused.metadata().name() == first.metadata().name());
  CHECK(reused.metadata().annotations().at(revision_annotation) == "3");
  CHECK(reused.metadata().annotations().at(revision_history_annotation) == "1");
  CHECK(reused.spec().replicas() == 1);  // surge room
  CHECK(p.revision == "3");
}
