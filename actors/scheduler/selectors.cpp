#include "actors/scheduler/selectors.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace kactor::scheduler {

namespace {

template <class Values>
bool contains(const Values& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// One node selector requirement against a value that may be absent (label or field).
bool requirement_holds(const k8s::core::v1::NodeSelectorRequirement& r, const std::string* value) {
  const auto& op = r.operator_();
  if (op == "In") return value != nullptr && contains(r.values(), *value);
  if (op == "NotIn") return value == nullptr || !contains(r.values(), *value);
  if (op == "Exists") return value != nullptr;
  if (op == "DoesNotExist") return value == nullptr;
  if (op == "Gt" || op == "Lt") {
    if (value == nullptr || r.values_size() != 1) return false;
    auto have = parse_int(*value);
    auto want = parse_int(r.values(0));
    if (!have || !want) return false;
    return op == "Gt" ? *have > *want : *have < *want;
  }
  return false;
}

const std::string* find_label(const label_map& labels, const std::string& key) {
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : &it->second;
}

}  // namespace

bool tolerates(const k8s::core::v1::Toleration& toleration, const k8s::core::v1::Taint& taint) {
  if (!toleration.effect().empty() && toleration.effect() != taint.effect()) return false;
  if (!toleration.key().empty() && toleration.key() != taint.key()) return false;
  const auto& op = toleration.operator_();
  if (op == "Exists") return true;
  if (op.empty() || op == "Equal") return toleration.value() == taint.value();
  return false;
}

bool tolerates(const toleration_list& tolerations, const k8s::core::v1::Taint& taint) {
  return std::any_of(tolerations.begin(), tolerations.end(),
                     [&](const auto& t) { return tolerates(t, taint); });
}

bool matches(const k8s::meta::v1::LabelSelector& selector, const label_map& labels) {
  for (const auto& [key, value] : selector.matchlabels()) {
    const auto* have = find_label(labels, key);
    if (have == nullptr || *have != value) return false;
  }
  for (const auto& r : selector.matchexpressions()) {
    const auto* have = find_label(labels, r.key());
    const auto& op = r.operator_();
    bool ok = false;
    if (op == "In") {
      ok = have != nullptr && contains(r.values(), *have);
    } else if (op == "NotIn") {
      ok = have == nullptr || !contains(r.values(), *have);
    } else if (op == "Exists") {
      ok = have != nullptr;
    } else if (op == "DoesNotExist") {
      ok = have == nullptr;
    }
    if (!ok) return false;
  }
  return true;
}

bool matches(const k8s::core::v1::NodeSelectorTerm& term, const k8s::core::v1::Node& node) {
  if (term.matchexpressions_size() == 0 && term.matchfields_size() == 0) return false;
  const auto& labels = node.metadata().labels();
  for (const auto& r : term.matchexpressions()) {
    if (!requirement_holds(r, find_label(labels, r.key()))) return false;
  }
  for (const auto& r : term.matchfields()) {
    if (r.key() != "metadata.name") return false;
    if (r.operator_() != "In" && r.operator_() != "NotIn") return false;
    if (!requirement_holds(r, &node.metadata().name())) return false;
  }
  return true;
}

bool matches_required_node_affinity(const k8s::core::v1::PodSpec& spec,
                                    const k8s::core::v1::Node& node) {
  const auto& labels = node.metadata().labels();
  for (const auto& [key, value] : spec.nodeselector()) {
    const auto* have = find_label(labels, key);
    if (have == nullptr || *have != value) return false;
  }
  const auto& affinity = spec.affinity().nodeaffinity();
  if (!affinity.has_requiredduringschedulingignoredduringexecution()) return true;
  const auto& terms = affinity.requiredduringschedulingignoredduringexecution().nodeselectorterms();
  return std::any_of(terms.begin(), terms.end(), [&](const auto& t) { return matches(t, node); });
}

std::string canonical_selector(const k8s::meta::v1::LabelSelector& selector) {
  std::vector<std::pair<std::string_view, std::string_view>> labels(selector.matchlabels().begin(),
                                                                    selector.matchlabels().end());
  std::sort(labels.begin(), labels.end());
  std::string k;
  for (const auto& [key, value] : labels) {
    k.append(key).push_back('\0');
    k.append(value).push_back('\0');
  }
  for (const auto& e : selector.matchexpressions()) {
    k.push_back('\1');
    k.append(e.key()).push_back('\0');
    k.append(e.operator_()).push_back('\0');
    for (const auto& v : e.values())
      k.append(v).push_back('\0');
  }
  return k;
}

}  // namespace kactor::scheduler
