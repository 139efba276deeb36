#include "messages/codec/yaml_scalar.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace kactor::messages;

TEST_CASE("YAML 1.1 booleans and nulls in all their spellings") {
  for (auto t : {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"})
    CHECK_MESSAGE(resolve_plain_scalar(t) == json(true), t);
  for (auto f : {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"})
    CHECK_MESSAGE(resolve_plain_scalar(f) == json(false), f);
  for (auto n : {"", "~", "null", "Null", "NULL"})
    CHECK(resolve_plain_scalar(n).is_null());
  CHECK(resolve_plain_scalar("yEs") == json("yEs"));
  CHECK(resolve_plain_scalar("nULL") == json("nULL"));
}

TEST_CASE("integers as Go's ParseInt with base 0 reads them") {
  CHECK(resolve_plain_scalar("0644") == json(420));
  CHECK(resolve_plain_scalar("0644").is_number_integer());
  CHECK(resolve_plain_scalar("0x1F") == json(31));
  CHECK(resolve_plain_scalar("0o17") == json(15));
  CHECK(resolve_plain_scalar("0b101") == json(5));
  CHECK(resolve_plain_scalar("-0b101") == json(-5));
  CHECK(resolve_plain_scalar("1_000") == json(1000));
  CHECK(resolve_plain_scalar("+7") == json(7));
  CHECK(resolve_plain_scalar("-0") == json(0));
  CHECK(resolve_plain_scalar("9223372036854775807") == json(INT64_MAX));
  CHECK(resolve_plain_scalar("-9223372036854775808") == json(INT64_MIN));
  CHECK(resolve_plain_scalar("18446744073709551615") == json(UINT64_MAX));
  CHECK(resolve_plain_scalar("18446744073709551615").is_number_unsigned());
}

TEST_CASE("floats as go-yaml resolves them and Go's JSON writes them") {
  CHECK(resolve_plain_scalar("1.5") == json(1.5));
  CHECK(resolve_plain_scalar("1.5e+3") == json(1500));
  CHECK(resolve_plain_scalar("1e3") == json(1000));  // go-yaml v2.4: a float, JSON 1000
  CHECK(resolve_plain_scalar("1e3").is_number_integer());
  CHECK(resolve_plain_scalar("3.0").is_number_integer());
  CHECK(resolve_plain_scalar("08") == json(8));  // not octal: falls through to float
  CHECK(resolve_plain_scalar(".5") == json(0.5));
  CHECK(resolve_plain_scalar("-.5") == json(-0.5));
  CHECK(resolve_plain_scalar("1e21").is_number_float());
  CHECK(resolve_plain_scalar("99999999999999999999").is_number_float());
  CHECK(std::isinf(resolve_plain_scalar(".inf").get<double>()));
  CHECK(resolve_plain_scalar("-.Inf").get<double>() < 0);
  CHECK(std::isnan(resolve_plain_scalar(".NaN").get<double>()));
  CHECK(resolve_plain_scalar("1e400") == json("1e400"));
}

TEST_CASE("everything else stays a string") {
  for (auto s : {"1.2.3", "12:30", "0x", "2026-01-02", "2026-01-02T03:04:05Z",
                 "1e",    "e3",    "Gi", "64Mi",       "250m",
                 "+",     "-",     ".",  "._5",        "v1",
                 "0xZZ",  "_1",    "<<", ".iNf",       "1 2"}) {
    json v = resolve_plain_scalar(s);
    CHECK_MESSAGE(v == json(s), s);
  }
  // Underscores vanish before the number is read.
  CHECK(resolve_plain_scalar("1__0") == json(10));
  CHECK(resolve_plain_scalar("1__") == json(1));
}

TEST_CASE("explicit tags force or check the type") {
  constexpr std::string_view p = "tag:yaml.org,2002:";
  CHECK(*resolve_tagged_scalar(std::string(p) + "str", "123") == json("123"));
  CHECK(*resolve_tagged_scalar(std::string(p) + "int", "0x10") == json(16));
  CHECK(*resolve_tagged_scalar(std::string(p) + "float", "2") == json(2));
  CHECK(*resolve_tagged_scalar(std::string(p) + "bool", "yes") == json(true));
  CHECK(resolve_tagged_scalar(std::string(p) + "null", "~")->is_null());
  CHECK(*resolve_tagged_scalar(std::string(p) + "binary", "aGk=") == json("hi"));
  CHECK(*resolve_tagged_scalar("!custom", "x") == json("x"));
  auto bad = resolve_tagged_scalar(std::string(p) + "int", "abc");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == codec_errc::syntax);
  CHECK(bad.error().message == "cannot decode !!str `abc` as a !!int");
  CHECK(resolve_tagged_scalar(std::string(p) + "binary", "***").error().message ==
        "!!binary value contains invalid base64 data");
}

TEST_CASE("mapping keys become JSON member names as sigs.k8s.io/yaml writes them") {
  CHECK(json_key_of(resolve_plain_scalar("name")) == "name");
  CHECK(json_key_of(resolve_plain_scalar("on")) == "true");
  CHECK(json_key_of(resolve_plain_scalar("0644")) == "420");
  CHECK(json_key_of(resolve_plain_scalar("1.5")) == "1.5");
  CHECK(json_key_of(resolve_plain_scalar("1.25e-7")) == "1.25e-07");
  CHECK(json_key_of(resolve_plain_scalar(".inf")) == ".inf");
  CHECK(json_key_of(resolve_plain_scalar("~")).empty());
}
