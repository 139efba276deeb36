#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>

#include "actors/informer/cached_object.hpp"
#include "actors/informer/notification.hpp"
#include "gateway/selectors/field_matcher.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "gateway/watchcache/watch_request.hpp"

// Which objects one watch is about, and how a change of an object looks through that filter:
// Kubernetes' watch semantics, where an object that stops matching is reported as DELETED and
// one that starts matching as ADDED. Pure: no actor, no I/O.
namespace kactor::watchcache {

enum class event_type : std::uint8_t { added, modified, deleted };

// "ADDED", "MODIFIED", "DELETED".
std::string_view to_string(event_type type);

// One event to send: `object` is what the client sees; when `revision` differs from the
// object's own resourceVersion (an object that stopped matching is sent as its previous state
// at the change's revision), the sender must set metadata.resourceVersion to it.
struct filtered_event {
  event_type type = event_type::added;
  informer::object_ptr object;
  std::uint64_t revision = 0;
};

class watch_filter {
 public:
  // Matches everything.
  watch_filter() = default;

  // The filter of `request` for objects of `kind`. Fails (400 BadRequest) when the field
  // selector names a field the kind does not support.
  static messages::basic_result<watch_filter, watch_error> make(
      const watch_request& request, const google::protobuf::Descriptor* kind);

  // Whether the object passes namespace, name, labels and fields.
  bool matches(const informer::cached_object& object) const;

  // How a change (of the object `current`, whose state before was `previous`, either may be
  // null) at `revision` looks to this watch; nullopt when it does not concern it. For a
  // deletion `current` is the deleted object (or null) and only `previous` decides.
  //   previous matches | current matches | event
  //   no               | no              | none
  //   no               | yes             | ADDED current
  //   yes              | yes             | MODIFIED current
  //   yes              | no / deleted    | DELETED (deleted object, else previous) at revision
  std::optional<filtered_event> classify(informer::change_type type,
                                         const informer::object_ptr& current,
                                         const informer::object_ptr& previous,
                                         std::uint64_t revision) const;

 private:
  std::string ns_;
  std::string name_;
  std::optional<selectors::label_selector> labels_;
  selectors::field_matcher fields_;
};

// The labels of an object's metadata (field 1 of every API object); null when it has none.
const google::protobuf::Map<std::string, std::string>* labels_of(
    const google::protobuf::Message& object);

// A copy of `object` whose metadata.resourceVersion is `revision` in decimal.
std::unique_ptr<google::protobuf::Message> with_resource_version(
    const google::protobuf::Message& object, std::uint64_t revision);

// The object's metadata.resourceVersion ("" when unset or not an API object).
std::string resource_version_of(const google::protobuf::Message& object);

}  // namespace kactor::watchcache
