#include "messages/quantity.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

namespace {

std::int64_t milli(std::string_view text) {
  auto q = parse_quantity(text);
  REQUIRE_MESSAGE(q, std::string(text));
  return q->milli;
}

std::string canonical(std::string_view text) {
  return format_quantity(*parse_quantity(text));
}

}  // namespace

TEST_CASE("quantities parse into exact milli-units") {
  CHECK(milli("250m") == 250);
  CHECK(milli("1") == 1000);
  CHECK(milli("0.5") == 500);
  CHECK(milli(".5") == 500);
  CHECK(milli("5.") == 5000);
  CHECK(milli("+1.5E-3") == 2);  // 1.5m rounds up to 2m
  CHECK(milli("1e3") == 1'000'000);
  CHECK(milli("1E3") == 1'000'000);
  CHECK(milli("2k") == 2'000'000);
  CHECK(milli("64Mi") == 64LL * 1024 * 1024 * 1000);
  CHECK(milli("1Gi") == 1024LL * 1024 * 1024 * 1000);
  CHECK(milli("1.5Gi") == 1536LL * 1024 * 1024 * 1000);
  CHECK(milli("-100m") == -100);
  CHECK(milli("1n") == 1);
  CHECK(milli("0") == 0);
  CHECK(milli("000.000") == 0);
  CHECK(milli("1000000000000000000000u") == 1'000'000'000'000'000'000);
  CHECK(milli("0.00000000000000000000000000000000000000000001") == 1);
  CHECK(milli("8Pi") == 8LL * (1LL << 50) * 1000);
}

TEST_CASE("quantity formats come from the suffix") {
  CHECK(parse_quantity("1Gi")->format == quantity_format::binary_si);
  CHECK(parse_quantity("1G")->format == quantity_format::decimal_si);
  CHECK(parse_quantity("1e9")->format == quantity_format::decimal_exponent);
  CHECK(parse_quantity("1P")->format == quantity_format::decimal_si);
}

TEST_CASE("invalid quantities give Kubernetes' reasons") {
  const std::string regex =
      "quantities must match the regular expression "
      "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  for (std::string_view bad : {"1.2.3", "Gi", "5 Gi", " 1", "1 ", "", ".", "aoeu", "1+1.0M"}) {
    auto r = validate_quantity(bad);
    REQUIRE_FALSE_MESSAGE(r, std::string(bad));
    CHECK(r.error().code == codec_errc::invalid_value);
    CHECK(r.error().message == "invalid quantity \"" + std::string(bad) + "\": " + regex);
  }
  for (std::string_view bad : {"1i", "0.1mi", ".5i", "-3.01e-", "1ke3", "1e"}) {
    auto r = validate_quantity(bad);
    REQUIRE_FALSE_MESSAGE(r, std::string(bad));
    CHECK(r.error().message ==
          "invalid quantity \"" + std::string(bad) + "\": unable to parse quantity's suffix");
  }
  for (std::string_view good : {"250m", "1Gi", "1e3", "0.5", "+1.5E-3", "64Mi", "1.G", "1e+3"})
    CHECK_MESSAGE(validate_quantity(good), std::string(good));
}

TEST_CASE("amounts beyond int64 milli-units overflow") {
  auto big = parse_quantity("10Ei");
  REQUIRE_FALSE(big);
  CHECK(big.error().code == codec_errc::overflow);
  CHECK(big.error().message == "invalid quantity \"10Ei\": does not fit int64 milli-units");
  CHECK_FALSE(parse_quantity("1e100"));
  CHECK(validate_quantity("1e100"));
  CHECK(parse_quantity("9223372036854775.807"));
  CHECK_FALSE(parse_quantity("9223372036854775.808"));
}

TEST_CASE("canonical output follows Kubernetes") {
  CHECK(canonical("1000m") == "1");
  CHECK(canonical("1500m") == "1500m");
  CHECK(canonical("0.5") == "500m");
  CHECK(canonical("2000") == "2k");
  CHECK(canonical("1500") == "1500");
  CHECK(canonical("2048Ki") == "2Mi");
  CHECK(canonical("1536Mi") == "1536Mi");
  CHECK(canonical("1.5Gi") == "1536Mi");
  CHECK(canonical("512Ki") == "512Ki");
  CHECK(canonical("0.5Ki") == "512");
  CHECK(canonical("1025Ki") == "1025Ki");
  CHECK(canonical("1e3") == "1e3");
  CHECK(canonical("1500e0") == "1500");
  CHECK(canonical("100e-3") == "100e-3");
  CHECK(canonical("-2k") == "-2k");
  CHECK(canonical("0Gi") == "0");
  CHECK(canonical("9P") == "9P");
  CHECK(canonical("9000T") == "9P");
  CHECK(to_proto(*parse_quantity("1024Mi")).string() == "1Gi");
}

TEST_CASE("quantities compare, add and subtract exactly") {
  CHECK(*parse_quantity("1Gi") > *parse_quantity("1G"));
  CHECK(*parse_quantity("1000m") == *parse_quantity("1"));
  CHECK(parse_quantity("1")->value() == 1);
  CHECK(parse_quantity("1001m")->value() == 2);
  CHECK(parse_quantity("-1001m")->value() == -2);

  auto sum = add(*parse_quantity("100m"), *parse_quantity("1"));
  REQUIRE(sum);
  CHECK(format_quantity(*sum) == "1100m");
  auto zero_first = add(*parse_quantity("0"), *parse_quantity("1Gi"));
  CHECK(format_quantity(*zero_first) == "1Gi");
  auto difference = subtract(*parse_quantity("1Gi"), *parse_quantity("512Mi"));
  CHECK(format_quantity(*difference) == "512Mi");

  quantity huge{INT64_MAX, quantity_format::decimal_si};
  auto over = add(huge, *parse_quantity("1m"));
  REQUIRE_FALSE(over);
  CHECK(over.error().code == codec_errc::overflow);
}
