#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "k8s/meta/v1/object_meta.pb.h"
#include "messages/codec/json_path.hpp"
#include "messages/registry.hpp"
#include "messages/time.hpp"

namespace kactor::printers {

using messages::json;

/// What each row's `object` holds (the `includeObject` query parameter).
enum class include_object : std::uint8_t {
  none,      ///< `"object": null`
  metadata,  ///< a meta.k8s.io/v1 PartialObjectMetadata: kind, apiVersion, metadata (default)
  object,    ///< the whole object with kind and apiVersion (kubectl's --sort-by asks for it)
};

/// Reads `includeObject`: "" and "Metadata" -> metadata, "Object", "None"; anything else is
/// nullopt (the gateway answers 400, as Kubernetes rejects unsupported values).
std::optional<include_object> parse_include_object(std::string_view value);

/// How a table is built.
struct table_options {
  include_object rows = include_object::metadata;
  /// false: `"columnDefinitions": null`, as Kubernetes writes watch events after the first.
  bool column_definitions = true;
  /// The clock ages are computed against (inject a fixed one in tests).
  messages::timestamp now = {};
};

/// The meta.k8s.io/v1 Table of `objects`, all of kind `kind`, in their order: kind,
/// apiVersion, metadata (from `list_meta`: resourceVersion, continue, remainingItemCount),
/// columnDefinitions and one row per object with Kubernetes' cells for the kind (every
/// column, also the -o wide ones: kubectl hides those by priority). Kinds without a printer
/// get Name and Created At. Objects are messages of `kind` (generated classes; others are
/// copied first). `types` supplies TypeMeta for include_object::object.
json table_for_objects(const google::protobuf::Descriptor* kind,
                       std::span<const google::protobuf::Message* const> objects,
                       const k8s::meta::v1::ListMeta& list_meta, const table_options& options,
                       const messages::registry& types);

/// The Table of a list message (PodList ...): its `items` and its ListMeta `metadata`.
json table_for_list(const google::protobuf::Message& list, const table_options& options,
                    const messages::registry& types);

/// A one-row Table of one object (GET of a named object, a watch event's object); its
/// metadata.resourceVersion is the object's.
json table_for_object(const google::protobuf::Message& object, const table_options& options,
                      const messages::registry& types);

}  // namespace kactor::printers
