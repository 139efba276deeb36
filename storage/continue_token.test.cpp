#include "storage/continue_token.hpp"

#include <doctest/doctest.h>

namespace kactor::storage {

TEST_CASE("continue tokens round-trip revision and start key") {
  continue_position position{42, std::string("/registry/pods/default/web-\xff", 28)};
  auto token = encode_continue(position);
  CHECK(token.starts_with("k1.42."));
  auto back = decode_continue(token);
  REQUIRE(back);
  CHECK(*back == position);
}

TEST_CASE("malformed continue tokens are invalid") {
  for (std::string_view token : {"", "garbage", "k1.", "k1.12", "k1..2f", "k1.x.2f", "k1.0.2f",
                                 "k1.12.", "k1.12.2", "k1.12.zz", "k1.12.2F", "k2.12.2f"})
    CHECK_MESSAGE(decode_continue(token).code() == error_code::invalid, token);
}

}  // namespace kactor::storage
