// Printers of autoscaling, disruption and RBAC kinds: horizontal pod autoscalers (v1 and
// v2), pod disruption budgets, role bindings and cluster role bindings.
#include "gateway/printers/cells.hpp"
#include "k8s/autoscaling/v1/horizontal_pod_autoscaler.pb.h"
#include "k8s/autoscaling/v2/horizontal_pod_autoscaler.pb.h"
#include "k8s/policy/v1/disruption.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kactor::printers {
namespace {

using google::protobuf::Message;
namespace as2 = k8s::autoscaling::v2;

std::string percent(std::int32_t value) {
  return std::to_string(value) + "%";
}

// "current/target" of one v2 metric; `status` is its status when the HPA reported one.
std::string hpa_metric(const as2::MetricSpec& spec, const as2::MetricStatus* status) {
  const std::string unknown = "<unknown>";
  const auto& type = spec.type();
  if (type == "External" || type == "Object") {
    const auto& target = type == "External" ? spec.external().target() : spec.object().target();
    const as2::MetricValueStatus* current = nullptr;
    if (status != nullptr && type == "External" && status->has_external()) {
      current = &status->external().current();
    } else if (status != nullptr && type == "Object" && status->has_object()) {
      current = &status->object().current();
    }
    if (target.has_averagevalue()) {
      auto now = current != nullptr && current->has_averagevalue()
                     ? quantity_text(current->averagevalue())
                     : unknown;
      return now + "/" + quantity_text(target.averagevalue()) + " (avg)";
    }
    auto now = current != nullptr ? quantity_text(current->value()) : unknown;
    return now + "/" + quantity_text(target.value());
  }
  if (type == "Pods") {
    auto now = status != nullptr && status->has_pods()
                   ? quantity_text(status->pods().current().averagevalue())
                   : unknown;
    return now + "/" + quantity_text(spec.pods().target().averagevalue());
  }
  if (type == "Resource" || type == "ContainerResource") {
    bool container = type == "ContainerResource";
    const auto& name = container ? spec.containerresource().name() : spec.resource().name();
    const auto& target = container ? spec.containerresource().target() : spec.resource().target();
    const as2::MetricValueStatus* current = nullptr;
    if (status != nullptr && container && status->has_containerresource()) {
      current = &status->containerresource().current();
    } else if (status != nullptr && !container && status->has_resource()) {
      current = &status->resource().current();
    }
    std::string prefix =
        container ? name + " (on " + spec.containerresource().container() + "): " : name + ": ";
    if (target.has_averagevalue()) {
      auto now = current != nullptr ? quantity_text(current->averagevalue()) : unknown;
      return prefix + now + "/" + quantity_text(target.averagevalue());
    }
    auto now = current != nullptr && current->has_averageutilization()
                   ? percent(current->averageutilization())
                   : unknown;
    auto want = target.has_averageutilization() ? percent(target.averageutilization())
                                                : std::string("<auto>");
    return prefix + now + "/" + want;
  }
  return "<unknown type>";
}

// At most two metrics, then " + N more...".
std::string hpa_targets(const as2::HorizontalPodAutoscaler& hpa) {
  const auto& specs = hpa.spec().metrics();
  if (specs.empty()) return "<none>";
  const auto& statuses = hpa.status().currentmetrics();
  std::vector<std::string> shown;
  for (int i = 0; i < specs.size(); ++i) {
    if (shown.size() == 2) break;
    shown.push_back(hpa_metric(specs[i], i < statuses.size() ? &statuses[i] : nullptr));
  }
  auto text = join(shown, ", ");
  if (specs.size() > 2) text += " + " + std::to_string(specs.size() - 2) + " more...";
  return text;
}

void hpa_cells(const std::string& name, const std::string& kind, const std::string& target,
               std::string targets, bool has_min, std::int32_t min, std::int32_t max,
               std::int32_t replicas, std::string age, row_output& out) {
  out.cells.push_back(name);
  out.cells.push_back(kind + "/" + target);
  out.cells.push_back(std::move(targets));
  out.cells.push_back(has_min ? std::to_string(min) : "<unset>");
  out.cells.push_back(std::int64_t{max});
  out.cells.push_back(std::int64_t{replicas});
  out.cells.push_back(std::move(age));
}

void hpa_v2_row(const Message& object, const print_context& context, row_output& out) {
  typed<as2::HorizontalPodAutoscaler> hpa(object);
  const auto& spec = hpa->spec();
  hpa_cells(hpa->metadata().name(), spec.scaletargetref().kind(), spec.scaletargetref().name(),
            hpa_targets(*hpa), spec.has_minreplicas(), spec.minreplicas(), spec.maxreplicas(),
            hpa->status().currentreplicas(), age_of(object, context), out);
}

// autoscaling/v1 knows one metric: average CPU utilization.
void hpa_v1_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::autoscaling::v1::HorizontalPodAutoscaler> hpa(object);
  const auto& spec = hpa->spec();
  std::string targets = "<none>";
  if (spec.has_targetcpuutilizationpercentage()) {
    auto now = hpa->status().has_currentcpuutilizationpercentage()
                   ? percent(hpa->status().currentcpuutilizationpercentage())
                   : std::string("<unknown>");
    targets = "cpu: " + now + "/" + percent(spec.targetcpuutilizationpercentage());
  }
  hpa_cells(hpa->metadata().name(), spec.scaletargetref().kind(), spec.scaletargetref().name(),
            std::move(targets), spec.has_minreplicas(), spec.minreplicas(), spec.maxreplicas(),
            hpa->status().currentreplicas(), age_of(object, context), out);
}

