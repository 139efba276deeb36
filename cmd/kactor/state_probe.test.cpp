#include "cmd/kactor/state_probe.hpp"

#include <doctest/doctest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <sstream>
#include <thread>

#include "actors/bus/connection.hpp"
#include "storage/state/error.hpp"
#include "storage/state/state_role.hpp"
#include "storage/testing/temp_dir.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

using namespace std::chrono_literals;
using namespace kactor;

namespace {

using ready_atom = caf::atom_constant<caf::atom("t_ready")>;
using lost_atom = caf::atom_constant<caf::atom("t_lost")>;

struct probe_fixture {
  testing::nats_server server;
  storage::testing::temp_dir data;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor owner{sys};  // connection events
  caf::scoped_actor self{sys};   // callbacks
  std::shared_ptr<bus::connection> conn;
  std::shared_ptr<std::ostringstream> log_text = std::make_shared<std::ostringstream>();
  std::shared_ptr<spdlog::logger> log = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_text));

  probe_fixture() {
    bus::connection_options opts;
    opts.url = server.url();
    auto opened = bus::connection::open(opts, caf::actor_cast<caf::actor>(owner));
    REQUIRE_MESSAGE(opened, bus::describe(opened.error()));
    conn = *opened;
  }
  ~probe_fixture() { conn->close(); }

  state::state_role_options role_options() const {
    state::state_role_options o;
    o.data_dir = data.path();
    o.nats_url = server.url();
    o.store.initial_map_bytes = 1 << 20;
    return o;
  }

  // Callbacks that report to `self`.
  cmd::state_probe_callbacks callbacks() {
    caf::actor to = caf::actor_cast<caf::actor>(self);
    return {[to](std::uint64_t revision) { caf::anon_send(to, ready_atom::value, revision); },
            [to](const std::string& why) { caf::anon_send(to, lost_atom::value, why); }};
  }

  cmd::state_probe_options fast() const {
    cmd::state_probe_options o;
    o.interval = 20ms;
    o.retry_interval = 10ms;
    return o;
  }

  // Polls `health` until `pred` holds (bounded: the probe updates it every few ms).
  template <class Pred>
  bool eventually(Pred pred) {
    auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }

  void stop(caf::actor probe) {
    self->send_exit(probe, caf::exit_reason::user_shutdown);
    self->wait_for(probe);
  }
};

}  // namespace

TEST_CASE_FIXTURE(probe_fixture, "no answer without a role; ready at the first answer") {
  auto health = std::make_shared<cmd::state_health>();
  CHECK(health->failure() == "the state role has not answered yet");
  caf::scoped_actor placeholder{sys};  // stands in for the state actor until the role runs
  auto probe = cmd::spawn_state_probe(sys, conn, caf::actor_cast<caf::actor>(placeholder), health,
                                      log, callbacks(), fast());
  REQUIRE(eventually([&] {
    auto why = health->failure();
    return why && why->find("no responders") != std::string::npos;
  }));
  CHECK(testing::next_message(self, 0ms).empty());  // not ready

  auto role = state::start_state_role(sys, role_options());
  REQUIRE_MESSAGE(role, state::describe(role.error()));
  auto ready = testing::await_atom(self, ready_atom::value);
  REQUIRE(testing::starts_with(ready, ready_atom::value));
  CHECK(ready.get_as<std::uint64_t>(1) >= 1);
  CHECK_FALSE(health->failure().has_value());
  CHECK(health->revision() == ready.get_as<std::uint64_t>(1));
  stop(probe);
  role->stop();
}

TEST_CASE_FIXTURE(probe_fixture, "the end of the state actor is reported once, as lost") {
  auto role = state::start_state_role(sys, role_options());
  REQUIRE_MESSAGE(role, state::describe(role.error()));
  auto health = std::make_shared<cmd::state_health>();
  auto probe = cmd::spawn_state_probe(sys, conn, role->actor(), health, log, callbacks(), fast());
  REQUIRE(testing::starts_with(testing::await_atom(self, ready_atom::value), ready_atom::value));
  role->stop();
  auto lost = testing::await_atom(self, lost_atom::value);
  REQUIRE(testing::starts_with(lost, lost_atom::value));
  CHECK(lost.get_as<std::string>(1).starts_with("the state actor stopped: "));
  REQUIRE(health->failure().has_value());
  CHECK(health->failure()->starts_with("the state actor stopped: "));
  stop(probe);
  CHECK(testing::next_message(self, 0ms).empty());  // once
}

TEST_CASE_FIXTURE(probe_fixture, "an answering role that stops answering is logged, and back") {
  auto role = state::start_state_role(sys, role_options());
  REQUIRE_MESSAGE(role, state::describe(role.error()));
  auto health = std::make_shared<cmd::state_health>();
  caf::scoped_actor placeholder{sys};  // not the role's actor: its stop is not a loss here
  auto probe = cmd::spawn_state_probe(sys, conn, caf::actor_cast<caf::actor>(placeholder), health,
                                      log, callbacks(), fast());
  REQUIRE(testing::starts_with(testing::await_atom(self, ready_atom::value), ready_atom::value));
  role->stop();
  REQUIRE(eventually([&] { return health->failure().has_value(); }));
  CHECK(health->failure()->starts_with("status: "));
  role = state::start_state_role(sys, role_options());
  REQUIRE_MESSAGE(role, state::describe(role.error()));
  REQUIRE(eventually([&] { return !health->failure().has_value(); }));
  stop(probe);
  role->stop();
  auto text = log_text->str();
  CHECK(text.find("the state role does not answer: status: ") != std::string::npos);
  CHECK(text.find("the state role answers again") != std::string::npos);
  CHECK(testing::next_message(self, 0ms).empty());  // ready only once
}
