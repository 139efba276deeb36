#include "config/state_fields.hpp"

#include "config/common_fields.hpp"

namespace kactor::config {

void add_state_fields(std::vector<field>& out, state_config& cfg) {
  out.push_back(duration_field("state.history_window", "--history-window", cfg.history_window));
  out.push_back(duration_field("state.compaction_interval", "", cfg.compaction_interval));
  out.push_back(integer_field("state.readers", "", cfg.readers, 1, 64));
  out.push_back(duration_field("state.bookmark_interval", "", cfg.bookmark_interval));
  out.push_back(duration_field("state.bookmark_all_interval", "", cfg.bookmark_all_interval));
  out.push_back(byte_size_field("state.initial_map_bytes", "", cfg.initial_map_bytes));
  out.push_back(byte_size_field("state.max_map_bytes", "", cfg.max_map_bytes));
  out.push_back(
      integer_field("state.max_batch_requests", "", cfg.max_batch_requests, 1, 1'000'000));
  out.push_back(byte_size_field("state.max_batch_bytes", "", cfg.max_batch_bytes));
  out.push_back(duration_field("state.drain_timeout", "", cfg.drain_timeout));
}

std::vector<field> state_command_fields(state_command_config& cfg) {
  std::vector<field> out;
  out.push_back(path_field("state.data_dir", "--data-dir", cfg.data_dir));
  out.push_back(nats_url_field("state.nats_url", "--nats", cfg.nats_url));
  out.push_back(duration_field("state.shutdown_grace", "", cfg.shutdown_grace));
  add_log_fields(out, "state", cfg.log);
  add_state_fields(out, cfg.state);
  return out;
}

}  // namespace kactor::config
