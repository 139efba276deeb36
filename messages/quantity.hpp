#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "k8s/resource/quantity.pb.h"
#include "messages/result.hpp"

namespace kactor::messages {

/// The notation a quantity was written in; canonical output keeps it.
enum class quantity_format : std::uint8_t {
  decimal_si,        ///< "250m", "1", "2k", "1G"
  binary_si,         ///< "64Mi", "1Gi"
  decimal_exponent,  ///< "1e3", "5E-3"
};

/// An exact resource amount in thousandths ("milli-units"): 1 CPU is 1000, "250m" is 250,
/// "1Ki" is 1024000. Amounts finer than 1m (e.g. "1n") are rounded up in magnitude to the
/// next milli-unit, as Kubernetes' MilliValue does. Comparison looks at the amount only.
struct quantity {
  std::int64_t milli = 0;
  quantity_format format = quantity_format::decimal_si;

  /// The amount in whole units, rounded up in magnitude (Kubernetes' Value()).
  std::int64_t value() const;

  friend bool operator==(const quantity& a, const quantity& b) { return a.milli == b.milli; }
  friend std::strong_ordering operator<=>(const quantity& a, const quantity& b) {
    return a.milli <=> b.milli;
  }
};

/// Checks the syntax Kubernetes accepts: an optional sign, digits with at most one '.', and
/// a suffix that is empty, decimal SI (n u m k M G T P E), binary SI (Ki Mi Gi Ti Pi Ei) or a
/// decimal exponent (e3, E-3, e+6). At least one digit is required ("Gi" and "." are rejected).
/// On failure: invalid_value with `invalid quantity "5 Gi": quantities must match the regular
/// expression '...'` or `...: unable to parse quantity's suffix`.
result<void> validate_quantity(std::string_view text);

/// Parses the text into an exact amount. Fails with invalid_value on bad syntax and with
/// overflow when the amount in milli-units does not fit int64 (beyond about 9.2 Pi or 9.2P).
result<quantity> parse_quantity(std::string_view text);
result<quantity> parse_quantity(const k8s::resource::Quantity& q);

/// The canonical text Kubernetes would print: the largest suffix of the quantity's format
/// that keeps the number whole ("1500m" -> "1500m", "1000m" -> "1", "2048Ki" -> "2Mi",
/// "1536Mi" stays, binary amounts below 1Ki or not whole print in decimal SI), "0" for zero.
std::string format_quantity(const quantity& q);

/// The message holding format_quantity(q).
k8s::resource::Quantity to_proto(const quantity& q);

/// a + b and a - b; overflow when the result does not fit. The result keeps a's format
/// (b's when a is zero).
result<quantity> add(const quantity& a, const quantity& b);
result<quantity> subtract(const quantity& a, const quantity& b);

}  // namespace kactor::messages
