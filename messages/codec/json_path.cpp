#include "messages/codec/json_path.hpp"

namespace kactor::messages {

std::string member_path(std::string_view parent, std::string_view name) {
  std::string out(parent);
  if (!out.empty()) out += '.';
  out += name;
  return out;
}

std::string index_path(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

void source_map::add(std::string path, int line) {
  lines_.emplace(std::move(path), line);
}

int source_map::line_of(std::string_view path) const {
  std::string key(path);
  while (true) {
    if (auto it = lines_.find(key); it != lines_.end()) return it->second;
    if (key.empty()) return 0;
    // Drop the last step: "[3]" or ".name" (a name may itself contain dots; then the
    // shorter prefix is still an ancestor or unknown, which only loses precision).
    std::size_t cut = key.find_last_of(".[");
    key.resize(cut == std::string::npos ? 0 : cut);
  }
}

std::string with_line(std::string text, const source_map* lines, std::string_view path) {
  if (lines == nullptr) return text;
  if (int line = lines->line_of(path); line > 0) text += " (line " + std::to_string(line) + ")";
  return text;
}

}  // namespace kactor::messages
