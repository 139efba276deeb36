#include "cmd/kactor/state_options.hpp"

namespace kactor::cmd {

state::state_role_options make_state_role_options(const config::state_config& cfg,
                                                  const std::filesystem::path& data_dir,
                                                  const std::string& nats_url,
                                                  std::string_view version) {
  state::state_role_options out;
  out.data_dir = data_dir;
  out.nats_url = nats_url;
  out.version = std::string{version};
  out.readers = cfg.readers;
  out.bookmark_interval = cfg.bookmark_interval;
  out.bookmark_all_interval = cfg.bookmark_all_interval;
  out.drain_timeout = cfg.drain_timeout;
  out.store.history_window = cfg.history_window;
  out.store.initial_map_bytes = cfg.initial_map_bytes;
  out.store.max_map_bytes = cfg.max_map_bytes;
  out.committer.compaction_interval = cfg.compaction_interval;
  out.committer.max_batch_requests = cfg.max_batch_requests;
  out.committer.max_batch_bytes = cfg.max_batch_bytes;
  return out;
}

}  // namespace kactor::cmd
