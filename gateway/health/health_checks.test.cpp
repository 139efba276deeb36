#include "gateway/health/health_checks.hpp"

#include <doctest/doctest.h>

using namespace kactor::health;

namespace {

std::vector<std::string> names(const std::vector<outcome>& results) {
  std::vector<std::string> out;
  for (auto& r : results)
    out.push_back(r.name);
  return out;
}

}  // namespace

TEST_CASE("each endpoint runs its checks: livez liveness, healthz all but shutdown, readyz all") {
  health_checks checks;
  checks.add("bus", scope::readiness, [] { return std::optional<std::string>{}; });
  checks.add("log", scope::liveness, [] { return std::optional<std::string>{}; });
  CHECK(names(checks.run(endpoint::livez)) == std::vector<std::string>{"ping", "log"});
  CHECK(names(checks.run(endpoint::healthz)) == std::vector<std::string>{"ping", "bus", "log"});
  CHECK(names(checks.run(endpoint::readyz)) ==
        std::vector<std::string>{"ping", "shutdown", "bus", "log"});
}

TEST_CASE("a failing check reports its reason; shutdown fails readyz only") {
  health_checks checks;
  bool up = false;
  checks.add("bus", scope::readiness, [&]() -> std::optional<std::string> {
    if (!up) return "not connected";
    return std::nullopt;
  });
  auto down = checks.run(endpoint::readyz);
  REQUIRE(down.size() == 3);
  CHECK(down[2].failure == "not connected");
  up = true;
  CHECK_FALSE(checks.run(endpoint::readyz)[2].failure.has_value());
  checks.begin_shutdown();
  CHECK(checks.run(endpoint::readyz)[1].failure == "process is shutting down");
  for (auto& r : checks.run(endpoint::healthz))
    CHECK_FALSE(r.failure.has_value());
}

TEST_CASE("exclude skips a check; run_one runs a single one; add replaces by name") {
  health_checks checks;
  checks.add("bus", scope::readiness, [] { return std::optional<std::string>{"down"}; });
  auto results = checks.run(endpoint::readyz, {"bus"});
  CHECK(results[2].excluded);
  CHECK_FALSE(results[2].failure.has_value());
  CHECK(checks.run_one(endpoint::readyz, "bus")->failure == "down");
  CHECK_FALSE(checks.run_one(endpoint::livez, "bus").has_value());
  CHECK_FALSE(checks.run_one(endpoint::readyz, "nope").has_value());
  checks.add("bus", scope::readiness, [] { return std::optional<std::string>{}; });
  CHECK(checks.run(endpoint::readyz).size() == 3);
  CHECK_FALSE(checks.run_one(endpoint::readyz, "bus")->failure.has_value());
}
