// Printers of the workload kinds: deployments, replica sets, replication controllers, daemon
// sets, stateful sets, jobs, cron jobs and controller revisions.
#include <algorithm>
#include <cctype>

#include "gateway/printers/age.hpp"
#include "gateway/printers/cells.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "k8s/apps/v1/daemon_set.pb.h"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/apps/v1/stateful_set.pb.h"
#include "k8s/batch/v1/cron_job.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/misc.pb.h"

namespace kactor::printers {
namespace {

using google::protobuf::Message;

// A selector's text as the workload printers show it: "" for none or for one selecting
// everything, "<invalid>" when it does not convert.
std::string selector_text(bool present, const k8s::meta::v1::LabelSelector& selector) {
  if (!present) return {};
  auto converted = selectors::label_selector_from(selector);
  return converted ? converted->to_string() : "<invalid>";
}

// Kubernetes defaults an absent replica count to 1.
template <class Spec>
std::int64_t desired_replicas(const Spec& spec) {
  return spec.has_replicas() ? spec.replicas() : 1;
}

std::string ratio(std::int64_t a, std::int64_t b) {
  return std::to_string(a) + "/" + std::to_string(b);
}

const column selector_column{"Selector", "string", "",
                             "The label query over pods that this workload manages.", 1};

void deployment_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::apps::v1::Deployment> d(object);
  out.cells.push_back(d->metadata().name());
  out.cells.push_back(ratio(d->status().readyreplicas(), desired_replicas(d->spec())));
  out.cells.push_back(std::int64_t{d->status().updatedreplicas()});
  out.cells.push_back(std::int64_t{d->status().availablereplicas()});
  out.cells.push_back(age_of(object, context));
  append_container_cells(d->spec().template_().spec(), out);
  out.cells.push_back(selector_text(d->spec().has_selector(), d->spec().selector()));
}

void replica_set_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::apps::v1::ReplicaSet> rs(object);
  out.cells.push_back(rs->metadata().name());
  out.cells.push_back(desired_replicas(rs->spec()));
  out.cells.push_back(std::int64_t{rs->status().replicas()});
  out.cells.push_back(std::int64_t{rs->status().readyreplicas()});
  out.cells.push_back(age_of(object, context));
  append_container_cells(rs->spec().template_().spec(), out);
  out.cells.push_back(selector_text(rs->spec().has_selector(), rs->spec().selector()));
}

void replication_controller_row(const Message& object, const print_context& context,
                                row_output& out) {
  typed<k8s::core::v1::ReplicationController> rc(object);
  out.cells.push_back(rc->metadata().name());
  out.cells.push_back(desired_replicas(rc->spec()));
  out.cells.push_back(std::int64_t{rc->status().replicas()});
  out.cells.push_back(std::int64_t{rc->status().readyreplicas()});
  out.cells.push_back(age_of(object, context));
  append_container_cells(rc->spec().template_().spec(), out);
  out.cells.push_back(format_labels(rc->spec().selector()));
}

void daemon_set_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::apps::v1::DaemonSet> ds(object);
  const auto& status = ds->status();
  out.cells.push_back(ds->metadata().name());
  out.cells.push_back(std::int64_t{status.desirednumberscheduled()});
  out.cells.push_back(std::int64_t{status.currentnumberscheduled()});
  out.cells.push_back(std::int64_t{status.numberready()});
  out.cells.push_back(std::int64_t{status.updatednumberscheduled()});
  out.cells.push_back(std::int64_t{status.numberavailable()});
  out.cells.push_back(format_labels(ds->spec().template_().spec().nodeselector()));
  out.cells.push_back(age_of(object, context));
  append_container_cells(ds->spec().template_().spec(), out);
  out.cells.push_back(selector_text(ds->spec().has_selector(), ds->spec().selector()));
}

void stateful_set_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::apps::v1::StatefulSet> sts(object);
  out.cells.push_back(sts->metadata().name());
  out.cells.push_back(ratio(sts->status().readyreplicas(), desired_replicas(sts->spec())));
  out.cells.push_back(age_of(object, context));
  append_container_cells(sts->spec().template_().spec(), out);
}

bool job_condition(const k8s::batch::v1::Job& job, std::string_view type) {
  for (const auto& c : job.status().conditions()) {
    if (c.type() == type && c.status() == "True") return true;
  }
  return false;
}

