// The per-kind field-selector tables. They follow Kubernetes 1.32's field label conversion
// functions (which labels a kind accepts) and its ToSelectableFields (what each reads).
#include "gateway/selectors/field_table.hpp"

#include <map>
#include <mutex>
#include <shared_mutex>

#include "k8s/core/v1/event.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::selectors {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// A label, and either the schema path it reads ("" = the label itself) or a computed reader.
struct field_entry {
  std::string_view label;
  std::string_view path = {};
  field_reader::compute_fn compute = nullptr;
};

// Pods report their first IP; podIPs[0] equals podIP, which older writers set alone.
std::string pod_ip(const Message& object) {
  k8s::core::v1::Pod copy;
  const auto* pod = dynamic_cast<const k8s::core::v1::Pod*>(&object);
  if (pod == nullptr) {
    copy.CopyFrom(object);
    pod = &copy;
  }
  const auto& status = pod->status();
  if (status.podips_size() > 0) return status.podips(0).ip();
  return status.podip();
}

// Events name their source component, or the reporting controller of newer writers.
std::string event_source(const Message& object) {
  k8s::core::v1::Event copy;
  const auto* event = dynamic_cast<const k8s::core::v1::Event*>(&object);
  if (event == nullptr) {
    copy.CopyFrom(object);
    event = &copy;
  }
  if (!event->source().component().empty()) return event->source().component();
  return event->reportingcomponent();
}

constexpr field_entry meta_name{"metadata.name"};
constexpr field_entry meta_namespace{"metadata.namespace"};

// Kinds with their own list; every other kind accepts metadata.name and metadata.namespace.
const std::map<std::string_view, std::vector<field_entry>>& kind_tables() {
  static const std::map<std::string_view, std::vector<field_entry>> tables = {
      {"k8s.core.v1.Pod",
       {meta_name,
        meta_namespace,
        {"spec.nodeName"},
        {"spec.restartPolicy"},
        {"spec.schedulerName"},
        {"spec.serviceAccountName"},
        {"spec.hostNetwork"},
        {"status.phase"},
        {"status.podIP", {}, pod_ip},
        {"status.nominatedNodeName"},
        {"spec.host", "spec.nodeName"}}},
      {"k8s.core.v1.Event",
       {meta_name,
        meta_namespace,
        {"involvedObject.kind"},
        {"involvedObject.namespace"},
        {"involvedObject.name"},
        {"involvedObject.uid"},
        {"involvedObject.apiVersion"},
        {"involvedObject.resourceVersion"},
        {"involvedObject.fieldPath"},
        {"reason"},
        {"reportingComponent"},
        {"source", {}, event_source},
        {"type"}}},
      {"k8s.events.v1.Event",
       {meta_name,
        meta_namespace,
        {"regarding.kind"},
        {"regarding.namespace"},
        {"regarding.name"},
        {"regarding.uid"},
        {"regarding.apiVersion"},
        {"regarding.resourceVersion"},
        {"regarding.fieldPath"},
        {"reason"},
        {"reportingController"},
        {"type"}}},
      {"k8s.core.v1.Node", {meta_name, {"spec.unschedulable"}}},
      {"k8s.core.v1.Namespace", {meta_name, {"status.phase"}}},
      {"k8s.core.v1.Secret", {meta_name, meta_namespace, {"type"}}},
      {"k8s.core.v1.Service", {meta_name, meta_namespace, {"spec.clusterIP"}, {"spec.type"}}},
      {"k8s.core.v1.ReplicationController", {meta_name, meta_namespace, {"status.replicas"}}},
      {"k8s.apps.v1.ReplicaSet", {meta_name, meta_namespace, {"status.replicas"}}},
      {"k8s.batch.v1.Job", {meta_name, meta_namespace, {"status.successful", "status.succeeded"}}},
  };
  return tables;
}

const std::vector<field_entry>& entries_of(const Descriptor* kind) {
  static const std::vector<field_entry> defaults = {meta_name, meta_namespace};
  const auto& tables = kind_tables();
  auto it = tables.find(kind->full_name());
  return it == tables.end() ? defaults : it->second;
}

const FieldDescriptor* field_by_json_name(const Descriptor* type, std::string_view name) {
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) return type->field(i);
  }
  return nullptr;
}

// Resolves a dotted JSON path ("spec.nodeName") through the schema; empty when a step is
// missing or not a singular message (a broken table, caught by the tests).
std::vector<const FieldDescriptor*> resolve(const Descriptor* kind, std::string_view path) {
  std::vector<const FieldDescriptor*> fields;
  const Descriptor* type = kind;
  while (!path.empty()) {
    auto dot = path.find('.');
    auto step = path.substr(0, dot);
    const FieldDescriptor* field = type == nullptr ? nullptr : field_by_json_name(type, step);
    if (field == nullptr || field->is_repeated()) return {};
    fields.push_back(field);
    type = field->message_type();
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  }
  return fields;
}

}  // namespace

std::string field_reader::read(const Message& object) const {
  if (compute_ != nullptr) return compute_(object);
  const Message* current = &object;
  for (std::size_t i = 0; i + 1 < path_.size(); ++i) {
    const auto* reflection = current->GetReflection();
    // An unset parent reads as its default instance: every leaf below is then zero.
    current = &reflection->GetMessage(*current, path_[i]);
  }
  const auto* leaf = path_.back();
  const auto* reflection = current->GetReflection();
  switch (leaf->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return reflection->GetString(*current, leaf);
    case FieldDescriptor::CPPTYPE_BOOL:
      return reflection->GetBool(*current, leaf) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(reflection->GetInt32(*current, leaf));
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(reflection->GetInt64(*current, leaf));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(reflection->GetUInt32(*current, leaf));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(reflection->GetUInt64(*current, leaf));
    default:
      return {};
  }
}

const field_reader* find_field(const Descriptor* kind, std::string_view field) {
  if (kind == nullptr) return nullptr;
  // Readers are built on first use per (kind, label) and never freed, so pointers stay valid.
  static std::shared_mutex mutex;
  static std::map<std::pair<const Descriptor*, std::string>, field_reader, std::less<>> cache;
  std::pair<const Descriptor*, std::string> key{kind, std::string(field)};
  {
    std::shared_lock lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return &it->second;
  }
  for (const auto& entry : entries_of(kind)) {
    if (entry.label != field) continue;
    std::unique_lock lock(mutex);
    if (entry.compute != nullptr) {
      return &cache.try_emplace(key, entry.compute).first->second;
    }
    auto path = resolve(kind, entry.path.empty() ? entry.label : entry.path);
    if (path.empty()) return nullptr;
    return &cache.try_emplace(key, std::move(path)).first->second;
  }
  return nullptr;
}

std::vector<std::string> supported_fields(const Descriptor* kind) {
  std::vector<std::string> out;
  for (const auto& entry : entries_of(kind))
    out.emplace_back(entry.label);
  return out;
}

}  // namespace kactor::selectors
