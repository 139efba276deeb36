#include "actors/controllers/deployment/rollout_math.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kactor::controllers::deployment {

namespace {

bool rolling(const k8s::apps::v1::Deployment& d) {
  return d.spec().strategy().type() != "Recreate";
}

}  // namespace

int scaled_value(const k8s::util::IntOrString* value, int total, bool round_up, int fallback) {
  if (!value) return fallback;
  if (value->type() == 0 && !value->has_strval()) return value->intval();
  const auto& s = value->strval();
  if (s.empty() || s.back() != '%') return fallback;
  int percent = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return fallback;
    percent = percent * 10 + (s[i] - '0');
    if (percent > 1000000) return fallback;
  }
  auto product = static_cast<std::int64_t>(percent) * total;
  return static_cast<int>(round_up ? (product + 99) / 100 : product / 100);
}

fenceposts resolve_fenceposts(const k8s::apps::v1::Deployment& d) {
  if (!rolling(d)) return {};
  const auto& ru = d.spec().strategy().rollingupdate();
  int replicas = desired_replicas(d);
  k8s::util::IntOrString quarter;
  quarter.set_type(1);
  quarter.set_strval("25%");
  const auto* surge = ru.has_maxsurge() ? &ru.maxsurge() : &quarter;
  const auto* unavailable = ru.has_maxunavailable() ? &ru.maxunavailable() : &quarter;
  fenceposts f{scaled_value(surge, replicas, true, 0),
               scaled_value(unavailable, replicas, false, 0)};
  if (f.max_surge == 0 && f.max_unavailable == 0) f.max_unavailable = 1;
  return f;
}

int desired_replicas(const k8s::apps::v1::Deployment& d) {
  return d.spec().has_replicas() ? d.spec().replicas() : 1;
}

int max_unavailable(const k8s::apps::v1::Deployment& d) {
  int replicas = desired_replicas(d);
  if (!rolling(d) || replicas == 0) return 0;
  return std::min(resolve_fenceposts(d).max_unavailable, replicas);
}

int new_rs_replicas(const k8s::apps::v1::Deployment& d, int all_replicas, int new_rs_current) {
  int replicas = desired_replicas(d);
  if (!rolling(d)) return replicas;
  int max_total = replicas + resolve_fenceposts(d).max_surge;
  if (all_replicas >= max_total) return new_rs_current;
  int room = max_total - all_replicas;
  return new_rs_current + std::min(room, replicas - new_rs_current);
}

std::vector<int> scale_down_old(const k8s::apps::v1::Deployment& d, const rs_size& new_rs,
                                const std::vector<rs_size>& old_rses) {
  std::vector<int> target;
  int old_total = 0, all = new_rs.spec, available = new_rs.available;
  for (const auto& rs : old_rses) {
    target.push_back(rs.spec);
    old_total += rs.spec;
    all += rs.spec;
    available += rs.available;
  }
  if (old_total == 0) return target;
  int min_available = desired_replicas(d) - max_unavailable(d);
  int budget = all - min_available - (new_rs.spec - new_rs.available);
  if (budget <= 0) return target;
  // Unhealthy pods first: they cost no availability.
  int cleaned = 0;
  for (std::size_t i = 0; i < old_rses.size() && cleaned < budget; ++i) {
    int unhealthy = target[i] - old_rses[i].available;
    if (target[i] == 0 || unhealthy <= 0) continue;
    int n = std::min(budget - cleaned, unhealthy);
    target[i] -= n;
    cleaned += n;
  }
  // Then available pods, as long as min_available stay.
  if (available <= min_available) return target;
  int to_remove = available - min_available, removed = 0;
  for (std::size_t i = 0; i < old_rses.size() && removed < to_remove; ++i) {
    if (target[i] == 0) continue;
    int n = std::min(target[i], to_remove - removed);
    target[i] -= n;
    removed += n;
  }
  return target;
}

std::vector<int> scale_proportionally(const k8s::apps::v1::Deployment& d,
                                      const std::vector<int>& sizes,
                                      const std::vector<int>& max_replicas) {
  int replicas = desired_replicas(d);
  int surge = resolve_fenceposts(d).max_surge;
  int allowed = replicas > 0 ? replicas + surge : 0;
  int to_add = allowed - std::accumulate(sizes.begin(), sizes.end(), 0);
  std::vector<int> out = sizes;
  if (to_add == 0 || sizes.empty()) return out;
  int added = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0 || to_add == added) continue;
    int fraction = -sizes[i];
    if (replicas != 0) {
      int annotated = max_replicas[i] >= 0 ? max_replicas[i] : d.status().replicas();
      fraction = annotated <= 0 ? 0
                                : static_cast<int>(std::lround(
                                      double(sizes[i]) * (replicas + surge) / double(annotated))) -
                                      sizes[i];
    }
    int left = to_add - added;
    int share = to_add > 0 ? std::min(fraction, left) : std::max(fraction, left);
    out[i] += share;
    added += share;
  }
  out[0] = std::max(0, out[0] + (to_add - added));
  return out;
}

bool deployment_complete(const k8s::apps::v1::Deployment& d,
                         const k8s::apps::v1::DeploymentStatus& s) {
  int replicas = desired_replicas(d);
  return s.updatedreplicas() == replicas && s.replicas() == replicas &&
         s.availablereplicas() == replicas && s.observedgeneration() >= d.metadata().generation();
}

}  // namespace kactor::controllers::deployment
