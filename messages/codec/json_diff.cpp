#include "messages/codec/json_diff.hpp"

namespace kactor::messages {

namespace {

std::string shown(const std::string& path) {
  return path.empty() ? "(root)" : path;
}

void compare(const json& a, const json& b, const std::string& path, std::vector<std::string>& out) {
  if (a.is_number() && b.is_number()) {
    if (a != b) out.push_back(shown(path) + ": " + a.dump() + " != " + b.dump());
    return;
  }
  if (a.type() != b.type()) {
    out.push_back(shown(path) + ": " + a.dump() + " != " + b.dump());
    return;
  }
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      std::string member = member_path(path, key);
      if (auto it = b.find(key); it != b.end())
        compare(value, *it, member, out);
      else
        out.push_back(member + ": only on the left");
    }
    for (const auto& [key, value] : b.items())
      if (!a.contains(key)) out.push_back(member_path(path, key) + ": only on the right");
    return;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) {
      out.push_back(shown(path) + ": " + std::to_string(a.size()) +
                    " items != " + std::to_string(b.size()) + " items");
      return;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
      compare(a[i], b[i], index_path(path, i), out);
    return;
  }
  if (a != b) out.push_back(shown(path) + ": " + a.dump() + " != " + b.dump());
}

}  // namespace

std::vector<std::string> json_differences(const json& a, const json& b) {
  std::vector<std::string> out;
  compare(a, b, "", out);
  return out;
}

}  // namespace kactor::messages
