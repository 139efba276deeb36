#include "cmd/kactor/scheduler_tuning.hpp"

#include <cstddef>

namespace kactor::cmd {

caf::actor_system_config& tuned(caf::actor_system_config& cfg) {
  cfg.set("work-stealing.moderate-poll-attempts", std::size_t{10});
  return cfg;
}

}  // namespace kactor::cmd
