#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/allowed_unsafe_message_type.hpp>

#include "actors/informer/cached_object.hpp"

// What an informer tells its listeners: one change of one object of its resource.
namespace kactor::informer {

enum class change_type : std::uint8_t { added, updated, deleted };

// "added", "updated", "deleted".
std::string_view to_string(change_type type);

struct notification {
  change_type type = change_type::added;
  std::string group;     // the informer's resource: "" = core group
  std::string resource;  // plural: "pods"
  // The store revision of the change; for changes found by a relist, the list's revision.
  std::uint64_t revision = 0;
  // added, updated: the object after the change. deleted: its last state (as deleted, when the
  // deletion was seen as an event; otherwise as last cached). Never null.
  object_ptr object;
  // updated, deleted: the object as cached before the change. added: null.
  object_ptr old;

  // The object's cache key ("namespace/name" or "name").
  std::string key() const { return object->key(); }
};

}  // namespace kactor::informer

// Sent between actors of one process only (it holds shared pointers): never serialized.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::informer::notification)
