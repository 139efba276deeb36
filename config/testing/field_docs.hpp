#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/field.hpp"

// Checks shared by the tests of the field tables (up_fields.test.cpp, state_fields.test.cpp).
namespace kactor::config::testing {

// docs/config.md, read from the source tree (KACTOR_SOURCE_DIR is set by kactor_module).
inline std::string config_doc() {
  const char* source_dir = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE_MESSAGE(source_dir != nullptr, "KACTOR_SOURCE_DIR is set by the build (kactor_module)");
  std::ifstream in{std::string{source_dir} + "/docs/config.md"};
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every field has a row `| `name` | ... |` in docs/config.md that names its flag and, unless
// it is in `no_default`, shows its default as `text`.
inline void check_documented(const std::vector<field>& fields,
                             const std::set<std::string>& no_default) {
  const auto doc = config_doc();
  for (auto& f : fields) {
    CAPTURE(f.name);
    std::string key = "| `";  // built piecewise: GCC 12 misreports "lit" + string (-Wrestrict)
    key.append(f.name).append("` |");
    auto row = doc.find(key);
    REQUIRE(row != std::string::npos);
    auto line = doc.substr(row, doc.find('\n', row) - row);
    auto quoted = [](const std::string& text) { return std::string{"`"}.append(text); };
    if (!no_default.contains(f.name) && !f.show().empty())
      CHECK(line.find(quoted(f.show()).append("`")) != std::string::npos);
    if (!f.flag.empty()) CHECK(line.find(quoted(f.flag)) != std::string::npos);
  }
}

// Every default shows as text its own field accepts back unchanged.
inline void check_round_trip(const std::vector<field>& fields,
                             const std::set<std::string>& no_default) {
  for (auto& f : fields) {
    if (no_default.contains(f.name)) continue;
    CAPTURE(f.name);
    auto text = f.show();
    CHECK_FALSE(f.assign(text).has_value());
    CHECK(f.show() == text);
  }
}

// Field names are unique, and so are flags.
inline void check_unique(const std::vector<field>& fields) {
  std::set<std::string> names;
  std::set<std::string> flags;
  for (auto& f : fields) {
    CHECK(names.insert(f.name).second);
    if (!f.flag.empty()) CHECK(flags.insert(f.flag).second);
  }
}

}  // namespace kactor::config::testing
