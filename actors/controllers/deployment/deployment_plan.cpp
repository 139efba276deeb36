#include "actors/controllers/deployment/deployment_plan.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>

#include <google/protobuf/util/message_differencer.h>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/deployment/rollout_math.hpp"
#include "actors/controllers/deployment/template_hash.hpp"

namespace kactor::controllers::deployment {

namespace {

using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;

std::int64_t parse_int(const std::string& s, std::int64_t fallback) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc{} && end == s.data() + s.size() && !s.empty() ? v : fallback;
}

std::string annotation(const ReplicaSet& rs, const char* key) {
  auto it = rs.metadata().annotations().find(key);
  return it == rs.metadata().annotations().end() ? std::string{} : it->second;
}

bool set_annotation(k8s::meta::v1::ObjectMeta& meta, const std::string& key, const std::string& v) {
  auto& a = *meta.mutable_annotations();
  auto it = a.find(key);
  if (it != a.end() && it->second == v) return false;
  a[key] = v;
  return true;
}

// Annotations of a Deployment that its ReplicaSets do not inherit.
bool skipped_annotation(const std::string& key) {
  return key == "kubectl.kubernetes.io/last-applied-configuration" || key == revision_annotation ||
         key == revision_history_annotation || key == desired_replicas_annotation ||
         key == max_replicas_annotation || key == "deprecated.deployment.rollback.to";
}

bool copy_annotations(const Deployment& d, ReplicaSet& rs) {
  bool changed = false;
  for (const auto& [k, v] : d.metadata().annotations())
    if (!skipped_annotation(k)) changed |= set_annotation(*rs.mutable_metadata(), k, v);
  return changed;
}

bool set_replicas_annotations(const Deployment& d, ReplicaSet& rs) {
  int replicas = desired_replicas(d);
  auto& meta = *rs.mutable_metadata();
  bool a = set_annotation(meta, desired_replicas_annotation, std::to_string(replicas));
  bool b = set_annotation(meta, max_replicas_annotation,
                          std::to_string(replicas + resolve_fenceposts(d).max_surge));
  return a || b;
}

bool older(const ReplicaSet* a, const ReplicaSet* b) {
  auto ta = messages::from_time(a->metadata().creationtimestamp());
  auto tb = messages::from_time(b->metadata().creationtimestamp());
  if (ta != tb) return ta < tb;
  return a->metadata().name() < b->metadata().name();
}

class planner {
 public:
  explicit planner(const plan_input& in) : in_(in), d_(*in.deployment) {
    auto owned = in.owned;
    std::sort(owned.begin(), owned.end(), older);
    for (const auto* rs : owned) {
      rs_.push_back(*rs);
      orig_.push_back(rs);
    }
  }

  deployment_plan run() {
    if (d_.metadata().has_deletiontimestamp() || !selects_anything()) return finish(false);
    check_paused_conditions();
    if (d_.spec().paused() || scaling_event()) {
      find_or_create(false);
      scale_sync();
      if (d_.spec().paused()) cleanup();
      return finish(false);
    }
    return d_.spec().strategy().type() == "Recreate" ? recreate() : rolling();
  }

 private:
  bool selects_anything() const {
    const auto& s = d_.spec().selector();
    return d_.spec().has_selector() && (!s.matchlabels().empty() || !s.matchexpressions().empty());
  }

  bool is_new(std::size_t i) const { return new_ && *new_ == i; }

  // Sets spec.replicas (and the replicas annotations); true when the size changed.
  bool scale(std::size_t i, int size, bool annotate_always) {
    auto& rs = rs_[i];
    int from = rs.spec().has_replicas() ? rs.spec().replicas() : 1;
    if (from == size && !annotate_always) return false;
    bool changed = set_replicas_annotations(d_, rs);
    if (from != size) {
      rs.mutable_spec()->set_replicas(size);
      out_.events.push_back("Scaled " + std::string(size > from ? "up" : "down") + " replica set " +
                            rs.metadata().name() + " from " + std::to_string(from) + " to " +
                            std::to_string(size));
      changed = true;
    }
    if (changed) dirty_.push_back(i);
    return from != size;
  }

