#include "gateway/admission/pod_qos.hpp"

#include <map>

#include "messages/quantity.hpp"

namespace kactor::admission {
namespace {

using amounts = std::map<std::string, std::int64_t>;  // resource -> milli-units

bool qos_resource(const std::string& name) {
  return name == "cpu" || name == "memory";
}

// Adds the nonzero cpu/memory amounts of `list` to `sum`; returns the names found.
template <class Map>
std::map<std::string, bool> add_amounts(const Map& list, amounts& sum) {
  std::map<std::string, bool> found;
  for (const auto& [name, q] : list) {
    if (!qos_resource(name)) continue;
    auto parsed = messages::parse_quantity(q);
    if (!parsed || parsed->milli == 0) continue;
    sum[name] += parsed->milli;
    found[name] = true;
  }
  return found;
}

}  // namespace

std::string pod_qos_class(const k8s::core::v1::PodSpec& spec) {
  amounts requests;
  amounts limits;
  bool guaranteed = true;
  auto visit = [&](const k8s::core::v1::Container& c) {
    add_amounts(c.resources().requests(), requests);
    auto found = add_amounts(c.resources().limits(), limits);
    if (found.size() != 2) guaranteed = false;
  };
  for (const auto& c : spec.initcontainers())
    visit(c);
  for (const auto& c : spec.containers())
    visit(c);
  if (requests.empty() && limits.empty()) return "BestEffort";
  if (guaranteed && requests == limits) return "Guaranteed";
  return "Burstable";
}

}  // namespace kactor::admission
