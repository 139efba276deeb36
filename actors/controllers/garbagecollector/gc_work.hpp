#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/controllers/common/sync_loop.hpp"
#include "actors/controllers/garbagecollector/garbage_collector.hpp"
#include "actors/controllers/garbagecollector/owner_graph.hpp"

// The collector's writes: one gc_item of the latest scan, executed by the sync_loop under the
// key "<verify|orphan|foreground>/<uid>".
namespace kactor::controllers::gc {

// A gc_item that owns what it points to (the scan's vector is gone when it runs).
struct owned_item {
  gc_work work = gc_work::verify_owners;
  gc_object subject;
  std::vector<gc_object> dependents;
  bool blocked = false;
  std::vector<bool> has_other_owner;
  std::vector<bool> is_owner;
  std::vector<std::string> absent;
};

owned_item own(const gc_item& item);

struct gc_state {
  gc_options opts;
  gc_deps deps;
  std::unique_ptr<sync_loop> loop;
  std::map<std::string, owned_item> pending;  // by work key, from the latest scan
  bool scan_scheduled = false;
  std::chrono::steady_clock::time_point next_scan{};  // no scan before (busy_factor)
  std::uint64_t unsynced_scans = 0;  // scans deferred because a cache had not synced
};

// Runs the pending work of ctx.key() (none: nothing to do). Failures retry with back-off.
void run_work(gc_state& st, sync_context& ctx);

}  // namespace kactor::controllers::gc