std::string job_status(const k8s::batch::v1::Job& job) {
  if (job_condition(job, "Complete")) return "Complete";
  if (job_condition(job, "Failed")) return "Failed";
  if (job.metadata().has_deletiontimestamp()) return "Terminating";
  if (job_condition(job, "Suspended")) return "Suspended";
  if (job_condition(job, "FailureTarget")) return "FailureTarget";
  if (job_condition(job, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

std::string job_completions(const k8s::batch::v1::Job& job) {
  auto succeeded = std::to_string(job.status().succeeded());
  const auto& spec = job.spec();
  if (spec.has_completions()) return succeeded + "/" + std::to_string(spec.completions());
  if (spec.has_parallelism() && spec.parallelism() > 1) {
    return succeeded + "/1 of " + std::to_string(spec.parallelism());
  }
  return succeeded + "/1";
}

void job_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::batch::v1::Job> job(object);
  const auto& status = job->status();
  std::string duration;
  if (status.has_starttime()) {
    duration = status.has_completiontime() ? interval(status.starttime(), status.completiontime())
                                           : age(status.starttime(), context.now);
  }
  out.cells.push_back(job->metadata().name());
  out.cells.push_back(job_status(*job));
  out.cells.push_back(job_completions(*job));
  out.cells.push_back(std::move(duration));
  out.cells.push_back(age_of(object, context));
  append_container_cells(job->spec().template_().spec(), out);
  out.cells.push_back(selector_text(job->spec().has_selector(), job->spec().selector()));
}

void cron_job_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::batch::v1::CronJob> cj(object);
  const auto& spec = cj->spec();
  out.cells.push_back(cj->metadata().name());
  out.cells.push_back(spec.schedule());
  out.cells.push_back(spec.has_timezone() ? spec.timezone() : "<none>");
  out.cells.push_back(spec.has_suspend() ? bool_text(spec.suspend()) : "<unset>");
  out.cells.push_back(std::int64_t{cj->status().active_size()});
  out.cells.push_back(cj->status().has_lastscheduletime()
                          ? age(cj->status().lastscheduletime(), context.now)
                          : "<none>");
  out.cells.push_back(age_of(object, context));
  const auto& job = spec.jobtemplate().spec();
  append_container_cells(job.template_().spec(), out);
  out.cells.push_back(selector_text(job.has_selector(), job.selector()));
}

// "daemonset.apps/fluentd" for the controlling owner, "<none>" without one.
std::string controller_of(const k8s::meta::v1::ObjectMeta& meta) {
  for (const auto& ref : meta.ownerreferences()) {
    if (!ref.controller()) continue;
    auto slash = ref.apiversion().find('/');
    std::string kind = ref.kind();
    if (slash != std::string::npos) kind.append(".").append(ref.apiversion(), 0, slash);
    std::transform(kind.begin(), kind.end(), kind.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return kind + "/" + ref.name();
  }
  return "<none>";
}

void controller_revision_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::apps::v1::ControllerRevision> cr(object);
  out.cells.push_back(cr->metadata().name());
  out.cells.push_back(controller_of(cr->metadata()));
  out.cells.push_back(cr->revision());
  out.cells.push_back(age_of(object, context));
}

}  // namespace

void add_workload_printers(printer_map& printers) {
  printers["k8s.apps.v1.Deployment"] = {
      {name_column,
       {"Ready", "string", "", "Ready pods out of the desired number of replicas.", 0},
       {"Up-to-date", "integer", "", "Pods running the latest pod template.", 0},
       {"Available", "integer", "", "Pods that have been ready for at least minReadySeconds.", 0},
       age_column,
       containers_column,
       images_column,
       selector_column},
      deployment_row};
  std::vector<column> replica_columns = {
      name_column,
      {"Desired", "integer", "", "The number of replicas asked for.", 0},
      {"Current", "integer", "", "The number of replicas that exist.", 0},
      {"Ready", "integer", "", "The number of replicas that are ready.", 0},
      age_column,
      containers_column,
      images_column,
      selector_column};
  printers["k8s.apps.v1.ReplicaSet"] = {replica_columns, replica_set_row};
  printers["k8s.core.v1.ReplicationController"] = {replica_columns, replication_controller_row};
  printers["k8s.apps.v1.DaemonSet"] = {
      {name_column,
       {"Desired", "integer", "", "Nodes that should run the daemon pod.", 0},
       {"Current", "integer", "", "Nodes that run at least one daemon pod.", 0},
       {"Ready", "integer", "", "Nodes whose daemon pod is ready.", 0},
       {"Up-to-date", "integer", "", "Nodes that run the updated daemon pod.", 0},
       {"Available", "integer", "", "Nodes whose daemon pod is available.", 0},
       {"Node Selector", "string", "", "The node labels the daemon pods are restricted to.", 0},
       age_column,
       containers_column,
       images_column,
       selector_column},
      daemon_set_row};
  printers["k8s.apps.v1.StatefulSet"] = {
      {name_column,
       {"Ready", "string", "", "Ready pods out of the desired number of replicas.", 0},
       age_column,
       containers_column,
       images_column},
      stateful_set_row};
  printers["k8s.batch.v1.Job"] = {
      {name_column,
       {"Status", "string", "",
        "Complete, Failed, Suspended or Running, from the job's conditions.", 0},
       {"Completions", "string", "", "Succeeded pods out of the desired completions.", 0},
       {"Duration", "string", "", "How long the job ran or has been running.", 0},
       age_column,
       containers_column,
       images_column,
       selector_column},
      job_row};
  printers["k8s.batch.v1.CronJob"] = {
      {name_column,
       {"Schedule", "string", "", "The schedule in cron format.", 0},
       {"Timezone", "string", "", "The time zone the schedule is read in.", 0},
       {"Suspend", "boolean", "", "Whether new jobs are held back.", 0},
       {"Active", "integer", "", "The number of running jobs.", 0},
       {"Last Schedule", "string", "", "When a job was last scheduled.", 0},
       age_column,
       containers_column,
       images_column,
       selector_column},
      cron_job_row};
  printers["k8s.apps.v1.ControllerRevision"] = {
      {name_column,
       {"Controller", "string", "", "The controller that owns this revision.", 0},
       {"Revision", "integer", "", "The revision number.", 0},
       age_column},
      controller_revision_row};
}

}  // namespace kactor::printers
