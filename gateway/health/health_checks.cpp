#include "gateway/health/health_checks.hpp"

#include <algorithm>

namespace kactor::health {

health_checks::health_checks() {
  add("ping", scope::liveness, [] { return std::optional<std::string>{}; });
  // A readiness check that /healthz skips: see includes().
  add("shutdown", scope::readiness, [this]() -> std::optional<std::string> {
    if (shutting_down_) return "process is shutting down";
    return std::nullopt;
  });
}

void health_checks::add(std::string name, scope s, check_fn fn) {
  std::lock_guard<std::mutex> guard{mutex_};
  for (auto& e : entries_)
    if (e.name == name) {
      e = entry{std::move(name), s, std::move(fn)};
      return;
    }
  entries_.push_back(entry{std::move(name), s, std::move(fn)});
}

void health_checks::begin_shutdown() {
  shutting_down_ = true;
}

bool health_checks::includes(endpoint which, const entry& e) {
  switch (which) {
    case endpoint::livez:
      return e.s == scope::liveness;
    case endpoint::healthz:
      return e.name != "shutdown";
    case endpoint::readyz:
      return true;
  }
  return false;
}

std::vector<outcome> health_checks::run(endpoint which,
                                        const std::vector<std::string>& exclude) const {
  std::vector<entry> selected;
  {
    std::lock_guard<std::mutex> guard{mutex_};  // copy, so checks run without the lock
    for (auto& e : entries_)
      if (includes(which, e)) selected.push_back(e);
  }
  std::vector<outcome> out;
  for (auto& e : selected) {
    if (std::find(exclude.begin(), exclude.end(), e.name) != exclude.end()) {
      out.push_back(outcome{e.name, std::nullopt, true});
      continue;
    }
    out.push_back(outcome{e.name, e.fn(), false});
  }
  return out;
}

std::optional<outcome> health_checks::run_one(endpoint which, const std::string& name) const {
  check_fn fn;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    auto it =
        std::find_if(entries_.begin(), entries_.end(), [&](auto& e) { return e.name == name; });
    if (it == entries_.end() || !includes(which, *it)) return std::nullopt;
    fn = it->fn;
  }
  return outcome{name, fn(), false};
}

}  // namespace kactor::health
