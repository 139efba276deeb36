#include "cmd/kactor/state_host.hpp"

#include <doctest/doctest.h>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <fstream>

#include "actors/bus/connection.hpp"
#include "cmd/kactor/describe.hpp"
#include "storage/testing/temp_dir.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

using namespace std::chrono_literals;
using namespace kactor;

namespace {

using ready_atom = caf::atom_constant<caf::atom("t_ready")>;
using lost_atom = caf::atom_constant<caf::atom("t_lost")>;

}  // namespace

TEST_CASE("a hosted role serves, reports ready once, and stops without reporting a loss") {
  testing::nats_server server;
  storage::testing::temp_dir data;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor owner{sys};
  caf::scoped_actor self{sys};
  bus::connection_options opts;
  opts.url = server.url();
  auto conn = bus::connection::open(opts, caf::actor_cast<caf::actor>(owner));
  REQUIRE_MESSAGE(conn, bus::describe(conn.error()));
  auto log =
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  state::state_role_options options;
  options.data_dir = data.path();
  options.nats_url = server.url();
  options.store.initial_map_bytes = 1 << 20;
  caf::actor to = caf::actor_cast<caf::actor>(self);
  cmd::state_probe_callbacks callbacks{
      [to](std::uint64_t revision) { caf::anon_send(to, ready_atom::value, revision); },
      [to](const std::string& why) { caf::anon_send(to, lost_atom::value, why); }};
  auto health = std::make_shared<cmd::state_health>();
  cmd::state_probe_options fast;
  fast.retry_interval = 10ms;

  SUBCASE("serves") {
    auto host = cmd::state_host::start(sys, options, *conn, health, log, callbacks, fast);
    REQUIRE_MESSAGE(host, cmd::describe(host.error()));
    CHECK((*host)->epoch() > 0);
    REQUIRE(testing::starts_with(testing::await_atom(self, ready_atom::value), ready_atom::value));
    CHECK_FALSE(health->failure().has_value());
    CHECK((*host)->health() == health);
    CHECK(std::filesystem::exists(data.path() / "state" / "data.mdb"));
    (*host)->stop();
    (*host)->stop();                                  // idempotent
    CHECK(testing::next_message(self, 0ms).empty());  // no loss reported for a planned stop
  }
  SUBCASE("a corrupt store is a start error naming the file") {
    std::filesystem::create_directories(data.path() / "state");
    std::ofstream{data.path() / "state" / "data.mdb"} << "not an LMDB file, not at all";
    auto host = cmd::state_host::start(sys, options, *conn, health, log, callbacks, fast);
    REQUIRE_FALSE(host);
    auto text = cmd::describe(host.error());
    CHECK(text.starts_with("state: open " + (data.path() / "state").string()));
  }
  (*conn)->close();
}
