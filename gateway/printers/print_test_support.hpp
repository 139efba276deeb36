#pragma once

// Helpers for the printer tests only: objects from JSON text and one row's cells.
#include <doctest/doctest.h>

#include "gateway/printers/printer.hpp"
#include "messages/codec/from_json.hpp"

namespace kactor::printers::testing {

/// 2023-11-14T22:13:20Z, the creation time the test objects use.
inline constexpr std::int64_t created = 1'700'000'000;
inline constexpr const char* created_text = "2023-11-14T22:13:20Z";

/// A message of type T decoded from Kubernetes JSON; fails the test on bad input.
template <class T>
T object(std::string_view text) {
  T out;
  auto r = messages::from_json(json::parse(text), out);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  return out;
}

/// The row `object`'s printer produces at `seconds_after` seconds past `created`; checks it
/// has one cell per column.
inline row_output print_row(const google::protobuf::Message& object,
                            std::int64_t seconds_after = 0) {
  const auto& p = printer_for(object.GetDescriptor());
  row_output out;
  p.row(object, print_context{{created + seconds_after, 0}}, out);
  CHECK(out.cells.size() == p.columns.size());
  return out;
}

/// The cells only.
inline json cells(const google::protobuf::Message& object, std::int64_t seconds_after = 0) {
  return print_row(object, seconds_after).cells;
}

}  // namespace kactor::printers::testing
