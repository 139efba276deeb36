#include "storage/error.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace kactor::storage {

TEST_CASE("error codes have distinct names and describe() names code and message") {
  CHECK(to_string(error_code::compacted) == "compacted");
  CHECK(to_string(error_code::future_revision) == "future_revision");
  CHECK(describe(make_error(error_code::conflict, "key /a: mod revision 3, expected 2")) ==
        "conflict: key /a: mod revision 3, expected 2");
  CHECK(describe(make_error(error_code::unavailable, "")) == "unavailable");
}

TEST_CASE("result holds a value or an error") {
  auto make = [](bool good) -> result<std::unique_ptr<int>> {
    if (good) return std::make_unique<int>(7);
    return make_error(error_code::invalid, "no");
  };
  std::unique_ptr<int> moved = make(true).value();
  REQUIRE(moved);
  CHECK(*moved == 7);
  CHECK(make(false).code() == error_code::invalid);

  result<int> bad(make_error(error_code::not_found, "key /x"));
  REQUIRE_FALSE(bad);
  CHECK(bad.code() == error_code::not_found);
  CHECK(bad.error().message == "key /x");

  status fine;
  CHECK(fine);
  status failed = make_error(error_code::corrupt, "bad magic");
  CHECK_FALSE(failed);
  CHECK(failed.code() == error_code::corrupt);
}

}  // namespace kactor::storage
