#include "actors/controllers/common/pod_readiness.hpp"

namespace kactor::controllers {

namespace {

const k8s::core::v1::PodCondition* ready_condition(const k8s::core::v1::Pod& pod) {
  for (const auto& c : pod.status().conditions())
    if (c.type() == "Ready") return &c;
  return nullptr;
}

}  // namespace

bool is_pod_active(const k8s::core::v1::Pod& pod) {
  const auto& phase = pod.status().phase();
  return phase != "Succeeded" && phase != "Failed" && !pod.metadata().has_deletiontimestamp();
}

bool is_pod_ready(const k8s::core::v1::Pod& pod) {
  const auto* c = ready_condition(pod);
  return c && c->status() == "True";
}

std::optional<messages::timestamp> ready_since(const k8s::core::v1::Pod& pod) {
  const auto* c = ready_condition(pod);
  if (!c || c->status() != "True" || !c->has_lasttransitiontime()) return std::nullopt;
  return messages::from_time(c->lasttransitiontime());
}

bool is_pod_available(const k8s::core::v1::Pod& pod, std::int32_t min_ready_seconds,
                      messages::timestamp now) {
  if (!is_pod_ready(pod)) return false;
  if (min_ready_seconds <= 0) return true;
  auto since = ready_since(pod);
  if (!since) return false;
  return messages::timestamp{since->seconds + min_ready_seconds, since->nanos} < now;
}

std::int32_t restart_count(const k8s::core::v1::Pod& pod) {
  std::int32_t n = 0;
  for (const auto& s : pod.status().containerstatuses())
    n += s.restartcount();
  return n;
}

}  // namespace kactor::controllers
