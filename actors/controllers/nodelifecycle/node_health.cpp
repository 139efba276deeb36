#include "actors/controllers/nodelifecycle/node_health.hpp"

#include <algorithm>
#include <array>

#include "actors/scheduler/selectors.hpp"

namespace kactor::controllers::nodelifecycle {

namespace {

constexpr std::array<const char*, 4> kubelet_conditions = {"Ready", "MemoryPressure",
                                                           "DiskPressure", "PIDPressure"};

const k8s::core::v1::NodeCondition* find_condition(const k8s::core::v1::Node& node,
                                                   const std::string& type) {
  for (const auto& c : node.status().conditions())
    if (c.type() == type) return &c;
  return nullptr;
}

std::string time_text(const k8s::meta::v1::Time& t) {
  return std::to_string(t.seconds()) + "." + std::to_string(t.nanos());
}

bool is_lifecycle_taint(const k8s::core::v1::Taint& t) {
  return (t.key() == not_ready_taint || t.key() == unreachable_taint) &&
         (t.effect() == "NoSchedule" || t.effect() == "NoExecute");
}

}  // namespace

bool heartbeat_stale(const k8s::core::v1::Node& node, const k8s::coordination::v1::Lease* lease,
                     steady::time_point now, std::chrono::milliseconds grace,
                     heartbeat_observation& obs) {
  std::string record = lease ? std::to_string(lease->spec().renewtime().seconds()) + "." +
                                   std::to_string(lease->spec().renewtime().nanos())
                             : std::string("-");
  if (const auto* ready = find_condition(node, "Ready"))
    record += "|" + time_text(ready->lastheartbeattime());
  if (obs.seen == steady::time_point{} || record != obs.record) {
    obs.record = std::move(record);
    obs.seen = now;
    return false;
  }
  return now - obs.seen >= grace;
}

bool mark_status_unknown(k8s::core::v1::Node& node, messages::timestamp now) {
  bool changed = false;
  auto* conditions = node.mutable_status()->mutable_conditions();
  for (const char* type : kubelet_conditions) {
    auto it = std::find_if(conditions->begin(), conditions->end(),
                           [&](const auto& c) { return c.type() == type; });
    if (it == conditions->end()) {
      if (std::string(type) != "Ready") continue;
      auto* c = conditions->Add();
      c->set_type("Ready");
      c->set_status("Unknown");
      c->set_reason("NodeStatusNeverUpdated");
      c->set_message("Kubelet never posted node status.");
      *c->mutable_lasttransitiontime() = messages::to_time(now);
      *c->mutable_lastheartbeattime() = messages::to_time(now);
      changed = true;
      continue;
    }
    if (it->status() == "Unknown") continue;
    it->set_status("Unknown");
    it->set_reason("NodeStatusUnknown");
    it->set_message("Kubelet stopped posting node status.");
    *it->mutable_lasttransitiontime() = messages::to_time(now);
    changed = true;
  }
  return changed;
}

bool reconcile_taints(k8s::core::v1::Node& node, messages::timestamp now) {
  const auto* ready = find_condition(node, "Ready");
  const char* wanted = nullptr;
  if (ready && ready->status() == "False") wanted = not_ready_taint;
  if (ready && ready->status() == "Unknown") wanted = unreachable_taint;
  auto* taints = node.mutable_spec()->mutable_taints();
  bool changed = false;
  for (int i = taints->size() - 1; i >= 0; --i) {
    const auto& t = taints->Get(i);
    if (is_lifecycle_taint(t) && (!wanted || t.key() != wanted)) {
      taints->DeleteSubrange(i, 1);
      changed = true;
    }
  }
  if (!wanted) return changed;
  for (const char* effect : {"NoSchedule", "NoExecute"}) {
    bool present = std::any_of(taints->begin(), taints->end(), [&](const auto& t) {
      return t.key() == wanted && t.effect() == effect;
    });
    if (present) continue;
    auto* t = taints->Add();
    t->set_key(wanted);
    t->set_effect(effect);
    *t->mutable_timeadded() = messages::to_time(now);
    changed = true;
  }
  return changed;
}

std::optional<messages::timestamp> eviction_time(const k8s::core::v1::Pod& pod,
                                                 const k8s::core::v1::Node& node) {
  std::optional<messages::timestamp> first_added;  // of the NoExecute taints
  std::optional<std::int64_t> min_seconds;         // over the tolerations that matched
  for (const auto& taint : node.spec().taints()) {
    if (taint.effect() != "NoExecute") continue;
    auto added = messages::from_time(taint.timeadded());
    if (!first_added || added < *first_added) first_added = added;
    bool tolerated = false;
    for (const auto& tol : pod.spec().tolerations()) {
      if (!scheduler::tolerates(tol, taint)) continue;
      tolerated = true;
      if (tol.has_tolerationseconds())
        min_seconds =
            std::min(min_seconds.value_or(tol.tolerationseconds()), tol.tolerationseconds());
    }
    if (!tolerated) return added;  // evicted as soon as the taint is there
  }
  if (!first_added || !min_seconds) return std::nullopt;  // no taint, or tolerated forever
  return messages::timestamp{first_added->seconds + std::max<std::int64_t>(0, *min_seconds),
                             first_added->nanos};
}

}  // namespace kactor::controllers::nodelifecycle
