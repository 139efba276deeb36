#pragma once

#include <caf/actor_system_config.hpp>

namespace kactor::cmd {

// CAF's work-stealing workers poll for work before they sleep on a condition variable: 100
// spins, then 500 naps of 50 us (CAF's defaults). Every time a worker runs dry it spends
// ~30 ms in those naps, thousands of wake-ups a second that take the core from the other
// processes of a small machine (perf showed ~45% of a loaded kactor process's samples in
// nanosleep). Fewer naps hand an idle worker to the condition variable sooner; an enqueue
// wakes it. Returns `cfg` for use in a member initializer. docs/architecture.md.
caf::actor_system_config& tuned(caf::actor_system_config& cfg);

}  // namespace kactor::cmd
