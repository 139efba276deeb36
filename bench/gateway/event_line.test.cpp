#include "bench/gateway/event_line.hpp"

#include <vector>

#include <doctest/doctest.h>

namespace gw = kactor::bench::gateway;

TEST_CASE("lines split across pieces are joined; several lines in one piece are split") {
  gw::line_splitter s;
  std::vector<std::string> lines;
  auto collect = [&](std::string_view l) { lines.emplace_back(l); };
  s.feed("{\"a\":", collect);
  CHECK(lines.empty());
  CHECK(s.pending() == 5);
  s.feed("1}\n{\"b\":2}\n{\"c\"", collect);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "{\"a\":1}");
  CHECK(lines[1] == "{\"b\":2}");
  s.feed(":3}\n", collect);
  REQUIRE(lines.size() == 3);
  CHECK(lines[2] == "{\"c\":3}");
  CHECK(s.pending() == 0);
}

TEST_CASE("event type and object name come from the event line") {
  std::string_view line =
      R"({"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1",)"
      R"("metadata":{"name":"w-17","namespace":"bench","labels":{"name":"x"}},"data":{}}})";
  CHECK(gw::event_type(line) == "ADDED");
  CHECK(gw::event_object_name(line) == "w-17");
  CHECK(gw::event_type("HTTP/1.1 200 OK") == "");
  CHECK(gw::event_object_name(R"({"type":"ERROR","object":{"kind":"Status"}})") == "");
}
