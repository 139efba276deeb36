#include "config/up_fields.hpp"

#include "config/values.hpp"

namespace kactor::config {
namespace {

std::string plain(const std::string& s) {
  return s;
}
std::string number(std::uint64_t n) {
  return std::to_string(n);
}
std::string boolean(bool b) {
  return b ? "true" : "false";
}
std::string path_text(const std::filesystem::path& p) {
  return p.string();
}
std::string format_text(log_format f) {
  return std::string{to_string(f)};
}
std::string level_text(log_level l) {
  return std::string{to_string(l)};
}

auto port_any = [](std::string_view t) { return parse_port(t, true); };
auto path_value = [](std::string_view t) -> result<std::filesystem::path> {
  auto s = parse_non_empty(t);
  if (!s) return s.error();
  return std::filesystem::path{*s};
};
auto url_or_empty = [](std::string_view t) -> result<std::string> {
  if (t.empty()) return std::string{};
  return parse_nats_url(t);
};
auto any_string = [](std::string_view t) -> result<std::string> { return std::string{t}; };
auto thread_count = [](std::string_view t) { return parse_integer(t, 1, 64); };

void add_restart(std::vector<field>& out, const std::string& prefix, restart_policy& r) {
  out.push_back(
      bind_field(prefix + ".backoff_min", "", r.backoff_min, parse_duration, format_duration));
  out.push_back(
      bind_field(prefix + ".backoff_max", "", r.backoff_max, parse_duration, format_duration));
  out.push_back(
      bind_field(prefix + ".stable_after", "", r.stable_after, parse_duration, format_duration));
}

}  // namespace

std::vector<field> up_fields(up_config& cfg) {
  std::vector<field> out;
  out.push_back(bind_field("up.data_dir", "--data-dir", cfg.data_dir, path_value, path_text));
  out.push_back(bind_field("up.nats_url", "--nats", cfg.nats_url, url_or_empty, plain));
  out.push_back(
      bind_field("up.shutdown_grace", "", cfg.shutdown_grace, parse_duration, format_duration));
  out.push_back(bind_field("up.port", "--port", cfg.http.port, port_any, number));
  out.push_back(bind_field("up.bind_address", "--bind-address", cfg.http.bind_address,
                           parse_ip_address, plain));
  out.push_back(
      bind_field("up.log.format", "--log-format", cfg.log.format, parse_log_format, format_text));
  out.push_back(
      bind_field("up.log.level", "--log-level", cfg.log.level, parse_log_level, level_text));
  auto& h = cfg.http;
  out.push_back(bind_field("up.http.max_header_bytes", "", h.max_header_bytes, parse_byte_size,
                           format_byte_size));
  out.push_back(bind_field("up.http.max_body_bytes", "", h.max_body_bytes, parse_byte_size,
                           format_byte_size));
  out.push_back(
      bind_field("up.http.idle_timeout", "", h.idle_timeout, parse_duration, format_duration));
  out.push_back(
      bind_field("up.http.read_timeout", "", h.read_timeout, parse_duration, format_duration));
  out.push_back(
      bind_field("up.http.write_timeout", "", h.write_timeout, parse_duration, format_duration));
  out.push_back(bind_field("up.http.threads", "", h.threads, thread_count, number));
  auto& n = cfg.nats_server;
  out.push_back(bind_field("up.nats_server.path", "--nats-server", n.path, any_string, plain));
  out.push_back(bind_field("up.nats_server.port", "", n.port, port_any, number));
  out.push_back(bind_field("up.nats_server.jetstream", "", n.jetstream, parse_bool, boolean));
  out.push_back(
      bind_field("up.nats_server.stop_grace", "", n.stop_grace, parse_duration, format_duration));
  add_restart(out, "up.nats_server.restart", n.restart);
  return out;
}

}  // namespace kactor::config
