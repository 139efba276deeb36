#include "config/gateway_fields.hpp"

#include <charconv>
#include <cstdint>
#include <optional>

#include "config/common_fields.hpp"
#include "config/values.hpp"

namespace kactor::config {
namespace {

std::string plain(const std::string& s) {
  return s;
}
std::string number(std::uint64_t n) {
  return std::to_string(n);
}

auto port_any = [](std::string_view t) { return parse_port(t, true); };

// A decimal number without sign or leading zeros (Go's net.ParseIP refuses "010" too).
std::optional<std::uint32_t> decimal(std::string_view text, std::uint32_t max) {
  if (text.empty() || text.size() > 3 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t out = 0;
  for (int i = 0; i < 4; ++i) {
    auto dot = text.find('.');
    if ((i < 3) == (dot == std::string_view::npos)) return std::nullopt;
    auto part = decimal(text.substr(0, dot), 255);
    if (!part) return std::nullopt;
    out = (out << 8) | *part;
    text.remove_prefix(i < 3 ? dot + 1 : text.size());
  }
  return out;
}

// A path, or "" for none.
field optional_path_field(std::string name, std::string flag, std::filesystem::path& target) {
  auto parse = [](std::string_view t) -> result<std::filesystem::path> {
    return std::filesystem::path{std::string{t}};
  };
  auto show = [](const std::filesystem::path& p) { return p.string(); };
  return bind_field(std::move(name), std::move(flag), target, parse, show);
}

}  // namespace

result<std::string> parse_service_cidr(std::string_view text) {
  config_error expected{"expected an IPv4 network a.b.c.d/n with n 12-30 and the host bits zero"};
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return expected;
  auto address = parse_ipv4(text.substr(0, slash));
  auto bits = decimal(text.substr(slash + 1), 32);
  if (!address || !bits || *bits < 12 || *bits > 30) return expected;
  std::uint32_t host_mask = (std::uint32_t{1} << (32 - *bits)) - 1;
  if ((*address & host_mask) != 0) return expected;
  return std::string{text};
}

std::vector<field> gateway_fields(gateway_command_config& cfg) {
  std::vector<field> out;
  out.push_back(optional_path_field("gateway.data_dir", "--data-dir", cfg.data_dir));
  out.push_back(nats_url_field("gateway.nats_url", "--nats", cfg.nats_url));
  out.push_back(duration_field("gateway.shutdown_grace", "", cfg.shutdown_grace));
  out.push_back(bind_field("gateway.port", "--port", cfg.http.port, port_any, number));
  out.push_back(bind_field("gateway.bind_address", "--bind-address", cfg.http.bind_address,
                           parse_ip_address, plain));
  add_log_fields(out, "gateway", cfg.log);
  out.push_back(optional_path_field("gateway.log.file", "--log-file", cfg.log_file));
  add_http_fields(out, "gateway.http", cfg.http);
  out.push_back(bind_field("gateway.service_cidr", "--service-cluster-ip-range", cfg.service_cidr,
                           parse_service_cidr, plain));
  out.push_back(duration_field("gateway.state_timeout", "", cfg.state_timeout));
  out.push_back(duration_field("gateway.fresh_deadline", "", cfg.fresh_deadline));
  out.push_back(integer_field("gateway.conflict_retries", "", cfg.conflict_retries, 0, 100));
  return out;
}

}  // namespace kactor::config
