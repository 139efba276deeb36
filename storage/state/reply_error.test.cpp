#include "storage/state/reply_error.hpp"

#include <doctest/doctest.h>

#include "kactor/state.pb.h"

namespace kactor::state {

TEST_CASE("every storage error code maps to the bus code the gateway expects") {
  using storage::error_code;
  CHECK(to_bus_code(error_code::not_found) == v1::Error::NOT_FOUND);
  CHECK(to_bus_code(error_code::future_revision) == v1::Error::NOT_FOUND);
  CHECK(to_bus_code(error_code::already_exists) == v1::Error::ALREADY_EXISTS);
  CHECK(to_bus_code(error_code::conflict) == v1::Error::CONFLICT);
  CHECK(to_bus_code(error_code::invalid) == v1::Error::INVALID);
  CHECK(to_bus_code(error_code::compacted) == v1::Error::COMPACTED);
  CHECK(to_bus_code(error_code::too_large) == v1::Error::TOO_LARGE);
  CHECK(to_bus_code(error_code::storage_full) == v1::Error::STORAGE_FULL);
  CHECK(to_bus_code(error_code::unavailable) == v1::Error::UNAVAILABLE);
  CHECK(to_bus_code(error_code::corrupt) == v1::Error::INTERNAL);
  auto err = to_bus_error(storage::make_error(error_code::conflict, "key /k has mod revision 3"));
  CHECK(err.code() == v1::Error::CONFLICT);
  CHECK(err.message() == "key /k has mod revision 3");
}

TEST_CASE("an error-only reply parses as the reply of every verb") {
  auto bytes = error_reply(v1::Error::COMPACTED, "revision 3 is compacted", 9);
  auto check = [&](auto reply) {
    REQUIRE(reply.ParseFromString(bytes));
    CHECK(reply.error().code() == v1::Error::COMPACTED);
    CHECK(reply.error().message() == "revision 3 is compacted");
    CHECK(reply.error().revision() == 9);
  };
  check(v1::GetReply{});
  check(v1::ListReply{});
  check(v1::WriteReply{});
  check(v1::TxnReply{});
  check(v1::WatchFromReply{});
  check(v1::CompactReply{});
  check(v1::StatusReply{});
  check(v1::RangeReply{});
  check(v1::HistoryReply{});
}

}  // namespace kactor::state
