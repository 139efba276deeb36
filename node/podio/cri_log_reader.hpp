#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Reading CRI log files (`<RFC3339Nano> <stdout|stderr> <F|P> <text>` records, written by
// node/runtime's cri_line_writer) back into what `kubectl logs` prints: the container's output
// lines, optionally stamped, filtered by time, cut to the last N lines or to a byte limit.
namespace kactor::node::podio {

struct log_options {
  std::optional<std::int64_t> tail_lines;        // the last N lines only
  std::optional<std::int64_t> since_unix_nanos;  // lines stamped at or after it only
  bool timestamps = false;                       // prefix each line with its RFC3339Nano stamp
  std::optional<std::int64_t> limit_bytes;       // stop after this many bytes of output
};

// One parsed record; false when `line` is not a CRI record.
struct cri_record {
  std::string_view time;  // RFC3339Nano text
  std::int64_t unix_nanos = 0;
  bool partial = false;  // P: the line continues in the next record
  std::string_view text;
};
bool parse_cri_record(std::string_view line, cri_record& out);

// The output of the complete records in `content` (a whole file, or the part after a cursor).
// Partial records join the following ones into one line. Bytes after the last '\n' are not
// records yet and are ignored; `consumed` (when given) gets the bytes up to and including the
// last complete line (not inside a P run), where a follow-up read continues.
std::string render_log(std::string_view content, const log_options& opts,
                       std::size_t* consumed = nullptr);

}  // namespace kactor::node::podio
