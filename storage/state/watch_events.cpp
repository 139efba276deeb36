#include "storage/state/watch_events.hpp"

#include "k8s/core/v1/pod.pb.h"
#include "storage/state/resource_version.hpp"

namespace kactor::state {

std::optional<v1::WatchEvent> to_watch_event(const storage::event& change, const key_space& keys) {
  auto info = keys.parse_key(change.kv.key);
  if (!info) return std::nullopt;
  v1::WatchEvent out;
  out.set_revision(change.kv.mod_revision);
  out.set_group(info->ref.group);
  out.set_resource(info->ref.resource);
  out.set_namespace_(info->ref.ns);
  out.set_name(info->ref.name);
  if (change.prev)
    out.set_previous_object(with_resource_version(change.prev->value, change.prev->mod_revision));
  if (change.type == storage::event::kind::put) {
    out.set_type(change.prev ? v1::WatchEvent::MODIFIED : v1::WatchEvent::ADDED);
    out.set_object(with_resource_version(change.kv.value, change.kv.mod_revision));
    return out;
  }
  if (!change.prev) return std::nullopt;
  out.set_type(v1::WatchEvent::DELETED);
  out.set_object(with_resource_version(change.prev->value, change.kv.mod_revision));
  return out;
}

std::string node_of_pod(std::string_view pod) {
  k8s::core::v1::Pod parsed;
  if (!parsed.ParseFromArray(pod.data(), static_cast<int>(pod.size()))) return {};
  return parsed.spec().nodename();
}

bool is_pod(const v1::WatchEvent& event) {
  return event.group().empty() && event.resource() == "pods";
}

}  // namespace kactor::state
