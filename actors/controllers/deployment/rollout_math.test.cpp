#include "actors/controllers/deployment/rollout_math.hpp"

#include <doctest/doctest.h>

using namespace kactor::controllers::deployment;

namespace {

k8s::util::IntOrString percent(const std::string& s) {
  k8s::util::IntOrString v;
  v.set_type(1);
  v.set_strval(s);
  return v;
}

k8s::util::IntOrString number(int n) {
  k8s::util::IntOrString v;
  v.set_type(0);
  v.set_intval(n);
  return v;
}

k8s::apps::v1::Deployment rolling(int replicas, const k8s::util::IntOrString* surge = nullptr,
                                  const k8s::util::IntOrString* unavailable = nullptr) {
  k8s::apps::v1::Deployment d;
  d.mutable_spec()->set_replicas(replicas);
  d.mutable_spec()->mutable_strategy()->set_type("RollingUpdate");
  auto* ru = d.mutable_spec()->mutable_strategy()->mutable_rollingupdate();
  if (surge) *ru->mutable_maxsurge() = *surge;
  if (unavailable) *ru->mutable_maxunavailable() = *unavailable;
  return d;
}

}  // namespace

TEST_CASE("scaled_value: ints, percentages rounded up or down") {
  auto q = percent("25%");
  CHECK(scaled_value(&q, 10, true, -1) == 3);
  CHECK(scaled_value(&q, 10, false, -1) == 2);
  CHECK(scaled_value(&q, 4, true, -1) == 1);
  auto n = number(7);
  CHECK(scaled_value(&n, 10, true, -1) == 7);
  auto bad = percent("x%");
  CHECK(scaled_value(&bad, 10, true, -1) == -1);
  CHECK(scaled_value(nullptr, 10, true, 5) == 5);
}

TEST_CASE("resolve_fenceposts: defaults 25%, surge up, unavailable down, never both zero") {
  auto f = resolve_fenceposts(rolling(10));
  CHECK(f.max_surge == 3);
  CHECK(f.max_unavailable == 2);
  f = resolve_fenceposts(rolling(1));
  CHECK(f.max_surge == 1);
  CHECK(f.max_unavailable == 0);
  auto zero = number(0);
  f = resolve_fenceposts(rolling(3, &zero, &zero));
  CHECK(f.max_surge == 0);
  CHECK(f.max_unavailable == 1);
  auto two = number(2);
  CHECK(max_unavailable(rolling(1, &zero, &two)) == 1);  // never more than replicas
  auto recreate = rolling(5);
  recreate.mutable_spec()->mutable_strategy()->set_type("Recreate");
  CHECK(resolve_fenceposts(recreate).max_surge == 0);
  CHECK(max_unavailable(recreate) == 0);
  CHECK(new_rs_replicas(recreate, 5, 0) == 5);
}

TEST_CASE("new_rs_replicas: grows by the surge room, never past replicas") {
  auto d = rolling(10);  // surge 3
  CHECK(new_rs_replicas(d, 10, 0) == 3);
  CHECK(new_rs_replicas(d, 13, 3) == 3);
  CHECK(new_rs_replicas(d, 10, 8) == 10);
  CHECK(new_rs_replicas(d, 11, 5) == 7);
}

TEST_CASE("scale_down_old: the worked example, unhealthy first, availability kept") {
  auto d = rolling(10);  // surge 3, unavailable 2: min available 8
  CHECK(scale_down_old(d, {3, 0}, {{10, 10}}) == std::vector<int>{8});
  // 3 unhealthy old pods: 2 of them go (the budget), none of the available ones.
  CHECK(scale_down_old(d, {3, 0}, {{10, 7}}) == std::vector<int>{8});
  // The new RS is fully available: old pods go down to what availability allows.
  CHECK(scale_down_old(d, {10, 10}, {{3, 3}}) == std::vector<int>{0});
  CHECK(scale_down_old(d, {5, 5}, {{2, 2}, {6, 6}}) == std::vector<int>{0, 3});
  CHECK(scale_down_old(d, {3, 0}, {{0, 0}}) == std::vector<int>{0});
}

TEST_CASE("scale_proportionally: shares of the new size, leftover to the first") {
  auto d = rolling(20);  // surge 5: 25 allowed
  d.mutable_status()->set_replicas(13);
  CHECK(scale_proportionally(d, {10, 3}, {13, 13}) == std::vector<int>{19, 6});
  CHECK(scale_proportionally(d, {10, 3}, {-1, -1}) == std::vector<int>{19, 6});
  auto down = rolling(5);  // surge 2: 7 allowed
  CHECK(scale_proportionally(down, {10, 3}, {13, 13}) == std::vector<int>{5, 2});
  auto none = rolling(0);
  CHECK(scale_proportionally(none, {10, 3}, {13, 13}) == std::vector<int>{0, 0});
}

TEST_CASE("deployment_complete") {
  auto d = rolling(3);
  d.mutable_metadata()->set_generation(2);
  k8s::apps::v1::DeploymentStatus s;
  s.set_replicas(3);
  s.set_updatedreplicas(3);
  s.set_availablereplicas(3);
  s.set_observedgeneration(2);
  CHECK(deployment_complete(d, s));
  s.set_replicas(4);
  CHECK(!deployment_complete(d, s));
  s.set_replicas(3);
  s.set_observedgeneration(1);
  CHECK(!deployment_complete(d, s));
}
