#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kactor::health {

// One check: nullopt when healthy, otherwise why not ("not connected to the bus"). Called on
// HTTP I/O threads for every probe: it must be fast, non-blocking and thread-safe (read an
// atomic or a connection's state, never send a message and wait).
using check_fn = std::function<std::optional<std::string>()>;

// Which endpoints run a check.
enum class scope {
  liveness,   // /livez, /healthz and /readyz: failing means "restart me"
  readiness,  // /healthz and /readyz: failing means "do not send me traffic now"
};

// The three health endpoints, after kube-apiserver's.
enum class endpoint { livez, healthz, readyz };

// The outcome of one check in one probe.
struct outcome {
  std::string name;
  std::optional<std::string> failure;  // nullopt: passed
  bool excluded = false;               // skipped by ?exclude=name (counts as passed)
};

// The checks of one process: registered by the process wiring, run by the health endpoints.
// Always contains "ping" (liveness, always passes) and "shutdown" (readyz only: fails once
// begin_shutdown() was called, so load balancers stop sending before the listener closes).
// Thread-safe.
class health_checks {
 public:
  health_checks();

  // Registers a check; a name registered again replaces the earlier check.
  void add(std::string name, scope s, check_fn fn);

  // From now on the "shutdown" check fails. Idempotent.
  void begin_shutdown();

  // Runs the checks of `which` in registration order, skipping (but listing) those named in
  // `exclude`.
  std::vector<outcome> run(endpoint which, const std::vector<std::string>& exclude = {}) const;

  // Runs the one check `name` if `which` includes it; nullopt when there is no such check.
  std::optional<outcome> run_one(endpoint which, const std::string& name) const;

 private:
  struct entry {
    std::string name;
    scope s;
    check_fn fn;
  };
  static bool includes(endpoint which, const entry& e);

  mutable std::mutex mutex_;  // guards entries_
  std::vector<entry> entries_;
  std::atomic<bool> shutting_down_{false};
};

}  // namespace kactor::health
