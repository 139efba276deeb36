#include "cmd/kactor/state_options.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using namespace kactor;

TEST_CASE("the configured state section reaches the role's options") {
  config::state_config cfg;
  cfg.history_window = 7min;
  cfg.compaction_interval = 3s;
  cfg.readers = 5;
  cfg.bookmark_interval = 200ms;
  cfg.bookmark_all_interval = 9s;
  cfg.initial_map_bytes = 1 << 20;
  cfg.max_map_bytes = 1ull << 30;
  cfg.max_batch_requests = 64;
  cfg.max_batch_bytes = 1 << 20;
  cfg.drain_timeout = 2s;
  auto o = cmd::make_state_role_options(cfg, "/var/lib/kactor", "nats://127.0.0.1:4222", "1.2.3");
  CHECK(o.data_dir == "/var/lib/kactor");
  CHECK(state::state_store_dir(o.data_dir) == "/var/lib/kactor/state");
  CHECK(o.nats_url == "nats://127.0.0.1:4222");
  CHECK(o.version == "1.2.3");
  CHECK(o.readers == 5);
  CHECK(o.bookmark_interval == 200ms);
  CHECK(o.bookmark_all_interval == 9s);
  CHECK(o.drain_timeout == 2s);
  CHECK(o.store.history_window == 7min);
  CHECK(o.store.initial_map_bytes == 1u << 20);
  CHECK(o.store.max_map_bytes == 1ull << 30);
  CHECK(o.committer.compaction_interval == 3s);
  CHECK(o.committer.max_batch_requests == 64);
  CHECK(o.committer.max_batch_bytes == 1u << 20);
}

TEST_CASE("the config defaults are the role's defaults") {
  auto o = cmd::make_state_role_options({}, "/d", "nats://127.0.0.1:4222", "");
  state::state_role_options role;
  CHECK(o.readers == role.readers);
  CHECK(o.bookmark_interval == role.bookmark_interval);
  CHECK(o.bookmark_all_interval == role.bookmark_all_interval);
  CHECK(o.drain_timeout == role.drain_timeout);
  CHECK(o.store.history_window == role.store.history_window);
  CHECK(o.store.initial_map_bytes == role.store.initial_map_bytes);
  CHECK(o.store.max_map_bytes == role.store.max_map_bytes);
  CHECK(o.committer.compaction_interval == role.committer.compaction_interval);
  CHECK(o.committer.max_batch_requests == role.committer.max_batch_requests);
  CHECK(o.committer.max_batch_bytes == role.committer.max_batch_bytes);
}
