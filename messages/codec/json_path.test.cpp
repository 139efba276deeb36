#include "messages/codec/json_path.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

TEST_CASE("paths print as Kubernetes prints them") {
  CHECK(member_path("", "spec") == "spec");
  CHECK(member_path("spec", "replicas") == "spec.replicas");
  CHECK(index_path("spec.containers", 0) == "spec.containers[0]");
  CHECK(member_path(index_path("spec.containers", 2), "image") == "spec.containers[2].image");
  CHECK(index_path("", 1) == "[1]");
}

TEST_CASE("a source map answers with the nearest known ancestor") {
  source_map lines;
  lines.add("", 1);
  lines.add("spec", 5);
  lines.add("spec.containers[0]", 9);
  CHECK(lines.line_of("spec") == 5);
  CHECK(lines.line_of("spec.containers[0].image") == 9);
  CHECK(lines.line_of("spec.containers[1]") == 5);
  CHECK(lines.line_of("metadata.name") == 1);
  CHECK(source_map{}.line_of("x") == 0);
  CHECK(with_line("bad", &lines, "spec.replicas") == "bad (line 5)");
  CHECK(with_line("bad", nullptr, "spec") == "bad");
  source_map none;
  CHECK(with_line("bad", &none, "spec") == "bad");
}
