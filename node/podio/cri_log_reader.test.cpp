#include "node/podio/cri_log_reader.hpp"

#include <doctest/doctest.h>

using namespace kactor::node::podio;

namespace {

const char* file =
    "2026-01-02T03:04:05.1Z stdout F one\n"
    "2026-01-02T03:04:06Z stderr F two\n"
    "2026-01-02T03:04:07Z stdout P thr\n"
    "2026-01-02T03:04:07.5Z stdout F ee\n"
    "2026-01-02T03:04:08Z stdout F four\n"
    "2026-01-02T03:04:09Z stdout P unfinish";  // no newline yet

}  // namespace

TEST_CASE("render_log joins partial records and keeps both streams in order") {
  std::size_t consumed = 0;
  CHECK(render_log(file, {}, &consumed) == "one\ntwo\nthree\nfour\n");
  CHECK(std::string_view(file).substr(consumed).starts_with("2026-01-02T03:04:09Z stdout P"));
}

TEST_CASE("render_log: tail, since, timestamps, limit") {
  log_options tail;
  tail.tail_lines = 2;
  CHECK(render_log(file, tail) == "three\nfour\n");
  log_options stamped;
  stamped.timestamps = true;
  stamped.tail_lines = 1;
  CHECK(render_log(file, stamped) == "2026-01-02T03:04:08Z four\n");
  log_options since;
  since.since_unix_nanos = (1767323046LL) * 1'000'000'000LL;  // 03:04:06Z
  CHECK(render_log(file, since) == "two\nthree\nfour\n");
  log_options limit;
  limit.limit_bytes = 6;
  CHECK(render_log(file, limit) == "one\ntw");
  CHECK(render_log("garbage\n", {}).empty());
}
