#include "config/up_fields.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

using namespace kactor::config;

TEST_CASE("every default shows as text its own field accepts back") {
  up_config cfg;
  for (auto& f : up_fields(cfg)) {
    if (f.name == "up.data_dir") continue;  // required: no default
    CAPTURE(f.name);
    auto text = f.show();
    CHECK_FALSE(f.assign(text).has_value());
    CHECK(f.show() == text);
  }
}

TEST_CASE("field names and flags are unique") {
  up_config cfg;
  std::set<std::string> names;
  std::set<std::string> flags;
  for (auto& f : up_fields(cfg)) {
    CHECK(names.insert(f.name).second);
    if (!f.flag.empty()) CHECK(flags.insert(f.flag).second);
  }
}

TEST_CASE("docs/config.md documents every field with its default") {
  const char* source_dir = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE_MESSAGE(source_dir != nullptr, "KACTOR_SOURCE_DIR is set by the build (kactor_module)");
  std::ifstream in{std::string{source_dir} + "/docs/config.md"};
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = text.str();
  up_config cfg;
  for (auto& f : up_fields(cfg)) {
    CAPTURE(f.name);
    // The reference table has one row per field: | `up.port` | ... | `6443` | ...
    std::string key = "| `";  // built piecewise: GCC 12 misreports "lit" + string (-Wrestrict)
    key.append(f.name).append("` |");
    auto row = doc.find(key);
    REQUIRE(row != std::string::npos);
    auto line = doc.substr(row, doc.find('\n', row) - row);
    auto quoted = [](const std::string& text) { return std::string{"`"}.append(text); };
    if (f.name != "up.data_dir" && !f.show().empty())
      CHECK(line.find(quoted(f.show()).append("`")) != std::string::npos);
    if (!f.flag.empty()) CHECK(line.find(quoted(f.flag)) != std::string::npos);
  }
}
