#include "actors/scheduler/selectors.hpp"

#include <doctest/doctest.h>

using namespace kactor::scheduler;

namespace {

k8s::core::v1::Taint taint(std::string key, std::string value, std::string effect) {
  k8s::core::v1::Taint t;
  t.set_key(key);
  t.set_value(value);
  t.set_effect(effect);
  return t;
}

k8s::core::v1::Toleration toleration(std::string key, std::string op, std::string value,
                                     std::string effect) {
  k8s::core::v1::Toleration t;
  t.set_key(key);
  if (!op.empty()) t.set_operator_(op);
  t.set_value(value);
  t.set_effect(effect);
  return t;
}

k8s::meta::v1::LabelSelectorRequirement requirement(std::string key, std::string op,
                                                    std::vector<std::string> values = {}) {
  k8s::meta::v1::LabelSelectorRequirement r;
  r.set_key(key);
  r.set_operator_(op);
  for (auto& v : values)
    r.add_values(v);
  return r;
}

}  // namespace

TEST_CASE("tolerations match taints by key, value and effect") {
  auto t = taint("dedicated", "gpu", "NoSchedule");
  CHECK(tolerates(toleration("dedicated", "Equal", "gpu", "NoSchedule"), t));
  CHECK(tolerates(toleration("dedicated", "", "gpu", ""), t));  // Equal by default, any effect
  CHECK_FALSE(tolerates(toleration("dedicated", "Equal", "cpu", "NoSchedule"), t));
  CHECK_FALSE(tolerates(toleration("dedicated", "Equal", "gpu", "NoExecute"), t));
  CHECK(tolerates(toleration("dedicated", "Exists", "", ""), t));
  CHECK(tolerates(toleration("", "Exists", "", ""), t));
  CHECK_FALSE(tolerates(toleration("other", "Exists", "", ""), t));
  CHECK_FALSE(tolerates(toleration("dedicated", "Bogus", "gpu", ""), t));
}

TEST_CASE("label selectors: matchLabels and expressions are ANDed; empty matches all") {
  label_map labels;
  labels["app"] = "web";
  labels["tier"] = "frontend";
  k8s::meta::v1::LabelSelector s;
  CHECK(matches(s, labels));
  (*s.mutable_matchlabels())["app"] = "web";
  CHECK(matches(s, labels));
  *s.add_matchexpressions() = requirement("tier", "In", {"frontend", "edge"});
  CHECK(matches(s, labels));
  *s.add_matchexpressions() = requirement("canary", "DoesNotExist");
  CHECK(matches(s, labels));
  *s.add_matchexpressions() = requirement("tier", "NotIn", {"frontend"});
  CHECK_FALSE(matches(s, labels));

  k8s::meta::v1::LabelSelector other;
  *other.add_matchexpressions() = requirement("missing", "NotIn", {"x"});
  CHECK(matches(other, labels));  // NotIn holds for an absent key
  *other.add_matchexpressions() = requirement("app", "Exists");
  CHECK(matches(other, labels));
  *other.add_matchexpressions() = requirement("app", "Gt", {"1"});  // not a label operator
  CHECK_FALSE(matches(other, labels));
}

TEST_CASE("node selector terms: an empty term matches nothing; Gt and Lt need integers") {
  k8s::core::v1::Node node;
  node.mutable_metadata()->set_name("n1");
  (*node.mutable_metadata()->mutable_labels())["cores"] = "16";
  (*node.mutable_metadata()->mutable_labels())["zone"] = "z1";
  k8s::core::v1::NodeSelectorTerm term;
  CHECK_FALSE(matches(term, node));
  auto* r = term.add_matchexpressions();
  r->set_key("cores");
  r->set_operator_("Gt");
  r->add_values("15");
  CHECK(matches(term, node));
  r->set_values(0, "sixteen");
  CHECK_FALSE(matches(term, node));
  r->set_values(0, "16");
  r->set_operator_("Lt");
  CHECK_FALSE(matches(term, node));

  k8s::core::v1::NodeSelectorTerm by_name;
  auto* f = by_name.add_matchfields();
  f->set_key("metadata.name");
  f->set_operator_("NotIn");
  f->add_values("n2");
  CHECK(matches(by_name, node));
  f->set_key("metadata.uid");  // only metadata.name is a supported field
  CHECK_FALSE(matches(by_name, node));
}