  int spec(std::size_t i) const {
    return rs_[i].spec().has_replicas() ? rs_[i].spec().replicas() : 1;
  }

  void check_paused_conditions() {
    if (!has_progress_deadline(d_)) return;
    auto* s = d_.mutable_status();
    const auto* c = find_condition(*s, "Progressing");
    if (c && c->reason() == "ProgressDeadlineExceeded") return;
    bool paused_cond = c && c->reason() == "DeploymentPaused";
    if (d_.spec().paused() && !paused_cond)
      set_condition(*s, make_condition("Progressing", "Unknown", "DeploymentPaused",
                                       "Deployment is paused", in_.now));
    else if (!d_.spec().paused() && paused_cond)
      set_condition(*s, make_condition("Progressing", "Unknown", "DeploymentResumed",
                                       "Deployment is resumed", in_.now));
  }

  bool scaling_event() const {
    for (std::size_t i = 0; i < rs_.size(); ++i) {
      if (spec(i) <= 0) continue;
      auto desired = parse_int(annotation(rs_[i], desired_replicas_annotation), -1);
      if (desired >= 0 && desired != desired_replicas(d_)) return true;
    }
    return false;
  }

  // Finds the RS of the current template (syncing its revision, annotations and
  // minReadySeconds) or, with `create`, plans a new one. The new revision is one more than the
  // highest revision of the other RSes.
  void find_or_create(bool create) {
    if (new_) return;
    for (std::size_t i = 0; i < rs_.size() && !new_; ++i)
      if (equal_ignoring_hash(rs_[i].spec().template_(), d_.spec().template_())) new_ = i;
    std::int64_t max_old = 0;
    for (std::size_t i = 0; i < rs_.size(); ++i)
      if (!is_new(i)) max_old = std::max(max_old, revision_of(rs_[i]));
    if (new_) return adopt_revision(max_old + 1);
    if (create) create_new(std::to_string(max_old + 1));
  }

  void adopt_revision(std::int64_t next) {
    auto& rs = rs_[*new_];
    bool changed = copy_annotations(d_, rs);
    auto current = annotation(rs, revision_annotation);
    if (parse_int(current, 0) < next) {
      auto& a = *rs.mutable_metadata()->mutable_annotations();
      a[revision_annotation] = std::to_string(next);
      if (!current.empty()) {
        auto history = annotation(rs, revision_history_annotation);
        a[revision_history_annotation] = history.empty() ? current : history + "," + current;
      }
      changed = true;
    }
    if (rs.spec().minreadyseconds() != d_.spec().minreadyseconds()) {
      rs.mutable_spec()->set_minreadyseconds(d_.spec().minreadyseconds());
      changed = true;
    }
    if (changed) dirty_.push_back(*new_);
    revision_ = annotation(rs, revision_annotation);
    if (has_progress_deadline(d_) && !find_condition(d_.status(), "Progressing"))
      set_condition(
          *d_.mutable_status(),
          make_condition("Progressing", "True", "FoundNewReplicaSet",
                         "Found new replica set \"" + rs.metadata().name() + "\"", in_.now));
  }

  void create_new(const std::string& revision) {
    int old_total = 0;
    for (std::size_t i = 0; i < rs_.size(); ++i)
      old_total += spec(i);
    int replicas = new_rs_replicas(d_, old_total, 0);
    rs_.push_back(new_replicaset(d_, replicas, revision));
    orig_.push_back(nullptr);
    new_ = rs_.size() - 1;
    created_ = true;
    revision_ = revision;
    const auto& name = rs_.back().metadata().name();
    if (replicas > 0)
      out_.events.push_back("Scaled up replica set " + name + " from 0 to " +
                            std::to_string(replicas));
    if (has_progress_deadline(d_))
      set_condition(*d_.mutable_status(),
                    make_condition("Progressing", "True", "NewReplicaSetCreated",
                                   "Created new replica set \"" + name + "\"", in_.now));
  }

