#include "actors/controllers/common/sync_loop.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

using namespace kactor;
using namespace kactor::controllers;
using namespace std::chrono_literals;

namespace {

using add_atom = caf::atom_constant<caf::atom("t_add")>;
using stats_atom = caf::atom_constant<caf::atom("t_stats")>;

struct test_state {
  std::unique_ptr<sync_loop> loop;
  std::vector<std::string> synced;  // keys in sync order
  int attempts = 0;
};

// A controller whose sync of "flaky" fails once (its API call answers 500), and whose sync of
// "slow" asks to run again after 20 ms once.
caf::behavior test_controller(caf::event_based_actor* self) {
  auto st = std::make_shared<test_state>();
  st->loop = std::make_unique<sync_loop>(
      self, "test", 1,
      [s = st.get()](sync_context& ctx) {
        s->synced.push_back(ctx.key());
        if (ctx.key() == "flaky" && s->attempts++ == 0) {
          ctx.call(
              [](auto done) {
                apiclient::api_reply r;
                r.status = 500;
                done(r);
              },
              [ctx](apiclient::api_reply& r) mutable {
                if (!r.ok()) ctx.fail(r.describe());
              });
        }
        if (ctx.key() == "slow" &&
            std::count(s->synced.begin(), s->synced.end(), std::string{"slow"}) == 1)
          ctx.requeue_after(20ms);
      },
      nullptr);
  return {
      [st](add_atom, const std::string& key) { st->loop->enqueue(key); },
      [st](stats_atom) { return st->synced; },
      [st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        st->loop->on_reply(tag, r);
      },
      [st](loop_tick_atom) { st->loop->on_tick(); },
  };
}

std::vector<std::string> wait_for(caf::scoped_actor& me, const caf::actor& a, std::size_t n) {
  std::vector<std::string> out;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
    me->request(a, 5s, stats_atom::value)
        .receive([&](const std::vector<std::string>& v) { out = v; }, [](caf::error&) {});
    if (out.size() < n) std::this_thread::sleep_for(5ms);
  }
  return out;
}

}  // namespace

TEST_CASE("sync_loop: a failed sync is retried with back-off, requeue_after runs it again") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto a = sys.spawn(test_controller);
  caf::scoped_actor me{sys};
  me->send(a, add_atom::value, std::string{"flaky"});
  auto order = wait_for(me, a, 2);
  CHECK(order == std::vector<std::string>{"flaky", "flaky"});
  me->send(a, add_atom::value, std::string{"slow"});
  order = wait_for(me, a, 4);
  CHECK(order == std::vector<std::string>{"flaky", "flaky", "slow", "slow"});
  me->send_exit(a, caf::exit_reason::user_shutdown);
}
