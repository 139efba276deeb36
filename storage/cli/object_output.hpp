#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "messages/registry.hpp"
#include "storage/cli/store_cli.hpp"

// Printing stored objects the way kubectl shows them.
namespace kactor::store_cli {

// Writes `object` (the binary protobuf of `resource`'s kind) to `out`: YAML or JSON with kind
// and apiVersion first (the messages/ codec), or the bytes unchanged for proto. JSON is
// indented on several lines unless `one_line`. Returns false (writing nothing) when the bytes
// do not parse as the kind.
bool print_object(std::ostream& out, const messages::registry& types,
                  const messages::resource_info& resource, std::string_view object,
                  output_format format, bool one_line = false);

}  // namespace kactor::store_cli
