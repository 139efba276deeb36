#include "config/up_fields.hpp"

#include <doctest/doctest.h>

#include "config/testing/field_docs.hpp"

using namespace kactor::config;

TEST_CASE("every default shows as text its own field accepts back") {
  up_config cfg;
  testing::check_round_trip(up_fields(cfg), {"up.data_dir"});  // required: no default
}

TEST_CASE("field names and flags are unique") {
  up_config cfg;
  testing::check_unique(up_fields(cfg));
}

TEST_CASE("docs/config.md documents every field with its default") {
  up_config cfg;
  testing::check_documented(up_fields(cfg), {"up.data_dir"});
}

TEST_CASE("up hosts the state role: its section is part of the table") {
  up_config cfg;
  auto fields = up_fields(cfg);
  REQUIRE(find_field(fields, "state.history_window") != nullptr);
  CHECK(find_field(fields, "state.history_window")->flag == "--history-window");
  CHECK(find_field(fields, "state.data_dir") == nullptr);  // up.data_dir is the one
}
