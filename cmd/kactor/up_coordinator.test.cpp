#include "cmd/kactor/up_coordinator.hpp"

#include <doctest/doctest.h>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <sstream>

#include "actors/bus/events.hpp"
#include "actors/supervision/process_supervisor.hpp"

using namespace std::chrono_literals;
using namespace kactor;

TEST_CASE("the ready line is announced once: bus up, state role serving, API listening") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto out = std::make_shared<std::ostringstream>();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*out);
  auto log = std::make_shared<spdlog::logger>("up", sink);
  cmd::up_endpoints endpoints{"127.0.0.1:6443", "nats://127.0.0.1:4222", "/var/lib/kactor"};
  caf::actor probe = self;
  auto coordinator = cmd::spawn_up_coordinator(
      sys, endpoints, log, [probe](const std::string& line) { caf::anon_send(probe, line); });
  self->send(coordinator, bus::down_atom::value, std::string{"connection refused"});
  self->send(coordinator, bus::up_atom::value, std::string{"nats://127.0.0.1:4222"});
  self->send(coordinator, bus::down_atom::value, std::string{"connection lost"});
  self->send(coordinator, bus::up_atom::value, std::string{"nats://127.0.0.1:4222"});
  self->send(coordinator, supervision::started_atom::value, std::string{"nats-server"},
             std::int32_t{42}, std::uint64_t{1});
  // The bus alone is not enough: the state role has not answered yet.
  self->request(coordinator, 30s, cmd::up_status_atom::value)
      .receive([](bool was_announced, std::uint64_t) { CHECK_FALSE(was_announced); },
               [](caf::error& err) { FAIL(caf::to_string(err)); });
  self->send(coordinator, cmd::state_ready_atom::value, std::uint64_t{7});
  // Nor bus plus state: the API listener is not up yet.
  self->request(coordinator, 30s, cmd::up_status_atom::value)
      .receive([](bool was_announced, std::uint64_t) { CHECK_FALSE(was_announced); },
               [](caf::error& err) { FAIL(caf::to_string(err)); });
  self->send(coordinator, cmd::http_ready_atom::value, std::string{"127.0.0.1:6443"});
  std::vector<std::string> announced;
  self->receive([&](const std::string& line) { announced.push_back(line); },
                caf::after(30s) >> [] { FAIL("no ready line"); });
  CHECK(announced == std::vector<std::string>{"kactor up: ready (http 127.0.0.1:6443, bus "
                                              "nats://127.0.0.1:4222, data dir /var/lib/kactor)"});
  // The status round trip comes after every event above: any second announce is queued by now.
  self->request(coordinator, 30s, cmd::up_status_atom::value)
      .receive(
          [](bool was_announced, std::uint64_t losses) {
            CHECK(was_announced);
            CHECK(losses == 1);
          },
          [](caf::error& err) { FAIL(caf::to_string(err)); });
  self->receive([&](const std::string& line) { announced.push_back(line); },
                caf::after(0s) >> [] {});
  CHECK(announced.size() == 1);
  self->send(coordinator, cmd::shutdown_atom::value);
  self->send(coordinator, bus::down_atom::value, std::string{"closing"});
  self->request(coordinator, 30s, cmd::up_status_atom::value)
      .receive([](bool, std::uint64_t losses) { CHECK(losses == 1); },
               [](caf::error& err) { FAIL(caf::to_string(err)); });
  caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
  auto text = out->str();
  CHECK(text.find("waiting for the bus (connection refused)") != std::string::npos);
  CHECK(text.find("bus down (connection lost); reconnecting (loss #1)") != std::string::npos);
  CHECK(text.find("nats-server restarted (pid 42, restart #1)") != std::string::npos);
  CHECK(text.find("the state role serves (revision 7)") != std::string::npos);
}

TEST_CASE("a state role answering before the bus event waits for it") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto log =
      std::make_shared<spdlog::logger>("up", std::make_shared<spdlog::sinks::null_sink_mt>());
  caf::actor probe = self;
  auto coordinator = cmd::spawn_up_coordinator(
      sys, cmd::up_endpoints{"127.0.0.1:1", "nats://127.0.0.1:2", "/d"}, log,
      [probe](const std::string& line) { caf::anon_send(probe, line); });
  self->send(coordinator, cmd::state_ready_atom::value, std::uint64_t{1});
  self->send(coordinator, cmd::http_ready_atom::value, std::string{"127.0.0.1:1"});
  self->request(coordinator, 30s, cmd::up_status_atom::value)
      .receive([](bool was_announced, std::uint64_t) { CHECK_FALSE(was_announced); },
               [](caf::error& err) { FAIL(caf::to_string(err)); });
  self->send(coordinator, bus::up_atom::value, std::string{"nats://127.0.0.1:2"});
  self->receive([](const std::string& line) { CHECK(line.find("ready") != std::string::npos); },
                caf::after(30s) >> [] { FAIL("no ready line"); });
  caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
}
