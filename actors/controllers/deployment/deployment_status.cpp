#include "actors/controllers/deployment/deployment_status.hpp"

#include <algorithm>
#include <limits>

#include "actors/controllers/deployment/rollout_math.hpp"

namespace kactor::controllers::deployment {

namespace {

using k8s::apps::v1::DeploymentStatus;

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

// "ReplicaSet \"web-abc\" <what>", or about the deployment when there is no new RS.
std::string progress_message(const k8s::apps::v1::Deployment& d,
                             const k8s::apps::v1::ReplicaSet* new_rs, const std::string& what) {
  if (new_rs) return "ReplicaSet " + quoted(new_rs->metadata().name()) + " " + what;
  return "Deployment " + quoted(d.metadata().name()) + " " + what;
}

bool progressing(const k8s::apps::v1::Deployment& d, const DeploymentStatus& next) {
  const auto& old = d.status();
  return next.updatedreplicas() > old.updatedreplicas() ||
         next.replicas() - next.updatedreplicas() < old.replicas() - old.updatedreplicas() ||
         next.readyreplicas() > old.readyreplicas() ||
         next.availablereplicas() > old.availablereplicas();
}

bool timed_out(const k8s::apps::v1::Deployment& d, const DeploymentStatus& s,
               messages::timestamp now) {
  const auto* c = find_condition(s, "Progressing");
  if (!has_progress_deadline(d) || !c) return false;
  if (c->reason() == "NewReplicaSetAvailable") return false;
  if (c->reason() == "ProgressDeadlineExceeded") return true;
  auto from = messages::from_time(c->lastupdatetime());
  return from.seconds + d.spec().progressdeadlineseconds() < now.seconds;
}

}  // namespace

k8s::apps::v1::DeploymentCondition make_condition(std::string type, std::string status,
                                                  std::string reason, std::string message,
                                                  messages::timestamp now) {
  k8s::apps::v1::DeploymentCondition c;
  c.set_type(std::move(type));
  c.set_status(std::move(status));
  c.set_reason(std::move(reason));
  c.set_message(std::move(message));
  *c.mutable_lastupdatetime() = messages::to_time({now.seconds, 0});
  *c.mutable_lasttransitiontime() = messages::to_time({now.seconds, 0});
  return c;
}

const k8s::apps::v1::DeploymentCondition* find_condition(const DeploymentStatus& s,
                                                         std::string_view type) {
  for (const auto& c : s.conditions())
    if (c.type() == type) return &c;
  return nullptr;
}

void remove_condition(DeploymentStatus& s, std::string_view type) {
  auto* cs = s.mutable_conditions();
  cs->erase(std::remove_if(cs->begin(), cs->end(), [&](const auto& c) { return c.type() == type; }),
            cs->end());
}

void set_condition(DeploymentStatus& s, k8s::apps::v1::DeploymentCondition c) {
  if (const auto* current = find_condition(s, c.type())) {
    if (current->status() == c.status() && current->reason() == c.reason()) return;
    if (current->status() == c.status())
      *c.mutable_lasttransitiontime() = current->lasttransitiontime();
  }
  remove_condition(s, c.type());
  *s.add_conditions() = std::move(c);
}

bool has_progress_deadline(const k8s::apps::v1::Deployment& d) {
  return d.spec().has_progressdeadlineseconds() &&
         d.spec().progressdeadlineseconds() != std::numeric_limits<std::int32_t>::max();
}

DeploymentStatus calculate_status(const k8s::apps::v1::Deployment& d, const rs_list& all,
                                  const k8s::apps::v1::ReplicaSet* new_rs,
                                  messages::timestamp now) {
  DeploymentStatus s;
  int replicas = 0, ready = 0, available = 0;
  for (const auto* rs : all) {
    replicas += rs->status().replicas();
    ready += rs->status().readyreplicas();
    available += rs->status().availablereplicas();
  }
  s.set_observedgeneration(d.metadata().generation());
  s.set_replicas(replicas);
  s.set_updatedreplicas(new_rs ? new_rs->status().replicas() : 0);
  s.set_readyreplicas(ready);
  s.set_availablereplicas(available);
  s.set_unavailablereplicas(std::max(0, replicas - available));
  if (d.status().has_collisioncount()) s.set_collisioncount(d.status().collisioncount());
  *s.mutable_conditions() = d.status().conditions();
  if (available >= desired_replicas(d) - max_unavailable(d))
    set_condition(s, make_condition("Available", "True", "MinimumReplicasAvailable",
                                    "Deployment has minimum availability.", now));
  else
    set_condition(s, make_condition("Available", "False", "MinimumReplicasUnavailable",
                                    "Deployment does not have minimum availability.", now));
  return s;
}

rollout_status compute_rollout_status(const k8s::apps::v1::Deployment& d, const rs_list& all,
                                      const k8s::apps::v1::ReplicaSet* new_rs,
                                      messages::timestamp now) {
  rollout_status out{calculate_status(d, all, new_rs, now), std::nullopt};
  auto& s = out.status;
  if (!has_progress_deadline(d)) remove_condition(s, "Progressing");
  const auto* current = find_condition(s, "Progressing");
  bool complete_before = s.replicas() == s.updatedreplicas() && current &&
                         current->reason() == "NewReplicaSetAvailable";
  if (has_progress_deadline(d) && !complete_before) {
    if (deployment_complete(d, s)) {
      set_condition(
          s, make_condition("Progressing", "True", "NewReplicaSetAvailable",
                            progress_message(d, new_rs, "has successfully progressed."), now));
    } else if (progressing(d, s)) {
      auto c = make_condition("Progressing", "True", "ReplicaSetUpdated",
                              progress_message(d, new_rs, "is progressing."), now);
      if (current && current->status() == "True")
        *c.mutable_lasttransitiontime() = current->lasttransitiontime();
      remove_condition(s, "Progressing");
      set_condition(s, std::move(c));
    } else if (timed_out(d, s, now)) {
      set_condition(s,
                    make_condition("Progressing", "False", "ProgressDeadlineExceeded",
                                   progress_message(d, new_rs, "has timed out progressing."), now));
    }
  }
  const k8s::apps::v1::ReplicaSetCondition* failure = nullptr;
  for (const auto* rs : all)
    for (const auto& c : rs->status().conditions())
      if (c.type() == "ReplicaFailure" && !failure) failure = &c;
  if (failure) {
    auto c = make_condition("ReplicaFailure", failure->status(), failure->reason(),
                            failure->message(), now);
    *c.mutable_lasttransitiontime() = failure->lasttransitiontime();
    set_condition(s, std::move(c));
  } else {
    remove_condition(s, "ReplicaFailure");
  }
  // A rollout that stopped progressing must be looked at again when its deadline passes.
  const auto* p = find_condition(s, "Progressing");
  if (has_progress_deadline(d) && p && p->status() == "True" &&
      p->reason() != "NewReplicaSetAvailable" && !deployment_complete(d, s)) {
    auto due =
        messages::from_time(p->lastupdatetime()).seconds + d.spec().progressdeadlineseconds();
    out.requeue_after = std::chrono::seconds(std::max<std::int64_t>(0, due - now.seconds) + 1);
  }
  return out;
}

}  // namespace kactor::controllers::deployment
