#include "cmd/kactor/shutdown_signal.hpp"

#include <doctest/doctest.h>

#include <signal.h>

#include <thread>

using namespace kactor::cmd;

TEST_CASE("a blocked SIGTERM sent to the process wakes wait()") {
  block_shutdown_signals();  // this test thread; doctest starts no other threads
  auto stop = shutdown_signal::create();
  REQUIRE(stop);
  ::kill(::getpid(), SIGTERM);  // pending until the signalfd reads it
  CHECK((*stop)->wait() == "SIGTERM");
  ::kill(::getpid(), SIGINT);
  CHECK((*stop)->wait() == "SIGINT");
}

TEST_CASE("request() from another thread wakes wait() with its reason; the first reason wins") {
  block_shutdown_signals();
  auto stop = shutdown_signal::create();
  REQUIRE(stop);
  std::thread t{[s = *stop] {
    s->request("bus failed for good");
    s->request("second");
  }};
  CHECK((*stop)->wait() == "bus failed for good");
  t.join();
}
