#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace kactor::messages {

/// The JSON model of the codec. Member order is kept: output follows the schema's field order
/// (Kubernetes' struct order) and input keeps the document's order.
using json = nlohmann::ordered_json;

/// JSON paths as Kubernetes prints them in errors: "spec.containers[0].image"; "" is the root.
std::string member_path(std::string_view parent, std::string_view name);
std::string index_path(std::string_view parent, std::size_t index);

/// The 1-based source line of every node of one YAML document, by JSON path. For a mapping
/// member the line is the key's line; for a sequence item the item's first line.
class source_map {
 public:
  void add(std::string path, int line);

  /// The line of the node at `path`, else of its nearest ancestor that has one; 0 when none
  /// is known (JSON input carries no lines).
  int line_of(std::string_view path) const;

  bool empty() const { return lines_.empty(); }

 private:
  std::unordered_map<std::string, int> lines_;
};

/// `text` followed by " (line N)" when `lines` knows a line for `path`; `text` otherwise.
std::string with_line(std::string text, const source_map* lines, std::string_view path);

}  // namespace kactor::messages