  // Kubernetes' scale(): replicas changed while paused or mid-rollout.
  void scale_sync() {
    int replicas = desired_replicas(d_);
    std::vector<std::size_t> active;
    for (std::size_t i = 0; i < rs_.size(); ++i)
      if (spec(i) > 0) active.push_back(i);
    std::optional<std::size_t> only;
    if (active.size() == 1) only = active.front();
    if (active.empty() && !rs_.empty()) only = new_ ? *new_ : rs_.size() - 1;
    if (only) {
      scale(*only, replicas, false);
      return;
    }
    if (active.empty()) return;
    if (new_) {
      const auto& n = rs_[*new_];
      bool saturated = spec(*new_) == replicas &&
                       annotation(n, desired_replicas_annotation) == std::to_string(replicas) &&
                       n.status().availablereplicas() == replicas;
      if (saturated) {
        for (auto i : active)
          if (!is_new(i)) scale(i, 0, false);
        return;
      }
    }
    if (d_.spec().strategy().type() == "Recreate") return;
    int total = 0;
    for (auto i : active)
      total += spec(i);
    int allowed = replicas > 0 ? replicas + resolve_fenceposts(d_).max_surge : 0;
    bool growing = allowed - total > 0;
    std::stable_sort(active.begin(), active.end(), [&](std::size_t a, std::size_t b) {
      if (spec(a) != spec(b)) return spec(a) > spec(b);
      return growing ? older(&rs_[b], &rs_[a]) : older(&rs_[a], &rs_[b]);
    });
    std::vector<int> sizes, max_replicas;
    for (auto i : active) {
      sizes.push_back(spec(i));
      max_replicas.push_back(
          static_cast<int>(parse_int(annotation(rs_[i], max_replicas_annotation), -1)));
    }
    auto next = scale_proportionally(d_, sizes, max_replicas);
    for (std::size_t k = 0; k < active.size(); ++k)
      scale(active[k], next[k], true);
  }

  deployment_plan rolling() {
    find_or_create(true);
    auto n = *new_;
    int replicas = desired_replicas(d_);
    if (spec(n) > replicas) {
      scale(n, replicas, false);
      return finish(true);
    }
    if (spec(n) < replicas) {
      int all = 0;
      for (std::size_t i = 0; i < rs_.size(); ++i)
        all += spec(i);
      if (scale(n, new_rs_replicas(d_, all, spec(n)), false)) return finish(true);
    }
    std::vector<std::size_t> olds;
    std::vector<rs_size> sizes;
    for (std::size_t i = 0; i < rs_.size(); ++i) {
      if (is_new(i)) continue;
      olds.push_back(i);
      sizes.push_back({spec(i), rs_[i].status().availablereplicas()});
    }
    auto targets = scale_down_old(d_, {spec(n), rs_[n].status().availablereplicas()}, sizes);
    bool scaled = false;
    for (std::size_t k = 0; k < olds.size(); ++k)
      scaled |= scale(olds[k], targets[k], false);
    if (scaled) return finish(true);
    if (deployment_complete(d_, d_.status())) cleanup();
    return finish(true);
  }

  deployment_plan recreate() {
    find_or_create(false);
    bool scaled = false;
    for (std::size_t i = 0; i < rs_.size(); ++i)
      if (!is_new(i) && spec(i) > 0) scaled |= scale(i, 0, false);
    if (scaled) return finish(true);
    for (std::size_t i = 0; i < rs_.size(); ++i) {
      if (is_new(i)) continue;
      if (rs_[i].status().replicas() > 0 || in_.rs_with_live_pods.count(rs_[i].metadata().uid()))
        return finish(true);
    }
    find_or_create(true);
    scale(*new_, desired_replicas(d_), false);
    if (deployment_complete(d_, d_.status())) cleanup();
    return finish(true);
  }

