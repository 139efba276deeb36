#include "actors/apiclient/event_recorder.hpp"

#include <cstdio>

#include "k8s/core/v1/event.pb.h"
#include "messages/registry.hpp"
#include "messages/time.hpp"

namespace kactor::apiclient {

namespace {

constexpr auto correlation_window = std::chrono::minutes(10);
constexpr std::size_t max_remembered = 4096;

k8s::core::v1::ObjectReference reference_to(const google::protobuf::Message& object) {
  k8s::core::v1::ObjectReference ref;
  if (auto meta = messages::registry::generated().type_meta_of(object.GetDescriptor())) {
    ref.set_kind(meta->kind);
    ref.set_apiversion(meta->api_version);
  }
  const auto* field = object.GetDescriptor()->FindFieldByName("metadata");
  if (!field || field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) return ref;
  const auto& m = object.GetReflection()->GetMessage(object, field);
  auto text = [&m](const char* name) {
    const auto* f = m.GetDescriptor()->FindFieldByName(name);
    return f ? m.GetReflection()->GetString(m, f) : std::string();
  };
  if (auto ns = text("namespace"); !ns.empty()) ref.set_namespace_(ns);
  ref.set_name(text("name"));
  if (auto uid = text("uid"); !uid.empty()) ref.set_uid(uid);
  if (auto rv = text("resourceVersion"); !rv.empty()) ref.set_resourceversion(rv);
  return ref;
}

// Kubernetes names an event "<object name>.<hex nanoseconds>".
std::string event_name(const std::string& object_name, messages::timestamp t) {
  char hex[24];
  auto nanos = static_cast<unsigned long long>(t.seconds) * 1000000000ULL +
               static_cast<unsigned long long>(t.nanos);
  std::snprintf(hex, sizeof hex, "%llx", nanos);
  return object_name + "." + hex;
}

}  // namespace

event_recorder::event_recorder(std::shared_ptr<const api_client> client, std::string component,
                               std::string host)
    : client_(std::move(client)), component_(std::move(component)), host_(std::move(host)) {}

void event_recorder::record(const google::protobuf::Message& object, std::string_view type,
                            std::string_view reason, std::string message) {
  auto ref = reference_to(object);
  auto ns = ref.namespace_().empty() ? std::string("default") : ref.namespace_();
  auto now = messages::now();
  auto wall = std::chrono::system_clock::now();
  std::string key = ref.uid() + "|" + ref.kind() + "|" + ns + "|" + ref.name() + "|" +
                    std::string(type) + "|" + std::string(reason) + "|" + message;

  k8s::core::v1::Event event;
  std::int32_t count = 1;
  {
    std::lock_guard lock(mutex_);
    auto it = seen_.find(key);
    if (it != seen_.end() && wall - it->second.first < correlation_window) {
      count = ++it->second.count;
      event.mutable_metadata()->set_name(it->second.event_name);
    } else {
      if (seen_.size() >= max_remembered) seen_.clear();
      auto name = event_name(ref.name(), now);
      seen_[key] = seen{name, ns, 1, wall};
      event.mutable_metadata()->set_name(name);
    }
  }
  event.mutable_metadata()->set_namespace_(ns);
  *event.mutable_involvedobject() = ref;
  event.set_reason(std::string(reason));
  event.set_message(std::move(message));
  event.mutable_source()->set_component(component_);
  if (!host_.empty()) event.mutable_source()->set_host(host_);
  *event.mutable_lasttimestamp() = messages::to_time(now);
  event.set_count(count);
  event.set_type(std::string(type));
  event.set_reportingcomponent(component_);
  if (!host_.empty()) event.set_reportinginstance(host_);

  if (count == 1) {
    *event.mutable_firsttimestamp() = messages::to_time(now);
    client_->create(event, [](api_reply) {});
    return;
  }
  // A repeat: bump count and lastTimestamp of the first event with a merge patch.
  std::string patch = "{\"count\":" + std::to_string(count) + ",\"lastTimestamp\":\"" +
                      messages::format_rfc3339(now.seconds) + "\"}";
  object_path path{"", "events", ns, event.metadata().name(), "", "v1"};
  client_->patch(path, "application/merge-patch+json", std::move(patch), [](api_reply) {});
}

}  // namespace kactor::apiclient
