// Printers of cluster infrastructure kinds: nodes, namespaces, events (core/v1 and
// events.k8s.io/v1), leases and priority classes.
#include <algorithm>
#include <cctype>
#include <set>

#include "gateway/printers/age.hpp"
#include "gateway/printers/cells.hpp"
#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/event.pb.h"
#include "k8s/core/v1/namespace.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/events/v1/event.pb.h"
#include "k8s/scheduling/v1/priority_class.pb.h"

namespace kactor::printers {
namespace {

using google::protobuf::Message;

// "Ready" / "NotReady" / "Unknown" from the Ready condition, then "SchedulingDisabled".
std::string node_status(const k8s::core::v1::Node& node) {
  std::vector<std::string> status;
  for (const auto& c : node.status().conditions()) {
    if (c.type() == "Ready") status = {c.status() == "True" ? "Ready" : "NotReady"};
  }
  if (status.empty()) status.push_back("Unknown");
  if (node.spec().unschedulable()) status.push_back("SchedulingDisabled");
  return join(status, ",");
}

// Roles from `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label.
std::string node_roles(const k8s::core::v1::Node& node) {
  constexpr std::string_view prefix = "node-role.kubernetes.io/";
  std::set<std::string> roles;
  for (const auto& [key, value] : node.metadata().labels()) {
    if (key.starts_with(prefix) && key.size() > prefix.size()) {
      roles.insert(key.substr(prefix.size()));
    } else if (key == "kubernetes.io/role" && !value.empty()) {
      roles.insert(value);
    }
  }
  return or_none(join({roles.begin(), roles.end()}, ","));
}

std::string node_address(const k8s::core::v1::Node& node, std::string_view type) {
  for (const auto& a : node.status().addresses()) {
    if (a.type() == type) return a.address();
  }
  return "<none>";
}

std::string or_unknown(const std::string& text) {
  return text.empty() ? "<unknown>" : text;
}

void node_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::Node> node(object);
  const auto& info = node->status().nodeinfo();
  out.cells.push_back(node->metadata().name());
  out.cells.push_back(node_status(*node));
  out.cells.push_back(node_roles(*node));
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(info.kubeletversion());
  out.cells.push_back(node_address(*node, "InternalIP"));
  out.cells.push_back(node_address(*node, "ExternalIP"));
  out.cells.push_back(or_unknown(info.osimage()));
  out.cells.push_back(or_unknown(info.kernelversion()));
  out.cells.push_back(or_unknown(info.containerruntimeversion()));
}

void namespace_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::Namespace> ns(object);
  out.cells.push_back(ns->metadata().name());
  out.cells.push_back(ns->status().phase());
  out.cells.push_back(age_of(object, context));
}

// The event columns, from the fields both event APIs share.
struct event_view {
  const k8s::core::v1::ObjectReference& regarding;
  const std::string& type;
  const std::string& reason;
  const std::string& message;
  std::string source;
  std::string first_seen;
  std::string last_seen;
  std::int64_t count;
  const std::string& name;
};

void event_cells(const event_view& e, row_output& out) {
  std::string kind = e.regarding.kind();
  std::transform(kind.begin(), kind.end(), kind.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::string target = e.regarding.name().empty() ? kind : kind + "/" + e.regarding.name();
  std::string message = e.message;
  auto first = message.find_first_not_of(" \t\r\n\v\f");
  auto last = message.find_last_not_of(" \t\r\n\v\f");
  message = first == std::string::npos ? "" : message.substr(first, last - first + 1);
  out.cells.push_back(e.last_seen);
  out.cells.push_back(e.type);
  out.cells.push_back(e.reason);
  out.cells.push_back(std::move(target));
  out.cells.push_back(e.regarding.fieldpath());
  out.cells.push_back(e.source);
  out.cells.push_back(std::move(message));
  out.cells.push_back(e.first_seen);
  out.cells.push_back(e.count);
  out.cells.push_back(e.name);
}

std::string component_instance(const std::string& component, const std::string& instance) {
  return instance.empty() ? component : component + ", " + instance;
}

void event_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::Event> ev(object);
  auto first_seen = ev->has_firsttimestamp() ? age(ev->firsttimestamp(), context.now)
                                             : age(ev->eventtime(), context.now);
  auto last_seen = ev->has_lasttimestamp() ? age(ev->lasttimestamp(), context.now) : first_seen;
  std::int64_t count = ev->count();
  if (ev->has_series()) {
    last_seen = age(ev->series().lastobservedtime(), context.now);
    count = ev->series().count();
  } else if (count == 0) {
    count = 1;  // singleton events of the newer API carry no count
  }
  const auto& source = ev->source();
  event_cells({ev->involvedobject(), ev->type(), ev->reason(), ev->message(),
               component_instance(
                   source.component().empty() ? ev->reportingcomponent() : source.component(),
                   source.host().empty() ? ev->reportinginstance() : source.host()),
               std::move(first_seen), std::move(last_seen), count, ev->metadata().name()},
              out);
}

