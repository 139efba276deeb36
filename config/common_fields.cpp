#include "config/common_fields.hpp"

#include "config/values.hpp"

namespace kactor::config {

field path_field(std::string name, std::string flag, std::filesystem::path& target) {
  auto parse = [](std::string_view t) -> result<std::filesystem::path> {
    auto s = parse_non_empty(t);
    if (!s) return s.error();
    return std::filesystem::path{*s};
  };
  auto show = [](const std::filesystem::path& p) { return p.string(); };
  return bind_field(std::move(name), std::move(flag), target, parse, show);
}

field nats_url_field(std::string name, std::string flag, std::string& target) {
  auto parse = [](std::string_view t) -> result<std::string> {
    if (t.empty()) return std::string{};
    return parse_nats_url(t);
  };
  auto show = [](const std::string& s) { return s; };
  return bind_field(std::move(name), std::move(flag), target, parse, show);
}

field duration_field(std::string name, std::string flag, std::chrono::milliseconds& target) {
  return bind_field(std::move(name), std::move(flag), target, parse_duration, format_duration);
}

field byte_size_field(std::string name, std::string flag, std::uint64_t& target) {
  return bind_field(std::move(name), std::move(flag), target, parse_byte_size, format_byte_size);
}

field integer_field(std::string name, std::string flag, std::uint32_t& target, std::uint32_t min,
                    std::uint32_t max) {
  auto parse = [min, max](std::string_view t) { return parse_integer(t, min, max); };
  auto show = [](std::uint64_t n) { return std::to_string(n); };
  return bind_field(std::move(name), std::move(flag), target, parse, show);
}

void add_log_fields(std::vector<field>& out, const std::string& prefix, log_config& cfg) {
  out.push_back(bind_field(prefix + ".log.format", "--log-format", cfg.format, parse_log_format,
                           [](log_format f) { return std::string{to_string(f)}; }));
  out.push_back(bind_field(prefix + ".log.level", "--log-level", cfg.level, parse_log_level,
                           [](log_level l) { return std::string{to_string(l)}; }));
}

void add_http_fields(std::vector<field>& out, const std::string& prefix, http_config& h) {
  out.push_back(byte_size_field(prefix + ".max_header_bytes", "", h.max_header_bytes));
  out.push_back(byte_size_field(prefix + ".max_body_bytes", "", h.max_body_bytes));
  out.push_back(duration_field(prefix + ".idle_timeout", "", h.idle_timeout));
  out.push_back(duration_field(prefix + ".read_timeout", "", h.read_timeout));
  out.push_back(duration_field(prefix + ".write_timeout", "", h.write_timeout));
  out.push_back(integer_field(prefix + ".threads", "", h.threads, 1, 64));
}

std::optional<config_error> check_http(const http_config& http, const std::string& prefix) {
  for (auto [name, value] : {std::pair{".idle_timeout", http.idle_timeout},
                             std::pair{".read_timeout", http.read_timeout},
                             std::pair{".write_timeout", http.write_timeout}})
    if (value.count() <= 0)
      return config_error{"config: " + prefix + name + ": must be greater than 0"};
  if (http.max_header_bytes == 0)
    return config_error{"config: " + prefix + ".max_header_bytes: must be greater than 0"};
  return std::nullopt;
}

}  // namespace kactor::config
