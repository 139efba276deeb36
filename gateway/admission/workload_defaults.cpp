#include "gateway/admission/workload_defaults.hpp"

#include <limits>

#include "gateway/admission/pod_defaults.hpp"
#include "gateway/admission/volume_defaults.hpp"
#include "messages/int_or_string.hpp"

namespace kactor::admission {

using messages::make_int_or_string;

void default_deployment(k8s::apps::v1::Deployment& d) {
  auto& spec = *d.mutable_spec();
  if (!spec.has_replicas()) spec.set_replicas(1);
  auto& strategy = *spec.mutable_strategy();
  if (strategy.type().empty()) strategy.set_type("RollingUpdate");
  if (strategy.type() == "RollingUpdate") {
    auto& rolling = *strategy.mutable_rollingupdate();
    if (!rolling.has_maxunavailable())
      *rolling.mutable_maxunavailable() = make_int_or_string("25%");
    if (!rolling.has_maxsurge()) *rolling.mutable_maxsurge() = make_int_or_string("25%");
  }
  if (!spec.has_revisionhistorylimit()) spec.set_revisionhistorylimit(10);
  if (!spec.has_progressdeadlineseconds()) spec.set_progressdeadlineseconds(600);
  default_pod_template(*spec.mutable_template_());
}

void default_replica_set(k8s::apps::v1::ReplicaSet& rs) {
  auto& spec = *rs.mutable_spec();
  if (!spec.has_replicas()) spec.set_replicas(1);
  default_pod_template(*spec.mutable_template_());
}

void default_replication_controller(k8s::core::v1::ReplicationController& rc) {
  auto& spec = *rc.mutable_spec();
  const auto& template_labels = spec.template_().metadata().labels();
  if (!template_labels.empty()) {
    if (spec.selector().empty()) *spec.mutable_selector() = template_labels;
    if (rc.metadata().labels().empty()) *rc.mutable_metadata()->mutable_labels() = template_labels;
  }
  if (!spec.has_replicas()) spec.set_replicas(1);
  if (spec.has_template_()) default_pod_template(*spec.mutable_template_());
}

void default_daemon_set(k8s::apps::v1::DaemonSet& ds) {
  auto& spec = *ds.mutable_spec();
  auto& strategy = *spec.mutable_updatestrategy();
  if (strategy.type().empty()) strategy.set_type("RollingUpdate");
  if (strategy.type() == "RollingUpdate") {
    auto& rolling = *strategy.mutable_rollingupdate();
    if (!rolling.has_maxunavailable()) *rolling.mutable_maxunavailable() = make_int_or_string(1);
    if (!rolling.has_maxsurge()) *rolling.mutable_maxsurge() = make_int_or_string(0);
  }
  if (!spec.has_revisionhistorylimit()) spec.set_revisionhistorylimit(10);
  default_pod_template(*spec.mutable_template_());
}

void default_stateful_set(k8s::apps::v1::StatefulSet& sts) {
  auto& spec = *sts.mutable_spec();
  if (!spec.has_replicas()) spec.set_replicas(1);
  if (spec.podmanagementpolicy().empty()) spec.set_podmanagementpolicy("OrderedReady");
  auto& strategy = *spec.mutable_updatestrategy();
  if (strategy.type().empty()) {
    strategy.set_type("RollingUpdate");
    strategy.mutable_rollingupdate();  // an explicit RollingUpdate without it stays without
  }
  if (strategy.type() == "RollingUpdate" && strategy.has_rollingupdate() &&
      !strategy.rollingupdate().has_partition())
    strategy.mutable_rollingupdate()->set_partition(0);
  if (!spec.has_revisionhistorylimit()) spec.set_revisionhistorylimit(10);
  auto& retention = *spec.mutable_persistentvolumeclaimretentionpolicy();
  if (retention.whendeleted().empty()) retention.set_whendeleted("Retain");
  if (retention.whenscaled().empty()) retention.set_whenscaled("Retain");
  for (auto& claim : *spec.mutable_volumeclaimtemplates()) {
    default_claim_spec(*claim.mutable_spec());
    if (claim.status().phase().empty()) claim.mutable_status()->set_phase("Pending");
  }
  default_pod_template(*spec.mutable_template_());
}

namespace {

// The selector and template labels Kubernetes generates for a Job without manualSelector.
void generate_job_selector(k8s::batch::v1::Job& job) {
  auto& spec = *job.mutable_spec();
  const auto& uid = job.metadata().uid();
  const auto& name = job.metadata().name();
  if (uid.empty() || (spec.has_manualselector() && spec.manualselector()) || spec.has_selector())
    return;
  (*spec.mutable_selector()->mutable_matchlabels())["batch.kubernetes.io/controller-uid"] = uid;
  auto& labels = *spec.mutable_template_()->mutable_metadata()->mutable_labels();
  labels["controller-uid"] = uid;
  labels["batch.kubernetes.io/controller-uid"] = uid;
  labels["job-name"] = name;
  labels["batch.kubernetes.io/job-name"] = name;
}

}  // namespace

void default_job(k8s::batch::v1::Job& job) {
  auto& spec = *job.mutable_spec();
  if (!spec.has_completions() && !spec.has_parallelism()) {
    spec.set_completions(1);
    spec.set_parallelism(1);
  }
  if (!spec.has_parallelism()) spec.set_parallelism(1);
  if (!spec.has_backofflimit()) {
    spec.set_backofflimit(spec.has_backofflimitperindex() ? std::numeric_limits<std::int32_t>::max()
                                                          : 6);
  }
  if (!spec.has_completionmode()) spec.set_completionmode("NonIndexed");
  if (!spec.has_suspend()) spec.set_suspend(false);
  if (spec.has_podfailurepolicy()) {
    for (auto& rule : *spec.mutable_podfailurepolicy()->mutable_rules())
      for (auto& pattern : *rule.mutable_onpodconditions())
        if (pattern.status().empty()) pattern.set_status("True");
  }
  if (!spec.has_podreplacementpolicy())
    spec.set_podreplacementpolicy(spec.has_podfailurepolicy() ? "Failed" : "TerminatingOrFailed");
  generate_job_selector(job);
  const auto& template_labels = spec.template_().metadata().labels();
  if (!template_labels.empty() && job.metadata().labels().empty())
    *job.mutable_metadata()->mutable_labels() = template_labels;
  default_pod_template(*spec.mutable_template_());
}

void default_cron_job(k8s::batch::v1::CronJob& cj) {
  auto& spec = *cj.mutable_spec();
  if (spec.concurrencypolicy().empty()) spec.set_concurrencypolicy("Allow");
  if (!spec.has_suspend()) spec.set_suspend(false);
  if (!spec.has_successfuljobshistorylimit()) spec.set_successfuljobshistorylimit(3);
  if (!spec.has_failedjobshistorylimit()) spec.set_failedjobshistorylimit(1);
  default_pod_template(*spec.mutable_jobtemplate()->mutable_spec()->mutable_template_());
}

void default_pod_template_object(k8s::core::v1::PodTemplate& pt) {
  default_pod_template(*pt.mutable_template_());
}

}  // namespace kactor::admission
