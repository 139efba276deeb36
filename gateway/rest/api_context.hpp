#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <caf/actor_system.hpp>

#include "gateway/rest/state_client.hpp"
#include "messages/registry.hpp"

namespace spdlog {
class logger;
}
namespace kactor::watchcache {
class watch_cache;
}

// What every REST handler shares: the registry, the way to the state actor, the watch cache,
// and this gateway's write marks (read-your-writes).
namespace kactor::rest {

struct rest_options {
  // Service cluster IPs are allocated from it (kube-apiserver's --service-cluster-ip-range).
  std::string service_cidr = "10.96.0.0/12";
  // How long a read waits for the watch cache to reach a revision this gateway wrote, before
  // it reads from the state actor instead.
  std::chrono::milliseconds fresh_deadline{2000};
  // Deadline of each state request.
  std::chrono::milliseconds state_timeout{5000};
  // Writes retried after an optimistic-concurrency conflict the client did not ask for
  // (patches, scale, unconditional updates).
  int conflict_retries = 5;
};

class api_context {
 public:
  api_context(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
              std::shared_ptr<watchcache::watch_cache> cache, std::shared_ptr<spdlog::logger> log,
              rest_options options);

  caf::actor_system& system() const { return sys_; }
  const messages::registry& types() const { return types_; }
  const state_client& state() const { return state_; }
  const std::shared_ptr<watchcache::watch_cache>& cache() const { return cache_; }
  spdlog::logger& log() const { return *log_; }
  const rest_options& options() const { return options_; }

  // Records that this gateway wrote `revision` to (group, resource): later reads of that
  // resource wait until the cache has it.
  void note_write(const std::string& group, const std::string& resource, std::uint64_t revision);
  std::uint64_t write_mark(const std::string& group, const std::string& resource) const;

 private:
  caf::actor_system& sys_;
  const messages::registry& types_;
  state_client state_;
  std::shared_ptr<watchcache::watch_cache> cache_;
  std::shared_ptr<spdlog::logger> log_;
  rest_options options_;
  mutable std::mutex marks_mutex_;
  std::map<std::string, std::uint64_t> marks_;
};

}  // namespace kactor::rest
