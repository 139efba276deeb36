#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kactor::node::runtime {

enum class log_stream { out, err };

/// Go's time.RFC3339Nano in UTC: "2026-01-02T03:04:05.123456789Z" with trailing zeros of the
/// fraction dropped ("...05.1Z", "...05Z"), as CRI log files carry it.
std::string format_rfc3339_nano(std::int64_t unix_nanos);

/// Turns the bytes a container writes to one stream into lines of the Kubernetes CRI log
/// format, `<RFC3339Nano> <stdout|stderr> <F|P> <text>\n`: F ends a line the container ended
/// with '\n'; P is a chunk of a longer line (kept under max_line bytes), continued by the
/// next record. Not thread-safe: one writer per stream.
class cri_line_writer {
 public:
  static constexpr std::size_t default_max_line = 16 * 1024;

  explicit cri_line_writer(log_stream stream, std::size_t max_line = default_max_line);

  /// The records completed by `data`, stamped `unix_nanos`; may be empty.
  std::string feed(std::string_view data, std::int64_t unix_nanos);

  /// The record for a last line left without '\n' when the stream ended (tagged F), or "".
  std::string finish(std::int64_t unix_nanos);

 private:
  // Emits P chunks of max_line_ bytes while at least `threshold` bytes are pending.
  void emit_partials(std::string& out, std::int64_t nanos, std::size_t threshold);
  void append_record(std::string& out, std::string_view text, char tag, std::int64_t nanos);

  log_stream stream_;
  std::size_t max_line_;
  std::string pending_;
};

}  // namespace kactor::node::runtime
