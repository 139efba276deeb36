#include "actors/scheduler/resources.hpp"

#include <algorithm>

#include "messages/quantity.hpp"

namespace kactor::scheduler {

namespace {

using scalar_entry = std::pair<std::string, std::int64_t>;

// Finds or inserts `name` in the sorted scalar list.
std::int64_t& scalar_slot(std::vector<scalar_entry>& scalar, std::string_view name) {
  auto it = std::lower_bound(scalar.begin(), scalar.end(), name,
                             [](const scalar_entry& e, std::string_view n) { return e.first < n; });
  if (it == scalar.end() || it->first != name) it = scalar.insert(it, {std::string(name), 0});
  return it->second;
}

template <class Combine>
void combine_into(resource_amounts& self, const resource_amounts& other, Combine combine) {
  combine(self.milli_cpu, other.milli_cpu);
  combine(self.memory, other.memory);
  combine(self.ephemeral_storage, other.ephemeral_storage);
  combine(self.pods, other.pods);
  for (const auto& [name, amount] : other.scalar)
    combine(scalar_slot(self.scalar, name), amount);
}

// Amounts of one container; `non_zero` substitutes the scoring defaults for missing cpu and
// memory requests (an explicit "0" stays 0, as kube-scheduler does).
resource_amounts container_amounts(const k8s::core::v1::Container& c, bool non_zero) {
  const auto& requests = c.resources().requests();
  auto amounts = to_amounts(requests);
  if (non_zero) {
    if (!requests.contains("cpu")) amounts.milli_cpu = default_milli_cpu_request;
    if (!requests.contains("memory")) amounts.memory = default_memory_request;
  }
  return amounts;
}

resource_amounts aggregate(const k8s::core::v1::PodSpec& spec, bool non_zero) {
  resource_amounts total;
  for (const auto& c : spec.containers())
    total.add(container_amounts(c, non_zero));
  // Init containers run one at a time, but sidecars (restartPolicy Always) keep running: each
  // later init container needs its own requests plus every sidecar started before it.
  resource_amounts sidecars;
  resource_amounts init_peak;
  for (const auto& c : spec.initcontainers()) {
    auto need = container_amounts(c, non_zero);
    if (c.has_restartpolicy() && c.restartpolicy() == "Always") {
      total.add(need);
      sidecars.add(need);
      init_peak.max_with(sidecars);
    } else {
      need.add(sidecars);
      init_peak.max_with(need);
    }
  }
  total.max_with(init_peak);
  total.add(to_amounts(spec.overhead()));
  return total;
}

}  // namespace

std::int64_t resource_amounts::scalar_amount(std::string_view name) const {
  auto it = std::lower_bound(scalar.begin(), scalar.end(), name,
                             [](const scalar_entry& e, std::string_view n) { return e.first < n; });
  return it != scalar.end() && it->first == name ? it->second : 0;
}

void resource_amounts::add(const resource_amounts& other) {
  combine_into(*this, other, [](std::int64_t& a, std::int64_t b) { a += b; });
}

void resource_amounts::subtract(const resource_amounts& other) {
  combine_into(*this, other, [](std::int64_t& a, std::int64_t b) { a -= b; });
}

void resource_amounts::max_with(const resource_amounts& other) {
  combine_into(*this, other, [](std::int64_t& a, std::int64_t b) { a = std::max(a, b); });
}

resource_amounts to_amounts(const resource_list& list) {
  resource_amounts out;
  for (const auto& [name, q] : list) {
    auto parsed = messages::parse_quantity(q);
    if (!parsed) continue;
    if (name == "cpu") {
      out.milli_cpu = parsed->milli;
    } else if (name == "memory") {
      out.memory = parsed->value();
    } else if (name == "ephemeral-storage") {
      out.ephemeral_storage = parsed->value();
    } else if (name == "pods") {
      out.pods = parsed->value();
    } else if (name != "storage") {
      scalar_slot(out.scalar, name) = parsed->value();
    }
  }
  return out;
}

pod_requests compute_pod_requests(const k8s::core::v1::PodSpec& spec) {
  pod_requests out;
  out.requested = aggregate(spec, false);
  auto non_zero = aggregate(spec, true);
  out.non_zero_milli_cpu = non_zero.milli_cpu;
  out.non_zero_memory = non_zero.memory;
  return out;
}

}  // namespace kactor::scheduler