  void cleanup() {
    if (!d_.spec().has_revisionhistorylimit()) return;
    std::vector<std::size_t> cleanable;
    for (std::size_t i = 0; i < rs_.size(); ++i)
      if (!is_new(i) && orig_[i] && !rs_[i].metadata().has_deletiontimestamp())
        cleanable.push_back(i);
    int excess = static_cast<int>(cleanable.size()) - d_.spec().revisionhistorylimit();
    if (excess <= 0) return;
    std::stable_sort(cleanable.begin(), cleanable.end(), [&](std::size_t a, std::size_t b) {
      auto ra = revision_of(rs_[a]), rb = revision_of(rs_[b]);
      return ra != rb ? ra < rb : older(&rs_[a], &rs_[b]);
    });
    for (int k = 0; k < excess; ++k) {
      const auto& rs = rs_[cleanable[k]];
      if (rs.status().replicas() != 0 || spec(cleanable[k]) != 0 ||
          rs.metadata().generation() > rs.status().observedgeneration())
        continue;
      out_.deletes.push_back(orig_[cleanable[k]]);
    }
  }

  deployment_plan finish(bool rollout) {
    rs_list all;
    for (const auto& rs : rs_)
      all.push_back(&rs);
    const ReplicaSet* n = new_ ? &rs_[*new_] : nullptr;
    k8s::apps::v1::DeploymentStatus status;
    if (rollout) {
      auto r = compute_rollout_status(d_, all, n, in_.now);
      status = std::move(r.status);
      out_.requeue_after = r.requeue_after;
    } else {
      status = calculate_status(d_, all, n, in_.now);
    }
    if (!selects_anything()) {  // nothing to roll out: only the generation is observed
      status = in_.deployment->status();
      status.set_observedgeneration(d_.metadata().generation());
    }
    if (!google::protobuf::util::MessageDifferencer::Equivalent(status, in_.deployment->status()))
      out_.status = std::move(status);
    if (created_) out_.create = rs_[*new_];
    std::sort(dirty_.begin(), dirty_.end());
    dirty_.erase(std::unique(dirty_.begin(), dirty_.end()), dirty_.end());
    for (auto i : dirty_)
      if (!(created_ && is_new(i))) out_.updates.push_back(rs_[i]);
    auto current = in_.deployment->metadata().annotations().find(revision_annotation);
    bool has = current != in_.deployment->metadata().annotations().end();
    if (!revision_.empty() && (!has || current->second != revision_)) out_.revision = revision_;
    return std::move(out_);
  }

  const plan_input& in_;
  Deployment d_;
  deployment_plan out_;
  std::vector<ReplicaSet> rs_;  // working copies, oldest first; a created one last
  std::vector<const ReplicaSet*> orig_;
  std::optional<std::size_t> new_;
  bool created_ = false;
  std::vector<std::size_t> dirty_;
  std::string revision_;
};

}  // namespace

std::int64_t revision_of(const ReplicaSet& rs) {
  return parse_int(annotation(rs, revision_annotation), 0);
}

ReplicaSet new_replicaset(const Deployment& d, int replicas, const std::string& revision) {
  auto hash = pod_template_hash(d.spec().template_(),
                                d.status().has_collisioncount()
                                    ? std::optional<std::int32_t>(d.status().collisioncount())
                                    : std::nullopt);
  ReplicaSet rs;
  auto* meta = rs.mutable_metadata();
  meta->set_name(d.metadata().name() + "-" + hash);
  meta->set_namespace_(d.metadata().namespace_());
  auto* tmpl = rs.mutable_spec()->mutable_template_();
  *tmpl = d.spec().template_();
  (*tmpl->mutable_metadata()->mutable_labels())[pod_template_hash_label] = hash;
  *meta->mutable_labels() = tmpl->metadata().labels();
  *rs.mutable_spec()->mutable_selector() = d.spec().selector();
  (*rs.mutable_spec()->mutable_selector()->mutable_matchlabels())[pod_template_hash_label] = hash;
  rs.mutable_spec()->set_replicas(replicas);
  rs.mutable_spec()->set_minreadyseconds(d.spec().minreadyseconds());
  *meta->add_ownerreferences() = make_controller_ref(d);
  copy_annotations(d, rs);
  (*meta->mutable_annotations())[revision_annotation] = revision;
  set_replicas_annotations(d, rs);
  return rs;
}

deployment_plan plan_deployment(const plan_input& in) {
  return planner(in).run();
}

}  // namespace kactor::controllers::deployment
