#include "gateway/watchcache/watch_filter.hpp"

#include "k8s/meta/v1/object_meta.pb.h"

namespace kactor::watchcache {
namespace {

namespace pb = google::protobuf;

// Every API object has its k8s.meta.v1.ObjectMeta as field 1 (docs/state.md).
const k8s::meta::v1::ObjectMeta* meta_of(const pb::Message& object) {
  const auto* field = object.GetDescriptor()->FindFieldByNumber(1);
  if (!field || field->type() != pb::FieldDescriptor::TYPE_MESSAGE || field->is_repeated())
    return nullptr;
  return dynamic_cast<const k8s::meta::v1::ObjectMeta*>(
      &object.GetReflection()->GetMessage(object, field));
}

}  // namespace

std::string_view to_string(event_type type) {
  switch (type) {
    case event_type::added:
      return "ADDED";
    case event_type::modified:
      return "MODIFIED";
    case event_type::deleted:
      return "DELETED";
  }
  return "ADDED";
}

const pb::Map<std::string, std::string>* labels_of(const pb::Message& object) {
  const auto* meta = meta_of(object);
  return meta ? &meta->labels() : nullptr;
}

std::string resource_version_of(const pb::Message& object) {
  const auto* meta = meta_of(object);
  return meta ? meta->resourceversion() : std::string{};
}

std::unique_ptr<pb::Message> with_resource_version(const pb::Message& object,
                                                   std::uint64_t revision) {
  std::unique_ptr<pb::Message> copy(object.New());
  copy->CopyFrom(object);
  const auto* field = copy->GetDescriptor()->FindFieldByNumber(1);
  if (field && field->type() == pb::FieldDescriptor::TYPE_MESSAGE && !field->is_repeated()) {
    auto* meta = dynamic_cast<k8s::meta::v1::ObjectMeta*>(
        copy->GetReflection()->MutableMessage(copy.get(), field));
    if (meta) meta->set_resourceversion(std::to_string(revision));
  }
  return copy;
}

messages::basic_result<watch_filter, watch_error> watch_filter::make(const watch_request& request,
                                                                     const pb::Descriptor* kind) {
  watch_filter out;
  out.ns_ = request.ns;
  out.name_ = request.name;
  if (request.labels && !request.labels->empty()) out.labels_ = request.labels;
  if (request.fields && !request.fields->empty()) {
    auto bound = selectors::bind_field_selector(*request.fields, kind);
    if (!bound) return watch_error{400, "BadRequest", bound.error().message};
    out.fields_ = std::move(*bound);
  }
  return out;
}

bool watch_filter::matches(const informer::cached_object& object) const {
  if (!ns_.empty() && object.ns != ns_) return false;
  if (!name_.empty() && object.name != name_) return false;
  if (labels_) {
    static const pb::Map<std::string, std::string> none;
    const auto* labels = labels_of(*object.message);
    if (!labels_->matches(labels ? *labels : none)) return false;
  }
  return fields_.empty() || fields_.matches(*object.message);
}

std::optional<filtered_event> watch_filter::classify(informer::change_type type,
                                                     const informer::object_ptr& current,
                                                     const informer::object_ptr& previous,
                                                     std::uint64_t revision) const {
  bool deleted = type == informer::change_type::deleted;
  bool now = !deleted && current && matches(*current);
  // A deletion without a previous state (a relist found the object gone): judge its last state.
  const auto& before = deleted && !previous ? current : previous;
  bool was = before && matches(*before);
  if (now && !was) return filtered_event{event_type::added, current, revision};
  if (now && was) return filtered_event{event_type::modified, current, revision};
  if (!was) return std::nullopt;
  // Stopped matching, or deleted: the deleted object when there is one, else the previous
  // state, at the change's revision (as kube-apiserver reports it).
  return filtered_event{event_type::deleted, deleted && current ? current : before, revision};
}

}  // namespace kactor::watchcache
