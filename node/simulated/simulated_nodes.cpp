#include "node/simulated/simulated_nodes.hpp"

#include <charconv>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/bus/events.hpp"
#include "actors/informer/informer.hpp"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "node/simulated/sim_identity.hpp"
#include "node/simulated/sim_node.hpp"

namespace kactor::node::simulated {

namespace {

struct hub_state {
  std::shared_ptr<const simulated_nodes_options> opts;
  std::shared_ptr<spdlog::logger> log;
  std::shared_ptr<bus::connection> events_conn;
  std::shared_ptr<bus::connection> rpc_conn;
  std::shared_ptr<apiclient::api_client> client;
  std::vector<caf::actor> nodes;      // by index
  std::vector<caf::actor> informers;  // pods, nodes
  int next_to_register = 0;
  int registered = 0;
};

using hub_ptr = std::shared_ptr<hub_state>;
using hub_start_atom = caf::atom_constant<caf::atom("sim_start")>;

// The index of a simulated node named `name` ("<prefix>-<i>", i < count), or -1.
int index_of(std::string_view name, const simulated_nodes_options& o) {
  if (name.size() <= o.prefix.size() + 1 || name.compare(0, o.prefix.size(), o.prefix) != 0 ||
      name[o.prefix.size()] != '-')
    return -1;
  auto digits = name.substr(o.prefix.size() + 1);
  if (digits.size() > 1 && digits[0] == '0') return -1;
  int i = -1;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
  if (ec != std::errc() || end != digits.data() + digits.size() || i < 0 || i >= o.count) return -1;
  return i;
}

void register_next(const hub_ptr& st) {
  if (st->next_to_register >= static_cast<int>(st->nodes.size())) return;
  caf::anon_send(st->nodes[st->next_to_register++], sim_register_atom::value);
}

caf::behavior hub(caf::event_based_actor* self, hub_ptr st) {
  self->set_exit_handler([self, st](caf::exit_msg& msg) {
    for (auto& a : st->informers)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    for (auto& a : st->nodes)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    if (st->events_conn) st->events_conn->close();
    if (st->rpc_conn) st->rpc_conn->close();
    self->quit(msg.reason);
  });
  auto forward = [st](auto atom, auto value) {
    for (auto& a : st->informers)
      caf::anon_send(a, atom, value);
  };
  return {
      [self, st](hub_start_atom) {
        sim_node_deps deps{st->opts, st->client, st->log, caf::actor_cast<caf::actor>(self)};
        for (int i = 0; i < st->opts->count; ++i)
          st->nodes.push_back(self->spawn<caf::linked>(sim_node, deps, i));
        // An informer that ends (its subscription failed) ends the hub: the supervisor
        // restarts the whole simulation.
        for (auto& a : st->informers)
          self->link_to(a);
        for (int i = 0; i < std::max(st->opts->registration_concurrency, 1); ++i)
          register_next(st);
      },
      [st](sim_registered_atom, int) {
        if (++st->registered == st->opts->count)
          st->log->info("{} simulated nodes registered", st->registered);
        register_next(st);
      },
      [st](informer::event_atom, informer::notification& n) {
        const std::string* node = nullptr;
        if (const auto* pod = n.object->as<k8s::core::v1::Pod>())
          node = &pod->spec().nodename();
        else if (const auto* nd = n.object->as<k8s::core::v1::Node>())
          node = &nd->metadata().name();
        if (!node) return;
        auto i = index_of(*node, *st->opts);
        if (i >= 0 && i < static_cast<int>(st->nodes.size()))
          caf::anon_send(st->nodes[i], informer::event_atom::value, std::move(n));
      },
      [forward](bus::up_atom, const std::string& s) { forward(bus::up_atom::value, s); },
      [forward](bus::down_atom, const std::string& s) { forward(bus::down_atom::value, s); },
      [forward](bus::slow_atom, const std::string& s) { forward(bus::slow_atom::value, s); },
      [](bus::closed_atom) {},
      [](bus::error_atom, const std::string&) {},
  };
}

}  // namespace

caf::expected<caf::actor> spawn_simulated_nodes(caf::actor_system& sys,
                                                simulated_nodes_options options,
                                                std::shared_ptr<spdlog::logger> log) {
  if (options.count < 1 || options.count > max_simulated_nodes || options.prefix.empty())
    return caf::make_error(caf::sec::invalid_argument, "simulated nodes: count must be 1.." +
                                                           std::to_string(max_simulated_nodes) +
                                                           " and the prefix not empty");
  auto st = std::make_shared<hub_state>();
  st->opts = std::make_shared<const simulated_nodes_options>(std::move(options));
  st->log = log ? std::move(log) : spdlog::default_logger();
  auto actor = sys.spawn(hub, st);
  bus::connection_options co;
  co.url = st->opts->nats_url;
  co.name = "kactor-simulated-" + st->opts->prefix;
  auto events = bus::connection::open(co, actor);
  co.low_latency = true;
  auto rpc = bus::connection::open(co, actor);
  if (!events || !rpc) {
    caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
    return events ? rpc.error() : events.error();
  }
  st->events_conn = *events;
  st->rpc_conn = *rpc;
  st->client = std::make_shared<apiclient::api_client>(sys, st->rpc_conn,
                                                       "kubelet/v1.32.0 kactor-simulated");
  auto opts = st->opts;
  for (const char* resource : {"pods", "nodes"}) {
    informer::informer_options io;
    io.resource = resource;
    if (std::string_view(resource) == "pods")
      io.filter = [opts](const informer::cached_object& o) {
        const auto* pod = o.as<k8s::core::v1::Pod>();
        return pod && index_of(pod->spec().nodename(), *opts) >= 0;
      };
    else
      io.filter = [opts](const informer::cached_object& o) {
        return index_of(o.key(), *opts) >= 0;
      };
    io.listeners = {actor};
    io.lean = true;
    auto inf = informer::spawn_informer(
        sys, io, {st->events_conn, st->rpc_conn, std::make_shared<informer::cache>(), st->log});
    if (!inf) {
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
      return inf.error();
    }
    st->informers.push_back(*inf);
  }
  caf::anon_send(actor, hub_start_atom::value);
  st->log->info("simulating {} nodes {}-0 .. {}-{}", st->opts->count, st->opts->prefix,
                st->opts->prefix, st->opts->count - 1);
  return actor;
}

}  // namespace kactor::node::simulated
