#include "messages/result.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace kactor::messages;

TEST_CASE("result holds a value or an error") {
  result<int> ok = 42;
  REQUIRE(ok);
  CHECK(*ok == 42);

  result<int> bad = codec_error{codec_errc::invalid_value, "no"};
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == codec_errc::invalid_value);
  CHECK(bad.error().message == "no");
  CHECK(to_string(bad.error().code) == "invalid_value");
}

TEST_CASE("result moves out move-only values") {
  result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  REQUIRE(r);
  std::unique_ptr<int> p = std::move(r).value();
  CHECK(*p == 7);
}

TEST_CASE("result<void> is success unless it holds an error") {
  result<void> ok;
  CHECK(ok);
  result<void> bad = codec_error{codec_errc::syntax, "x"};
  CHECK_FALSE(bad);
  CHECK(to_string(bad.error().code) == "syntax");
}
