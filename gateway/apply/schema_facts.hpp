#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace kactor::apply {

/// Facts of the Kubernetes 1.32 OpenAPI schema that server-side apply needs and the message
/// options do not carry (the `+listType`, `+listMapKey`, `+structType`, `+mapType` and
/// `+default` markers of the Go types), keyed by full message name ("k8s.core.v1.Container")
/// and JSON field name. Lists without an entry here follow their patch options: strategy
/// "merge" with a merge key is a map keyed by it, "merge" without one a set, else atomic.

/// How the items of a list are identified.
enum class list_kind : std::uint8_t { atomic, set, map };

/// A list whose schema differs from what its patch options imply.
struct list_fact {
  list_kind kind = list_kind::atomic;
  std::vector<std::string_view> keys;  ///< map lists: the key fields in schema order
};
std::optional<list_fact> list_override(std::string_view message, std::string_view field);

/// The struct type is `+structType=atomic` (LabelSelector, ObjectReference, ...): owned as
/// one value, never field by field.
bool is_atomic_type(std::string_view message);

/// The map or struct field is `+mapType=atomic` (PodSpec.nodeSelector, ServiceSpec.selector).
bool is_atomic_field(std::string_view message, std::string_view field);

/// The schema default of a key field of list items (ContainerPort.protocol = "TCP"): used
/// to identify items that omit it.
std::optional<std::string_view> key_default(std::string_view item_message, std::string_view field);

/// How a member appears in the JSON of Go's zero value of its type: non-pointer structs as
/// an (empty) object, nil slices, maps and pointers without omitempty as null.
enum class zero_form : std::uint8_t { object, null };

/// Calls `fn(field, form)` for every member of `message` that its zero value writes.
void for_each_zero_member(std::string_view message,
                          const std::function<void(std::string_view, zero_form)>& fn);

}  // namespace kactor::apply
