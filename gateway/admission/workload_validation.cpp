#include "gateway/admission/workload_validation.hpp"

#include <sstream>

#include "gateway/admission/go_format.hpp"
#include "gateway/admission/meta_validation.hpp"
#include "gateway/admission/pod_validation.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "messages/int_or_string.hpp"

namespace kactor::admission {
namespace {

using k8s::core::v1::PodTemplateSpec;
using k8s::meta::v1::LabelSelector;

constexpr std::string_view mismatch = "`selector` does not match template `labels`";

// The selector, its non-emptiness, and that the template labels match it.
void validate_selector(bool has_selector, const LabelSelector& selector,
                       const PodTemplateSpec& tmpl, std::string_view kind, field_errors& out) {
  if (!has_selector) {
    out.push_back(required("spec.selector"));
  } else {
    append(out, validate_label_selector(selector, "spec.selector"));
    if (selector.matchlabels().empty() && selector.matchexpressions().empty())
      out.push_back(invalid_formatted("spec.selector", go_label_selector(selector),
                                      "empty selector is invalid for " + std::string(kind)));
  }
  auto converted =
      has_selector
          ? selectors::label_selector_from(selector)
          : selectors::result<selectors::label_selector>(selectors::label_selector::nothing());
  if (!converted) {
    out.push_back(
        invalid_formatted("spec.selector", go_label_selector(selector), "invalid label selector"));
  } else if (!converted->empty() && !converted->matches(tmpl.metadata().labels())) {
    out.push_back(invalid_formatted("spec.template.metadata.labels",
                                    go_map(tmpl.metadata().labels()), mismatch));
  }
}

// A template of a long-running workload: restartPolicy Always, no activeDeadlineSeconds.
void validate_service_template(const PodTemplateSpec& tmpl, std::string_view kind,
                               field_errors& out) {
  append(out, validate_pod_template(tmpl, "spec.template"));
  const auto& spec = tmpl.spec();
  if (!spec.restartpolicy().empty() && spec.restartpolicy() != "Always")
    out.push_back(
        not_supported("spec.template.spec.restartPolicy", spec.restartpolicy(), {"Always"}));
  if (spec.has_activedeadlineseconds())
    out.push_back(forbidden("spec.template.spec.activeDeadlineSeconds",
                            "activeDeadlineSeconds in " + std::string(kind) + " is not Supported"));
}

void validate_job_spec(const k8s::batch::v1::JobSpec& spec, const std::string& path,
                       field_errors& out) {
  if (spec.has_parallelism())
    append(out, validate_nonnegative(spec.parallelism(), child(path, "parallelism")));
  if (spec.has_completions())
    append(out, validate_nonnegative(spec.completions(), child(path, "completions")));
  if (spec.has_backofflimit())
    append(out, validate_nonnegative(spec.backofflimit(), child(path, "backoffLimit")));
  if (spec.has_activedeadlineseconds() && spec.activedeadlineseconds() <= 0)
    out.push_back(invalid(child(path, "activeDeadlineSeconds"), spec.activedeadlineseconds(),
                          "must be greater than 0"));
  if (spec.has_completionmode() && spec.completionmode() != "NonIndexed" &&
      spec.completionmode() != "Indexed")
    out.push_back(not_supported(child(path, "completionMode"), spec.completionmode(),
                                {"NonIndexed", "Indexed"}));
  auto tmpl = child(path, "template");
  append(out, validate_pod_template(spec.template_(), tmpl));
  const auto& restart = spec.template_().spec().restartpolicy();
  if (restart != "OnFailure" && restart != "Never")
    out.push_back(
        not_supported(child(tmpl, "spec.restartPolicy"), restart, {"OnFailure", "Never"}));
}

bool valid_schedule(const std::string& schedule) {
  if (schedule.empty()) return false;
  if (schedule.front() == '@') return true;
  std::istringstream in(schedule);
  std::string word;
  int fields = 0;
  while (in >> word)
    ++fields;
  return fields == 5;
}

}  // namespace

field_errors validate_deployment(const k8s::apps::v1::Deployment& d) {
  field_errors out;
  const auto& spec = d.spec();
  append(out, validate_nonnegative(spec.replicas(), "spec.replicas"));
  validate_selector(spec.has_selector(), spec.selector(), spec.template_(), "deployment.", out);
  validate_service_template(spec.template_(), "ReplicaSet", out);
  const auto& type = spec.strategy().type();
  if (type != "Recreate" && type != "RollingUpdate") {
    out.push_back(not_supported("spec.strategy.type", type, {"Recreate", "RollingUpdate"}));
  } else if (type == "Recreate" && spec.strategy().has_rollingupdate()) {
    out.push_back(forbidden("spec.strategy.rollingUpdate",
                            "may not be specified when strategy `type` is 'Recreate'"));
  }
  append(out, validate_nonnegative(spec.minreadyseconds(), "spec.minReadySeconds"));
  return out;
}

field_errors validate_replica_set(const k8s::apps::v1::ReplicaSet& rs) {
  field_errors out;
  const auto& spec = rs.spec();
  append(out, validate_nonnegative(spec.replicas(), "spec.replicas"));
  append(out, validate_nonnegative(spec.minreadyseconds(), "spec.minReadySeconds"));
  validate_selector(spec.has_selector(), spec.selector(), spec.template_(), "deployment.", out);
  validate_service_template(spec.template_(), "ReplicaSet", out);
  return out;
}

field_errors validate_replication_controller(const k8s::core::v1::ReplicationController& rc) {
  field_errors out;
  const auto& spec = rc.spec();
  append(out, validate_nonnegative(spec.replicas(), "spec.replicas"));
  append(out, validate_nonnegative(spec.minreadyseconds(), "spec.minReadySeconds"));
  if (spec.selector().empty()) out.push_back(required("spec.selector"));
  append(out, validate_labels(spec.selector(), "spec.selector"));
  if (!spec.has_template_()) {
    out.push_back(required("spec.template"));
    return out;
  }
  const auto& labels = spec.template_().metadata().labels();
  bool matches = !spec.selector().empty();
  for (const auto& [k, v] : spec.selector()) {
    auto it = labels.find(k);
    if (it == labels.end() || it->second != v) matches = false;
  }
  if (!spec.selector().empty() && !matches)
    out.push_back(invalid_formatted("spec.template.metadata.labels", go_map(labels), mismatch));
  validate_service_template(spec.template_(), "ReplicationController", out);
  return out;
}

field_errors validate_daemon_set(const k8s::apps::v1::DaemonSet& ds) {
  field_errors out;
  const auto& spec = ds.spec();
  validate_selector(spec.has_selector(), spec.selector(), spec.template_(), "daemonset", out);
  validate_service_template(spec.template_(), "DaemonSet", out);
  const auto& type = spec.updatestrategy().type();
  if (type != "RollingUpdate" && type != "OnDelete")
    out.push_back(not_supported("spec.updateStrategy.type", type, {"OnDelete", "RollingUpdate"}));
  append(out, validate_nonnegative(spec.minreadyseconds(), "spec.minReadySeconds"));
  return out;
}

field_errors validate_stateful_set(const k8s::apps::v1::StatefulSet& sts) {
  field_errors out;
  const auto& spec = sts.spec();
  const auto& policy = spec.podmanagementpolicy();
  if (policy.empty()) {
    out.push_back(required("spec.podManagementPolicy"));
  } else if (policy != "OrderedReady" && policy != "Parallel") {
    out.push_back(
        invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const auto& type = spec.updatestrategy().type();
  if (type.empty()) {
    out.push_back(required("spec.updateStrategy"));
  } else if (type != "RollingUpdate" && type != "OnDelete") {
    out.push_back(
        invalid("spec.updateStrategy.type", type, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  append(out, validate_nonnegative(spec.replicas(), "spec.replicas"));
  append(out, validate_nonnegative(spec.minreadyseconds(), "spec.minReadySeconds"));
  validate_selector(spec.has_selector(), spec.selector(), spec.template_(), "statefulset", out);
  validate_service_template(spec.template_(), "StatefulSet", out);
  return out;
}

field_errors validate_job(const k8s::batch::v1::Job& job) {
  field_errors out;
  const auto& spec = job.spec();
  validate_selector(spec.has_selector(), spec.selector(), spec.template_(), "job", out);
  validate_job_spec(spec, "spec", out);
  return out;
}

field_errors validate_cron_job(const k8s::batch::v1::CronJob& cj) {
  field_errors out;
  const auto& name = cj.metadata().name();
  if (name.size() > 52)
    out.push_back(invalid("metadata.name", name, "must be no more than 52 characters"));
  const auto& spec = cj.spec();
  if (spec.schedule().empty()) {
    out.push_back(required("spec.schedule"));
  } else if (!valid_schedule(spec.schedule())) {
    out.push_back(invalid("spec.schedule", spec.schedule(), "unparseable schedule"));
  }
  const auto& policy = spec.concurrencypolicy();
  if (policy.empty()) {
    out.push_back(required("spec.concurrencyPolicy"));
  } else if (policy != "Allow" && policy != "Forbid" && policy != "Replace") {
    out.push_back(not_supported("spec.concurrencyPolicy", policy, {"Allow", "Forbid", "Replace"}));
  }
  validate_job_spec(spec.jobtemplate().spec(), "spec.jobTemplate.spec", out);
  return out;
}

}  // namespace kactor::admission
