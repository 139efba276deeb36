#pragma once

#include <string>
#include <string_view>

#include "storage/types.hpp"

// metadata.resourceVersion without parsing. Every API object message has its ObjectMeta as
// field 1, and resourceVersion is ObjectMeta's field 6. Protobuf merges repeated occurrences
// of a message field and lets the last occurrence of a scalar win, so appending
//
//   0x0A <len> 0x32 <len> "<revision>"      (field 1 { field 6: "<revision>" })
//
// to an object's bytes sets its metadata.resourceVersion and leaves every other field as it
// was, whatever the stored bytes said before. The store keeps objects without caring about
// it; the state actor appends the revision to every object it hands out.
namespace kactor::state {

// Appends metadata.resourceVersion = `rev` (decimal) to the serialized object `object`.
void append_resource_version(std::string& object, storage::revision rev);

// `object` with metadata.resourceVersion = `rev`.
std::string with_resource_version(std::string_view object, storage::revision rev);

}  // namespace kactor::state
