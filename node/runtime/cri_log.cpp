#include "node/runtime/cri_log.hpp"

#include <ctime>

namespace kactor::node::runtime {

std::string format_rfc3339_nano(std::int64_t unix_nanos) {
  std::int64_t seconds = unix_nanos / 1'000'000'000;
  std::int64_t nanos = unix_nanos % 1'000'000'000;
  if (nanos < 0) {
    nanos += 1'000'000'000;
    --seconds;
  }
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buf, n);
  if (nanos != 0) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09lld", static_cast<long long>(nanos));
    std::string f = frac;
    while (f.back() == '0')
      f.pop_back();
    out += f;
  }
  out += 'Z';
  return out;
}

cri_line_writer::cri_line_writer(log_stream stream, std::size_t max_line)
    : stream_(stream), max_line_(max_line == 0 ? 1 : max_line) {}

void cri_line_writer::append_record(std::string& out, std::string_view text, char tag,
                                    std::int64_t nanos) {
  out += format_rfc3339_nano(nanos);
  out += stream_ == log_stream::out ? " stdout " : " stderr ";
  out += tag;
  out += ' ';
  out.append(text);
  out += '\n';
}

std::string cri_line_writer::feed(std::string_view data, std::int64_t unix_nanos) {
  std::string out;
  while (!data.empty()) {
    auto nl = data.find('\n');
    if (nl == std::string_view::npos) {
      pending_.append(data);
      break;
    }
    pending_.append(data.substr(0, nl));
    data.remove_prefix(nl + 1);
    // A long line goes out as P chunks; its end is the F record.
    emit_partials(out, unix_nanos, max_line_ + 1);
    append_record(out, pending_, 'F', unix_nanos);
    pending_.clear();
  }
  emit_partials(out, unix_nanos, max_line_);
  return out;
}

void cri_line_writer::emit_partials(std::string& out, std::int64_t nanos, std::size_t threshold) {
  while (pending_.size() >= threshold) {
    append_record(out, std::string_view{pending_}.substr(0, max_line_), 'P', nanos);
    pending_.erase(0, max_line_);
  }
}

std::string cri_line_writer::finish(std::int64_t unix_nanos) {
  std::string out;
  if (!pending_.empty()) append_record(out, pending_, 'F', unix_nanos);
  pending_.clear();
  return out;
}

}  // namespace kactor::node::runtime