void events_v1_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::events::v1::Event> ev(object);
  auto first_seen = ev->has_deprecatedfirsttimestamp()
                        ? age(ev->deprecatedfirsttimestamp(), context.now)
                        : age(ev->eventtime(), context.now);
  auto last_seen = ev->has_deprecatedlasttimestamp()
                       ? age(ev->deprecatedlasttimestamp(), context.now)
                       : first_seen;
  std::int64_t count = ev->deprecatedcount();
  if (ev->has_series()) {
    last_seen = age(ev->series().lastobservedtime(), context.now);
    count = ev->series().count();
  } else if (count == 0) {
    count = 1;
  }
  const auto& source = ev->deprecatedsource();
  event_cells({ev->regarding(), ev->type(), ev->reason(), ev->note(),
               component_instance(
                   source.component().empty() ? ev->reportingcontroller() : source.component(),
                   source.host().empty() ? ev->reportinginstance() : source.host()),
               std::move(first_seen), std::move(last_seen), count, ev->metadata().name()},
              out);
}

void lease_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::coordination::v1::Lease> lease(object);
  out.cells.push_back(lease->metadata().name());
  out.cells.push_back(lease->spec().holderidentity());
  out.cells.push_back(age_of(object, context));
}

void priority_class_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::scheduling::v1::PriorityClass> pc(object);
  out.cells.push_back(pc->metadata().name());
  out.cells.push_back(std::int64_t{pc->value()});
  out.cells.push_back(pc->globaldefault());
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(pc->has_preemptionpolicy() ? pc->preemptionpolicy() : "<unset>");
}

}  // namespace

void add_cluster_printers(printer_map& printers) {
  printers["k8s.core.v1.Node"] = {
      {name_column,
       {"Status", "string", "", "Whether the node is ready, and whether it takes new pods.", 0},
       {"Roles", "string", "", "The roles named by the node's node-role labels.", 0},
       age_column,
       {"Version", "string", "", "The kubelet version the node reports.", 0},
       {"Internal-IP", "string", "", "The node's internal address.", 1},
       {"External-IP", "string", "", "The node's external address.", 1},
       {"OS-Image", "string", "", "The operating system image the node reports.", 1},
       {"Kernel-Version", "string", "", "The kernel version the node reports.", 1},
       {"Container-Runtime", "string", "", "The container runtime and its version.", 1}},
      node_row};
  printers["k8s.core.v1.Namespace"] = {
      {name_column,
       {"Status", "string", "", "The phase of the namespace: Active or Terminating.", 0},
       age_column},
      namespace_row};
  std::vector<column> event_columns = {
      {"Last Seen", "string", "", "When the event was last observed.", 0},
      {"Type", "string", "", "The type of the event: Normal or Warning.", 0},
      {"Reason", "string", "", "Why the event happened, in CamelCase.", 0},
      {"Object", "string", "", "The object the event is about.", 0},
      {"Subobject", "string", "", "The part of the object the event is about.", 1},
      {"Source", "string", "", "The component that reported the event.", 1},
      {"Message", "string", "", "A human-readable description of the event.", 0},
      {"First Seen", "string", "", "When the event was first observed.", 1},
      {"Count", "integer", "", "How often the event occurred.", 1},
      {"Name", "string", "name", name_description, 1}};
  printers["k8s.core.v1.Event"] = {event_columns, event_row};
  printers["k8s.events.v1.Event"] = {event_columns, events_v1_row};
  printers["k8s.coordination.v1.Lease"] = {
      {name_column, {"Holder", "string", "", "The current holder of the lease.", 0}, age_column},
      lease_row};
  printers["k8s.scheduling.v1.PriorityClass"] = {
      {name_column,
       {"Value", "integer", "", "The priority of pods of this class.", 0},
       {"Global-Default", "boolean", "", "Whether pods without a class get this one.", 0},
       age_column,
       {"PreemptionPolicy", "string", "", "Whether these pods may preempt others.", 1}},
      priority_class_row};
}

}  // namespace kactor::printers
