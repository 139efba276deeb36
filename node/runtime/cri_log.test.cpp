#include "node/runtime/cri_log.hpp"

#include <doctest/doctest.h>

using namespace kactor::node::runtime;

TEST_CASE("format_rfc3339_nano drops trailing zeros of the fraction like Go's RFC3339Nano") {
  constexpr std::int64_t base = 1'767'323'045LL * 1'000'000'000;  // 2026-01-02T03:04:05Z
  CHECK(format_rfc3339_nano(base) == "2026-01-02T03:04:05Z");
  CHECK(format_rfc3339_nano(base + 100'000'000) == "2026-01-02T03:04:05.1Z");
  CHECK(format_rfc3339_nano(base + 123'456'789) == "2026-01-02T03:04:05.123456789Z");
  CHECK(format_rfc3339_nano(base + 1'000) == "2026-01-02T03:04:05.000001Z");
}

TEST_CASE("cri_line_writer emits one F record per complete line and keeps the rest") {
  cri_line_writer w{log_stream::out};
  constexpr std::int64_t t = 1'767'323'045LL * 1'000'000'000;
  CHECK(w.feed("hel", t) == "");
  CHECK(w.feed("lo\nwor", t) == "2026-01-02T03:04:05Z stdout F hello\n");
  CHECK(w.feed("ld\n\n", t) ==
        "2026-01-02T03:04:05Z stdout F world\n2026-01-02T03:04:05Z stdout F \n");
  CHECK(w.finish(t) == "");
  CHECK(w.feed("tail", t) == "");
  CHECK(w.finish(t) == "2026-01-02T03:04:05Z stdout F tail\n");
}

TEST_CASE("cri_line_writer splits long lines into P chunks ended by an F record") {
  cri_line_writer w{log_stream::err, 4};
  constexpr std::int64_t t = 1'767'323'045LL * 1'000'000'000;
  std::string out = w.feed("abcdefghij\n", t);
  CHECK(out ==
        "2026-01-02T03:04:05Z stderr P abcd\n"
        "2026-01-02T03:04:05Z stderr P efgh\n"
        "2026-01-02T03:04:05Z stderr F ij\n");
  CHECK(w.feed("12345", t) == "2026-01-02T03:04:05Z stderr P 1234\n");
  CHECK(w.feed("\n", t) == "2026-01-02T03:04:05Z stderr F 5\n");
}