void pdb_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::policy::v1::PodDisruptionBudget> pdb(object);
  const auto& spec = pdb->spec();
  out.cells.push_back(pdb->metadata().name());
  out.cells.push_back(spec.has_minavailable() ? int_or_string_text(spec.minavailable()) : "N/A");
  out.cells.push_back(spec.has_maxunavailable() ? int_or_string_text(spec.maxunavailable())
                                                : "N/A");
  out.cells.push_back(std::int64_t{pdb->status().disruptionsallowed()});
  out.cells.push_back(age_of(object, context));
}

template <class Binding>
void binding_row(const Message& object, const print_context& context, row_output& out) {
  typed<Binding> b(object);
  std::vector<std::string> users;
  std::vector<std::string> groups;
  std::vector<std::string> service_accounts;
  for (const auto& s : b->subjects()) {
    if (s.kind() == "User") {
      users.push_back(s.name());
    } else if (s.kind() == "Group") {
      groups.push_back(s.name());
    } else if (s.kind() == "ServiceAccount") {
      service_accounts.push_back(s.namespace_() + "/" + s.name());
    }
  }
  out.cells.push_back(b->metadata().name());
  out.cells.push_back(b->roleref().kind() + "/" + b->roleref().name());
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(join(users, ", "));
  out.cells.push_back(join(groups, ", "));
  out.cells.push_back(join(service_accounts, ", "));
}

}  // namespace

void add_policy_printers(printer_map& printers) {
  std::vector<column> hpa_columns = {
      name_column,
      {"Reference", "string", "", "The object whose replicas are scaled.", 0},
      {"Targets", "string", "", "Current and target values of the metrics.", 0},
      {"MinPods", "string", "", "The lower limit of replicas.", 0},
      {"MaxPods", "integer", "", "The upper limit of replicas.", 0},
      {"Replicas", "integer", "", "The current number of replicas.", 0},
      age_column};
  printers["k8s.autoscaling.v2.HorizontalPodAutoscaler"] = {hpa_columns, hpa_v2_row};
  printers["k8s.autoscaling.v1.HorizontalPodAutoscaler"] = {hpa_columns, hpa_v1_row};
  printers["k8s.policy.v1.PodDisruptionBudget"] = {
      {name_column,
       {"Min Available", "string", "", "How many selected pods must stay available.", 0},
       {"Max Unavailable", "string", "", "How many selected pods may be unavailable at once.", 0},
       {"Allowed Disruptions", "integer", "", "How many pods may be disrupted now.", 0},
       age_column},
      pdb_row};
  std::vector<column> binding_columns = {
      name_column,
      {"Role", "string", "", "The role this binding grants.", 0},
      age_column,
      {"Users", "string", "", "Users in this binding.", 1},
      {"Groups", "string", "", "Groups in this binding.", 1},
      {"ServiceAccounts", "string", "", "Service accounts in this binding.", 1}};
  printers["k8s.rbac.v1.RoleBinding"] = {binding_columns, binding_row<k8s::rbac::v1::RoleBinding>};
  printers["k8s.rbac.v1.ClusterRoleBinding"] = {binding_columns,
                                                binding_row<k8s::rbac::v1::ClusterRoleBinding>};
}

}  // namespace kactor::printers
