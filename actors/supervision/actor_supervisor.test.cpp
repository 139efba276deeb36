#include "actors/supervision/actor_supervisor.hpp"

#include <doctest/doctest.h>

#include <caf/all.hpp>
#include <thread>

using namespace std::chrono_literals;
using namespace kactor::supervision;

namespace {

using crash_atom = caf::atom_constant<caf::atom("t_crash")>;
using done_atom = caf::atom_constant<caf::atom("t_done")>;
using ping_atom = caf::atom_constant<caf::atom("t_ping")>;

// A child that answers pings, fails on crash_atom and ends normally on done_atom.
caf::behavior worker(caf::event_based_actor* self) {
  return {
      [](ping_atom) { return ping_atom::value; },
      [=](crash_atom) { self->quit(caf::sec::runtime_error); },
      [=](done_atom) { self->quit(); },
  };
}

struct fixture {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  caf::actor sup;

  fixture() {
    actor_spec spec{
        "worker", [](caf::actor_system& s) { return s.spawn(worker); }, {10ms, 40ms, 10s}};
    sup = spawn_actor_supervisor(sys, "test", {spec}, nullptr, self);
  }
  ~fixture() { caf::anon_send_exit(sup, caf::exit_reason::user_shutdown); }

  caf::actor which() {
    caf::actor out;
    self->request(sup, 30s, which_atom::value, std::string{"worker"})
        .receive([&](caf::actor& a) { out = a; }, [](caf::error& e) { FAIL(caf::to_string(e)); });
    return out;
  }

  bool pings(const caf::actor& a) {
    bool ok = false;
    self->request(a, 30s, ping_atom::value)
        .receive([&](ping_atom) { ok = true; }, [](caf::error&) {});
    return ok;
  }
};

}  // namespace

TEST_CASE("a failed child is restarted, counted, and reachable through which_atom") {
  fixture f;
  auto first = f.which();
  REQUIRE(first);
  CHECK(f.pings(first));
  for (std::uint64_t n = 1; n <= 3; ++n) {
    f.self->send(f.which(), crash_atom::value);
    f.self->receive(
        [&](restarted_atom, const std::string& name, std::uint64_t restarts,
            const std::string& reason) {
          CHECK(name == "worker");
          CHECK(restarts == n);
          CHECK(reason.find("runtime_error") != std::string::npos);
        },
        caf::after(30s) >> [] { FAIL("no restart within 30 s"); });
  }
  auto current = f.which();
  CHECK(current != first);
  CHECK(f.pings(current));
}

TEST_CASE("a child that ends normally is not restarted") {
  fixture f;
  auto child = f.which();
  f.self->monitor(child);
  f.self->send(child, done_atom::value);
  f.self->receive([](const caf::down_msg&) {},
                  caf::after(30s) >> [] { FAIL("child did not end"); });
  // The link's exit message may reach the supervisor after our down_msg reached us: ask until
  // it has processed it (bounded).
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (f.which() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  CHECK_FALSE(f.which());
  f.self->receive([](restarted_atom, const std::string&, std::uint64_t,
                     const std::string&) { FAIL("restarted"); },
                  caf::after(100ms) >> [] {});
}

TEST_CASE("when the supervisor ends, its children end with it") {
  fixture f;
  auto child = f.which();
  f.self->monitor(child);
  caf::anon_send_exit(f.sup, caf::exit_reason::user_shutdown);
  f.self->receive(
      [](const caf::down_msg& down) { CHECK(down.reason == caf::exit_reason::user_shutdown); },
      caf::after(30s) >> [] { FAIL("child survived its supervisor"); });
}
