#include "cmd/kactor/logging.hpp"

#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <caf/error.hpp>
#include <caf/sec.hpp>

#include <chrono>
#include <cstdio>

namespace kactor::cmd {

struct log_setup::sinks {
  std::vector<spdlog::sink_ptr> all;
};

namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

// spdlog formatter producing json_log_line for every record.
class json_formatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(msg.time.time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char time[40];
    auto n = std::strftime(time, sizeof time, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(time + n, sizeof time - n, ".%06lldZ",
                  static_cast<long long>(micros % 1'000'000));
    auto level = spdlog::level::to_string_view(msg.level);
    auto line = json_log_line(time, {level.data(), level.size()},
                              {msg.logger_name.data(), msg.logger_name.size()},
                              {msg.payload.data(), msg.payload.size()});
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_formatter>();
  }
};

std::unique_ptr<spdlog::formatter> make_formatter(config::log_format format) {
  if (format == config::log_format::json) return std::make_unique<json_formatter>();
  return std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ %l [%n] %v",
                                                     spdlog::pattern_time_type::utc);
}

spdlog::level::level_enum to_spdlog(config::log_level level) {
  using config::log_level;
  switch (level) {
    case log_level::trace:
      return spdlog::level::trace;
    case log_level::debug:
      return spdlog::level::debug;
    case log_level::info:
      return spdlog::level::info;
    case log_level::warn:
      return spdlog::level::warn;
    case log_level::error:
      return spdlog::level::err;
    case log_level::critical:
      return spdlog::level::critical;
    case log_level::off:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

}  // namespace

std::string json_log_line(std::string_view time, std::string_view level, std::string_view logger,
                          std::string_view msg) {
  std::string out = "{\"time\":\"";
  append_escaped(out, time);
  out += "\",\"level\":\"";
  append_escaped(out, level);
  out += "\",\"logger\":\"";
  append_escaped(out, logger);
  out += "\",\"msg\":\"";
  append_escaped(out, msg);
  out += "\"}";
  return out;
}

caf::expected<log_setup> log_setup::open(const config::log_config& cfg,
                                         const std::filesystem::path& file) {
  auto s = std::make_shared<sinks>();
  try {  // spdlog reports a file it cannot open only by throwing
    s->all.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    s->all.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file.string(), false));
  } catch (const spdlog::spdlog_ex& e) {
    return caf::make_error(caf::sec::runtime_error, "log: open " + file.string() + ": " + e.what());
  }
  for (auto& sink : s->all)
    sink->set_formatter(make_formatter(cfg.format));
  log_setup out;
  out.sinks_ = std::move(s);
  out.cfg_ = cfg;
  return out;
}

std::shared_ptr<spdlog::logger> log_setup::logger(const std::string& name) const {
  auto log = std::make_shared<spdlog::logger>(name, sinks_->all.begin(), sinks_->all.end());
  log->set_level(to_spdlog(cfg_.level));
  log->flush_on(spdlog::level::trace);  // daemons log little; a crash must not lose lines
  return log;
}

void log_setup::install_default() const {
  spdlog::set_default_logger(logger("kactor"));
}

}  // namespace kactor::cmd
