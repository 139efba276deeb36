#include "cmd/kactor/watchdog.hpp"

#include <doctest/doctest.h>

#include <future>

using namespace std::chrono_literals;
using kactor::cmd::watchdog;

TEST_CASE("an expired watchdog calls its function") {
  std::promise<void> fired;
  watchdog w{1ms, [&] { fired.set_value(); }};
  CHECK(fired.get_future().wait_for(30s) == std::future_status::ready);
}

TEST_CASE("a watchdog disarmed in time never calls its function") {
  bool fired = false;
  {
    watchdog w{1h, [&] { fired = true; }};
  }
  CHECK_FALSE(fired);
}
