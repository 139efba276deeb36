#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/log_config.hpp"
#include "config/result.hpp"

// Parsers for the textual form of config values, shared by the YAML file and the flags.
// On failure the config_error's message is only the expectation ("expected an integer
// 1-65535"); the caller adds the field name, the offending text and where it came from.
namespace kactor::config {

// A decimal integer in [min, max]. "expected an integer <min>-<max>".
result<std::uint64_t> parse_integer(std::string_view text, std::uint64_t min, std::uint64_t max);

// A TCP port: 1-65535, or 0-65535 when `allow_zero`.
result<std::uint16_t> parse_port(std::string_view text, bool allow_zero);

// `true` or `false` (lower case; YAML 1.1's yes/no/on/off are refused to avoid surprises).
result<bool> parse_bool(std::string_view text);

// A duration as one or more <integer><unit> terms, unit one of ms, s, m, h: "100ms", "5s",
// "1m30s". A bare "0" is zero. Fractions are not accepted.
result<std::chrono::milliseconds> parse_duration(std::string_view text);

// A byte count, optionally with a binary suffix Ki, Mi or Gi: "65536", "512Ki", "3Mi".
result<std::uint64_t> parse_byte_size(std::string_view text);

// An IPv4 or IPv6 address literal, returned unchanged.
result<std::string> parse_ip_address(std::string_view text);

// One or more comma-separated nats:// or tls:// URLs, returned unchanged.
result<std::string> parse_nats_url(std::string_view text);

// A non-empty string, returned unchanged.
result<std::string> parse_non_empty(std::string_view text);

result<log_format> parse_log_format(std::string_view text);
result<log_level> parse_log_level(std::string_view text);

// Canonical text of a duration ("100ms", "5s", "2m", "1h30m"): parse_duration accepts it.
std::string format_duration(std::chrono::milliseconds d);

// Canonical text of a byte count ("3Mi" when exact, else the number): parse_byte_size accepts it.
std::string format_byte_size(std::uint64_t bytes);

}  // namespace kactor::config
