#include "messages/codec/base64.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

TEST_CASE("base64 encodes with padding") {
  CHECK(encode_base64("") == "");
  CHECK(encode_base64("f") == "Zg==");
  CHECK(encode_base64("fo") == "Zm8=");
  CHECK(encode_base64("foo") == "Zm9v");
  CHECK(encode_base64(std::string("\x00\x01\x02\x03\x04\x05\x06\x07", 8)) == "AAECAwQFBgc=");
}

TEST_CASE("base64 decodes what it encodes, for every byte value") {
  std::string all;
  for (int i = 0; i < 256; ++i)
    all += static_cast<char>(i);
  for (std::size_t n = 0; n < 6; ++n) {
    std::string part = all.substr(n);
    auto back = decode_base64(encode_base64(part));
    REQUIRE(back);
    CHECK(*back == part);
  }
  CHECK(*decode_base64("c2VjcmV0\r\nLXRva2Vu") == "secret-token");
  CHECK(*decode_base64("Zg==\n") == "f");
}

TEST_CASE("invalid base64 names the byte, as Go does") {
  auto bad = decode_base64("c2Vj*mV0");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == codec_errc::invalid_value);
  CHECK(bad.error().message == "illegal base64 data at input byte 4");
  CHECK(decode_base64("Zg").error().message == "illegal base64 data at input byte 2");
  CHECK(decode_base64("Zg=").error().message == "illegal base64 data at input byte 3");
  CHECK(decode_base64("Z===").error().message == "illegal base64 data at input byte 1");
  CHECK(decode_base64("Zg==Zg==").error().message == "illegal base64 data at input byte 4");
}
