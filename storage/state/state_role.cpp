#include "storage/state/state_role.hpp"

#include <spdlog/spdlog.h>

#include <vector>

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "storage/committer.hpp"
#include "storage/state/error.hpp"
#include "storage/state/keys.hpp"
#include "storage/state/reader.hpp"
#include "storage/state/state_actor.hpp"
#include "storage/state/state_verbs.hpp"
#include "storage/store.hpp"

namespace kactor::state {

namespace {

// Logs the connection events of the role's two connections.
caf::behavior bus_logger(caf::event_based_actor*) {
  return {
      [](bus::up_atom, const std::string& url) { spdlog::info("state: bus connected to {}", url); },
      [](bus::down_atom, const std::string& reason) {
        spdlog::warn("state: bus down: {}", reason);
      },
      [](bus::slow_atom, const std::string& subject) {
        spdlog::warn("state: bus dropped messages for {}", subject);
      },
      [](bus::error_atom, const std::string& message) {
        spdlog::warn("state: bus error: {}", message);
      },
      [](bus::closed_atom) {},
  };
}

caf::error check(const state_role_options& options) {
  auto bad = [](std::string what) { return make_error(errc::invalid_options, "state: " + what); };
  if (options.data_dir.empty()) return bad("the data directory is required");
  if (options.readers == 0) return bad("readers must be at least 1");
  if (options.bookmark_interval.count() <= 0 || options.bookmark_all_interval.count() <= 0)
    return bad("bookmark intervals must be positive");
  if (options.drain_timeout.count() <= 0) return bad("drain_timeout must be positive");
  return {};
}

std::uint64_t start_epoch() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(now).count());
}

}  // namespace

std::filesystem::path state_store_dir(const std::filesystem::path& data_dir) {
  return data_dir / "state";
}

struct state_role::impl {
  caf::actor_system* sys = nullptr;
  std::chrono::milliseconds drain_timeout{};
  std::uint64_t epoch = 0;
  std::unique_ptr<storage::store> db;
  std::unique_ptr<storage::committer> writer;
  std::unique_ptr<key_space> keys;
  std::shared_ptr<query_service> queries;
  caf::actor logger;
  std::shared_ptr<bus::connection> rpc;
  std::shared_ptr<bus::connection> events;
  caf::actor actor;
  std::vector<caf::actor> readers;
  std::vector<bus::subscription> subscriptions;
  bool stopped = false;

  caf::error connect(const state_role_options& options);
  caf::error subscribe();
  void stop();
};

caf::error state_role::impl::connect(const state_role_options& options) {
  logger = sys->spawn(bus_logger);
  bus::connection_options rpc_options;
  rpc_options.url = options.nats_url;
  rpc_options.name = "kactor-state-rpc";
  rpc_options.low_latency = true;
  auto opened = bus::connection::open(rpc_options, logger);
  if (!opened) return make_error(errc::bus, "state: " + bus::describe(opened.error()));
  rpc = std::move(*opened);
  auto event_options = rpc_options;
  event_options.name = "kactor-state-events";
  event_options.low_latency = false;
  opened = bus::connection::open(event_options, logger);
  if (!opened) return make_error(errc::bus, "state: " + bus::describe(opened.error()));
  events = std::move(*opened);
  return {};
}

caf::error state_role::impl::subscribe() {
  bus::subscribe_options group;
  group.queue_group = std::string(verbs::queue_group);
  auto add = [&](std::string_view verb, const caf::actor& target) -> caf::error {
    auto sub = rpc->subscribe(verbs::subject(verb), target, group);
    if (!sub) return make_error(errc::bus, "state: " + bus::describe(sub.error()));
    subscriptions.push_back(std::move(*sub));
    return {};
  };
  for (auto verb : verbs::write_verbs)
    if (auto err = add(verb, actor)) return err;
  for (const auto& reader : readers)
    for (auto verb : verbs::read_verbs)
      if (auto err = add(verb, reader)) return err;
  // Once the server answers a round trip it has registered every subscription.
  if (auto err = rpc->flush(std::chrono::seconds(2)))
    spdlog::info("state: the bus is not reachable yet ({}); serving once it is",
                 bus::describe(err));
  return {};
}

void state_role::impl::stop() {
  if (stopped) return;
  stopped = true;
  subscriptions.clear();
  if (writer) writer->stop();  // commits what is queued; the outcomes go to the actor
  caf::scoped_actor self{*sys};
  if (actor) {
    self->request(actor, drain_timeout, drain_atom::value)
        .receive([](drain_atom) {},
                 [](const caf::error& err) {
                   spdlog::warn("state: the actor did not drain: {}", caf::to_string(err));
                 });
  }
  if (events) events->flush(std::chrono::seconds(1));
  std::vector<caf::actor> actors = readers;
  if (actor) actors.push_back(actor);
  for (const auto& a : actors)
    self->send_exit(a, caf::exit_reason::user_shutdown);
  self->wait_for(actors);
  // The logger goes first: closing a connection reports it down, which is no news here.
  if (logger) self->send_exit(logger, caf::exit_reason::user_shutdown);
  if (rpc) rpc->close();
  if (events) events->close();
  writer.reset();
  queries.reset();
  db.reset();
  spdlog::info("state: stopped");
}

state_role::state_role(std::unique_ptr<impl> x) : impl_(std::move(x)) {}
state_role::state_role(state_role&&) noexcept = default;
state_role& state_role::operator=(state_role&& other) noexcept {
  if (this != &other) {
    stop();
    impl_ = std::move(other.impl_);
  }
  return *this;
}
state_role::~state_role() {
  stop();
}

void state_role::stop() {
  if (impl_) impl_->stop();
}

std::uint64_t state_role::epoch() const {
  return impl_ ? impl_->epoch : 0;
}

caf::actor state_role::actor() const {
  return impl_ ? impl_->actor : caf::actor{};
}

caf::expected<state_role> start_state_role(caf::actor_system& sys,
                                           const state_role_options& options) {
  if (auto err = check(options)) return err;
  auto x = std::make_unique<state_role::impl>();
  x->sys = &sys;
  x->drain_timeout = options.drain_timeout;
  x->epoch = options.epoch != 0 ? options.epoch : start_epoch();

  auto store_options = options.store;
  store_options.data_dir = state_store_dir(options.data_dir);
  auto opened = storage::store::open(store_options);
  if (!opened)
    return make_error(errc::store, "state: open " + store_options.data_dir.string() + ": " +
                                       storage::describe(opened.error()));
  x->db = std::move(*opened);
  x->writer = std::make_unique<storage::committer>(*x->db, options.committer);
  x->keys = std::make_unique<key_space>(messages::registry::generated());
  auto queries = options.queries;
  queries.version = options.version;
  queries.epoch = x->epoch;
  x->queries = std::make_shared<query_service>(*x->db, *x->keys, queries);

  auto& r = *x;
  state_role role(std::move(x));
  if (auto err = r.connect(options)) return err;
  for (std::size_t i = 0; i < options.readers; ++i)
    r.readers.push_back(spawn_reader(sys, r.queries, r.rpc));
  state_actor_options actor_options{r.epoch, options.bookmark_interval,
                                    options.bookmark_all_interval};
  r.actor = spawn_state_actor(
      sys, {r.db.get(), r.writer.get(), r.keys.get(), r.rpc, r.events, actor_options});
  if (auto err = r.subscribe()) return err;
  spdlog::info("state: serving {} on {} (epoch {})", store_options.data_dir.string(),
               options.nats_url, r.epoch);
  return role;
}

}  // namespace kactor::state
