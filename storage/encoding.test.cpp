#include "storage/encoding.hpp"

#include <doctest/doctest.h>

namespace kactor::storage::encoding {

TEST_CASE("revisions encode as 8 bytes big-endian, so byte order is numeric order") {
  CHECK(encode_revision(0x0102030405060708) == std::string("\x01\x02\x03\x04\x05\x06\x07\x08"));
  CHECK(encode_revision(255) < encode_revision(256));
  CHECK(*decode_revision(encode_revision(123456789)) == 123456789);
  CHECK(decode_revision("short").code() == error_code::corrupt);
}

TEST_CASE("history keys group versions per key, ordered by revision") {
  auto a9 = history_key("/registry/pods/a", 9);
  auto a10 = history_key("/registry/pods/a", 10);
  auto ab1 = history_key("/registry/pods/ab", 1);
  CHECK(a9 < a10);
  CHECK(a10 < history_key_end("/registry/pods/a"));
  CHECK(history_key_end("/registry/pods/a") < ab1);
  CHECK(a10 < ab1);

  auto parts = split_history_key(a10);
  REQUIRE(parts);
  CHECK(parts->key == "/registry/pods/a");
  CHECK(parts->rev == 10);
  CHECK(split_history_key("/registry/pods/a").code() == error_code::corrupt);
}

TEST_CASE("version records round-trip, tombstones are one byte") {
  std::string value("\x00\x01payload", 9);
  auto bytes = encode_version({false, 4, 3, value});
  auto back = decode_version(bytes);
  REQUIRE(back);
  CHECK_FALSE(back->deleted);
  CHECK(back->create_revision == 4);
  CHECK(back->version == 3);
  CHECK(back->value == value);

  auto tomb = encode_version({true, 0, 0, {}});
  CHECK(tomb.size() == 1);
  CHECK(decode_version(tomb)->deleted);
  CHECK(decode_version("").code() == error_code::corrupt);
  CHECK(decode_version("\x01short").code() == error_code::corrupt);
}

TEST_CASE("log entries round-trip and truncation is detected") {
  log_entry entry{1'700'000'000'123'456'789,
                  {{event::kind::put, "/registry/pods/ns/a", 0},
                   {event::kind::remove, "/registry/pods/ns/b", 41}}};
  auto bytes = encode_log_entry(entry);
  auto back = decode_log_entry(bytes);
  REQUIRE(back);
  CHECK(*back == entry);
  CHECK(*decode_log_time(bytes) == entry.time_ns);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut)
    CHECK(decode_log_entry(bytes.substr(0, cut)).code() == error_code::corrupt);
  CHECK(decode_log_entry(bytes + "x").code() == error_code::corrupt);
}

}  // namespace kactor::storage::encoding
