#include "config/field.hpp"

namespace kactor::config {

const field* find_field(const std::vector<field>& fields, std::string_view name) {
  for (auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::string field_error(std::string_view name, std::string_view expectation, std::string_view text,
                        std::string_view where) {
  std::string out = "config: ";
  out.append(name).append(": ").append(expectation).append(", got \"");
  for (char c : text) {  // keep the message on one line and the quotes unambiguous
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out.append("\" (").append(where).append(")");
  return out;
}

}  // namespace kactor::config
