#include "bench/gateway/event_line.hpp"

namespace kactor::bench::gateway {

void line_splitter::feed(std::string_view bytes,
                         const std::function<void(std::string_view)>& on_line) {
  while (!bytes.empty()) {
    auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(bytes);
      return;
    }
    if (partial_.empty()) {
      on_line(bytes.substr(0, nl));
    } else {
      partial_.append(bytes.substr(0, nl));
      on_line(partial_);
      partial_.clear();
    }
    bytes.remove_prefix(nl + 1);
  }
}

namespace {

// The string value starting right after `key` (which ends with the opening quote).
std::string_view quoted_after(std::string_view text, std::string_view key, std::size_t from) {
  auto at = text.find(key, from);
  if (at == std::string_view::npos) return {};
  auto begin = at + key.size();
  auto end = text.find('"', begin);
  if (end == std::string_view::npos) return {};
  return text.substr(begin, end - begin);
}

}  // namespace

std::string_view event_type(std::string_view line) {
  constexpr std::string_view prefix = "{\"type\":\"";
  if (line.substr(0, prefix.size()) != prefix) return {};
  return quoted_after(line, prefix, 0);
}

std::string_view event_object_name(std::string_view line) {
  auto meta = line.find("\"metadata\":{");
  if (meta == std::string_view::npos) return {};
  return quoted_after(line, "\"name\":\"", meta);
}

}  // namespace kactor::bench::gateway
