#include "bench/etcd_kactor_target.hpp"

#include <fstream>
#include <stdexcept>

#include "actors/bus/subjects.hpp"
#include "bench/etcd_kactor_actors.hpp"
#include "kactor/bus.pb.h"
#include "storage/state/error.hpp"
#include "tests/support/mailbox.hpp"

namespace kactor::bench {

namespace {

using namespace std::chrono_literals;
namespace v1 = kactor::bus::v1;

// docs/bus.md asks for max_payload 8MB (events carry two objects); irrelevant for 1 KiB
// values but the configuration the role is meant to run with.
std::filesystem::path write_nats_config(const std::filesystem::path& dir) {
  auto path = dir / "nats.conf";
  std::ofstream(path) << "max_payload: 8MB\n";
  return path;
}

}  // namespace

kactor_target::kactor_target(const std::filesystem::path& dir) : dir_(dir) {}

result<std::unique_ptr<kactor_target>> kactor_target::start(const std::filesystem::path& dir) {
  auto target = std::make_unique<kactor_target>(dir);
  auto started = target->start_all();
  if (!started) return failure{started.error()};
  return target;
}

result<bool> kactor_target::start_all() {
  try {
    server_.emplace(std::vector<std::string>{"-c", write_nats_config(dir_).string()});
  } catch (const std::exception& e) {  // the test fixture reports by exception
    return failure{std::string("nats-server: ") + e.what()};
  }
  state::state_role_options options;
  options.data_dir = dir_ / "kactor-data";
  options.nats_url = server_->url();
  options.version = "bench";
  auto role = state::start_state_role(role_sys_, options);
  if (!role) return failure{"state role: " + state::describe(role.error())};
  role_.emplace(std::move(*role));
  self_.emplace(client_sys_);
  auto clients = connect("bench-clients", true);
  if (!clients) return failure{clients.error()};
  clients_ = *clients;
  auto watcher = connect("bench-watcher", false);
  if (!watcher) return failure{watcher.error()};
  watcher_ = *watcher;
  v1::StatusRequest status;
  auto reply = clients_->request_blocking(bus::subjects::state(bus::subjects::state_verb::status),
                                          status.SerializeAsString(), 10s);
  if (!reply) return failure{"state role: status: " + bus::describe(reply.error())};
  return true;
}

result<std::shared_ptr<bus::connection>> kactor_target::connect(const std::string& name,
                                                                bool low_latency) {
  bus::connection_options opts;
  opts.url = server_->url();
  opts.name = name;
  opts.low_latency = low_latency;
  auto conn = bus::connection::open(opts, caf::actor_cast<caf::actor>(*self_));
  if (!conn) return failure{"bus: " + bus::describe(conn.error())};
  if (kactor::testing::await_atom(*self_, bus::up_atom::value, 10s).empty())
    return failure{"bus: no connection to " + server_->url()};
  return *conn;
}

kactor_target::~kactor_target() {
  if (clients_) clients_->close();
  if (watcher_) watcher_->close();
  if (role_) role_->stop();
  self_.reset();
}

std::filesystem::path kactor_target::store_dir() const {
  return state::state_store_dir(dir_ / "kactor-data");
}

result<run_log> kactor_target::run(const load_spec& spec) {
  auto ctx = std::make_shared<put_context>(spec);
  std::shared_ptr<watch_context> watch;
  caf::actor watch_actor;
  std::optional<bus::subscription> subscription;
  if (spec.watch) {
    watch = std::make_shared<watch_context>();
    watch_actor = client_sys_.spawn(watch_recorder, watch);
    auto sub = watcher_->subscribe(bus::subjects::event_stream("", "configmaps"), watch_actor);
    if (!sub || watcher_->flush()) {
      caf::anon_send_exit(watch_actor, caf::exit_reason::user_shutdown);
      return failure{"bus: cannot subscribe the watcher"};
    }
    subscription.emplace(std::move(*sub));
  }
  std::vector<caf::actor> clients;
  for (int i = 0; i < spec.clients; ++i)
    clients.push_back(client_sys_.spawn(put_client, clients_, ctx, i));
  ctx->begin = bench_clock::now();
  ctx->deadline = ctx->begin + spec.duration;
  for (auto& client : clients)
    caf::anon_send(client, start_atom::value);
  bool finished = ctx->done.wait_until(ctx->begin + spec.duration + spec.put_timeout + 5s);
  run_log out;
  if (finished) {
    out.begin = ctx->begin;
    out.end = ctx->done.last_finish();
    out.clients = std::move(ctx->logs);
  }
  if (watch) {
    std::size_t acked = 0;
    for (const auto& client : out.clients)
      acked += client.puts.size();
    wait_for_count([&] { return watch->count.load(); }, acked, 5s);
    subscription->unsubscribe();  // returns after the last delivery to the actor
    bool synced = false;
    (*self_)
        ->request(watch_actor, 5s, sync_atom::value)
        .receive([&](bool) { synced = true; }, [&](const caf::error&) {});
    caf::anon_send_exit(watch_actor, caf::exit_reason::user_shutdown);
    if (!synced) return failure{"kactor: the watcher did not answer"};
    out.watch = std::move(watch->log);
  }
  if (!finished) return failure{"kactor: clients still busy long after the deadline"};
  return out;
}

}  // namespace kactor::bench
