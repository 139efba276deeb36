#pragma once

#include <cstdint>
#include <vector>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/util/intstr.pb.h"

// The arithmetic of a rollout (Kubernetes' deployment util), on plain numbers so that each rule
// is testable alone. A worked example, replicas 10, maxSurge 25%, maxUnavailable 25%:
//   surge = ceil(2.5) = 3, unavailable = floor(2.5) = 2: at most 13 pods exist and at least 8
//   are available at any time. With an old RS at 10 (all available) and a new RS at 0, the new
//   RS goes to 3 (13 - 10); the old RS may lose 13 - 8 - 3 (new unavailable) = 2 pods -> 8.
namespace kactor::controllers::deployment {

// An int-or-percent of `total`: ints as they are, "25%" as 25% of total rounded up or down.
// Unset or unparsable: `fallback` (an unparsable value was rejected by validation anyway).
int scaled_value(const k8s::util::IntOrString* value, int total, bool round_up, int fallback);

struct fenceposts {
  int max_surge = 0;        // pods above replicas
  int max_unavailable = 0;  // pods below replicas
};

// maxSurge rounded up, maxUnavailable rounded down (defaults 25% each); both 0 makes
// unavailable 1, so a rollout can always move. Recreate: {0, 0}.
fenceposts resolve_fenceposts(const k8s::apps::v1::Deployment& d);

// spec.replicas (default 1).
int desired_replicas(const k8s::apps::v1::Deployment& d);
// How many pods may be unavailable: min(max_unavailable, replicas); 0 for Recreate or 0
// replicas.
int max_unavailable(const k8s::apps::v1::Deployment& d);

// The size of the new RS for a RollingUpdate step: grow it by what maxSurge leaves room for
// (replicas + surge - all_replicas), never past replicas. Recreate: replicas.
int new_rs_replicas(const k8s::apps::v1::Deployment& d, int all_replicas, int new_rs_current);

// One RS as the scale-down rules see it.
struct rs_size {
  int spec = 0;       // spec.replicas
  int available = 0;  // status.availableReplicas
};

// RollingUpdate: the new spec.replicas of each old RS (oldest first, as given). First unhealthy
// pods go (spec - available of each old RS), then available ones while more than
// replicas - maxUnavailable stay available, never more in total than the budget
// all - (replicas - maxUnavailable) - (new RS unavailable).
std::vector<int> scale_down_old(const k8s::apps::v1::Deployment& d, const rs_size& new_rs,
                                const std::vector<rs_size>& old_rses);

// Proportional scaling when spec.replicas changes while several RSes are active. `sizes` are
// the active RSes' spec.replicas, `max_replicas` their max-replicas annotation (or -1 when
// missing: status.replicas of the deployment is used), in the order Kubernetes distributes:
// larger first, ties newer first when growing, older first when shrinking (the caller sorts).
// Returns the new sizes: each RS gets its share of replicas + maxSurge, rounded, and the
// rounding leftover goes to the first RS.
std::vector<int> scale_proportionally(const k8s::apps::v1::Deployment& d,
                                      const std::vector<int>& sizes,
                                      const std::vector<int>& max_replicas);

// The rollout is complete: every replica updated, available, nothing old left, status current.
bool deployment_complete(const k8s::apps::v1::Deployment& d,
                         const k8s::apps::v1::DeploymentStatus& s);

}  // namespace kactor::controllers::deployment
