#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/codec/json_path.hpp"
#include "messages/result.hpp"

namespace kactor::messages {

/// One document of a YAML or JSON stream, as the JSON model.
struct document {
  json value;
  source_map lines;  ///< source lines by JSON path (YAML only)
  int index = 1;     ///< 1-based position in the stream, empty YAML documents counted
  int line = 0;      ///< the document's first line (YAML only)
  /// JSON paths of members defined twice in one mapping/object; the later value won.
  std::vector<std::string> duplicate_fields;
};

/// Splits text into documents the way Kubernetes' YAMLOrJSONDecoder does: a JSON stream when
/// the first non-blank character is '{', a YAML stream otherwise. Errors are syntax errors
/// with line and column; empty YAML documents are skipped.
result<std::vector<document>> parse_documents(std::string_view text);

}  // namespace kactor::messages
