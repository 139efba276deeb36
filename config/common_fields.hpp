#pragma once

#include <optional>

#include "config/http_config.hpp"
#include "config/result.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/field.hpp"
#include "config/log_config.hpp"

// Field constructors shared by the field tables of several commands (up_fields.hpp,
// state_fields.hpp), so that one kind of value reads and shows the same everywhere.
namespace kactor::config {

// A non-empty path.
field path_field(std::string name, std::string flag, std::filesystem::path& target);
// One or more comma-separated nats:// or tls:// URLs, or "" (meaning depends on the field).
field nats_url_field(std::string name, std::string flag, std::string& target);
// A duration ("100ms", "5s", "1m30s"; "0").
field duration_field(std::string name, std::string flag, std::chrono::milliseconds& target);
// A byte count ("65536", "512Ki", "3Mi").
field byte_size_field(std::string name, std::string flag, std::uint64_t& target);
// An integer in [min, max].
field integer_field(std::string name, std::string flag, std::uint32_t& target, std::uint32_t min,
                    std::uint32_t max);

// <prefix>.log.format (flag --log-format) and <prefix>.log.level (flag --log-level).
void add_log_fields(std::vector<field>& out, const std::string& prefix, log_config& cfg);

// The HTTP listener's tuning fields under <prefix> ("up.http"): max_header_bytes,
// max_body_bytes, idle/read/write_timeout, threads (no flags).
void add_http_fields(std::vector<field>& out, const std::string& prefix, http_config& h);

// What the single fields cannot check: positive timeouts and header limit; the error names
// the field (<prefix>.read_timeout ...).
std::optional<config_error> check_http(const http_config& http, const std::string& prefix);

}  // namespace kactor::config
