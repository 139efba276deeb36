#include "node/agent/kubelet.hpp"

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/bus/events.hpp"
#include "actors/bus/subjects.hpp"
#include "actors/informer/informer.hpp"
#include "node/agent/kubelet_http.hpp"
#include "node/agent/kubelet_state.hpp"
#include "node/agent/node_status.hpp"
#include "node/podio/pod_io_server.hpp"
#include "node/runtime/container_config.hpp"
#include "node/staticpods/static_pods.hpp"

namespace kactor::node::agent {

namespace {

using k8s::core::v1::Pod;
constexpr std::uint64_t node_create_tag = 1;
constexpr std::uint64_t node_get_tag = 2;
constexpr auto pod_tick = std::chrono::milliseconds(500);
using informer_ready_atom = caf::atom_constant<caf::atom("kl_inf")>;
using start_atom = caf::atom_constant<caf::atom("kl_start")>;

// Posts the Node's status and renews its Lease (creating it the first time).
void post_node(const state_ptr& st) {
  auto node = make_node(st->opts.node_name, st->opts.node_ip, read_machine(), messages::now(),
                        st->http_port);
  auto log = st->log;
  st->client->update_status(node, [log](apiclient::api_reply r) {
    if (!r.ok()) log->warn("node status: {}", r.describe());
  });
  auto lease = make_lease(st->opts.node_name, st->node_uid, st->opts.lease_duration_seconds,
                          messages::now());
  st->client->update(lease, [st, lease](apiclient::api_reply r) {
    if (r.not_found()) st->client->create(lease, [](apiclient::api_reply) {});
  });
}

// Matches the runtime's records with the pods bound here: sandboxes of known pods are kept
// with their containers; the others are stopped and removed.
void adopt(caf::event_based_actor* self, const state_ptr& st) {
  for (auto& sb : st->rt->list_pod_sandboxes()) {
    auto it = st->pods.find(sb.config.uid);
    if (it == st->pods.end()) {
      st->log->info("removing sandbox {} of a pod no longer bound here", sb.id);
      run_job(self, [rt = st->rt, id = sb.id] {
        (void)rt->remove_pod_sandbox(id);
        return job_outcome{job_outcome::kind::adopt};
      });
      continue;
    }
    auto& r = it->second;
    r.sandbox = sb.id;
    r.sandbox_ready = sb.state == runtime::sandbox_state::ready;
    for (auto& c : st->rt->list_containers()) {
      if (c.sandbox != sb.id) continue;
      for (auto* list : {&r.init, &r.app})
        for (auto& rec : *list)
          if (rec.name == c.name && (!rec.current || c.attempt >= rec.attempt)) {
            rec.current = c;
            rec.id = c.id;
            rec.attempt = c.attempt;
            rec.restart_count = static_cast<int>(c.attempt);
            rec.ready = true;
            rec.started = true;
          }
    }
    st->log->info("re-adopted pod {}/{}", r.pod.metadata().namespace_(), r.pod.metadata().name());
  }
  st->adopted = true;
  for (auto& [uid, r] : st->pods)
    sync_pod(self, st, uid);
}

caf::behavior kubelet_actor(caf::event_based_actor* self, state_ptr st) {
  self->set_exit_handler([self, st](caf::exit_msg& msg) {
    for (auto& child : st->children)
      caf::anon_send_exit(child, caf::exit_reason::user_shutdown);
    if (st->http) st->http->stop();
    st->rt->on_container_exit(nullptr);
    if (st->events_conn) st->events_conn->close();
    if (st->rpc_conn) st->rpc_conn->close();
    self->quit(msg.reason);
  });
  return {
      // Sent by spawn_kubelet once the connections, client and informer exist.
      [self, st](start_atom) {
        auto me = caf::actor_cast<caf::actor>(self);
        st->rt->on_container_exit(
            [me](const runtime::container_id& id) { caf::anon_send(me, exited_atom::value, id); });
        auto node = make_node(st->opts.node_name, st->opts.node_ip, read_machine(), messages::now(),
                              st->http_port);
        st->client->create(node, apiclient::reply_to(me, node_create_tag));
        self->send(self, tick_atom::value);
      },
      [self, st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        if (tag == node_create_tag && r.already_exists()) {
          st->client->get({"", "nodes", "", st->opts.node_name},
                          apiclient::reply_to(caf::actor_cast<caf::actor>(self), node_get_tag));
          return;
        }
        if (auto* n = dynamic_cast<k8s::core::v1::Node*>(r.object.get())) {
          st->node_uid = n->metadata().uid();
          st->log->info("node {} registered", st->opts.node_name);
          post_node(st);
          self->send(self, node_tick_atom::value);
        } else if (!r.ok()) {
          st->log->warn("node registration: {}; retrying", r.describe());
          self->delayed_send(self, std::chrono::seconds(1), node_tick_atom::value);
        }
      },
      [self, st](node_tick_atom) {
        if (st->node_uid.empty()) {
          auto node = make_node(st->opts.node_name, st->opts.node_ip, read_machine(),
                                messages::now(), st->http_port);
          st->client->create(
              node, apiclient::reply_to(caf::actor_cast<caf::actor>(self), node_create_tag));
          return;
        }
        post_node(st);
        self->delayed_send(self, st->opts.node_status_update_frequency, node_tick_atom::value);
      },
      [self, st](informer::event_atom, informer::notification& n) {
        const auto* pod = n.object->as<Pod>();
        if (pod) on_pod_change(self, st, *pod, n.type == informer::change_type::deleted);
      },
      [self, st](informer_ready_atom, caf::actor inf) {
        // Adopt once the first list is applied (its notifications came before this answer).
        self->request(inf, caf::infinite, informer::wait_synced_atom::value)
            .then([self, st](informer::synced_atom, std::uint64_t) {
              if (!st->adopted) adopt(self, st);
            });
      },
      [self, st](job_done_atom, job_outcome& out) { on_job_done(self, st, out); },
      [self, st](exited_atom, const std::string& id) { on_container_exit(self, st, id); },
      [self, st](tick_atom) {
        if (st->adopted) tick_pods(self, st);
        self->delayed_send(self, pod_tick, tick_atom::value);
      },
      [st](bus::up_atom, const std::string&) {
        for (auto& c : st->informers)
          caf::anon_send(c, bus::up_atom::value, std::string());
      },
      [st](bus::down_atom, const std::string& why) {
        for (auto& c : st->informers)
          caf::anon_send(c, bus::down_atom::value, why);
      },
      [st](bus::slow_atom, const std::string& subject) {
        for (auto& c : st->informers)
          caf::anon_send(c, bus::slow_atom::value, subject);
      },
      [](bus::closed_atom) {},
      [](bus::error_atom, const std::string&) {},
  };
}

}  // namespace

caf::expected<caf::actor> spawn_kubelet(caf::actor_system& sys, kubelet_options options,
                                        std::shared_ptr<spdlog::logger> log) {
  if (options.node_name.empty() || options.root_dir.empty())
    return caf::make_error(caf::sec::invalid_argument, "kubelet: node name and root dir required");
  auto st = std::make_shared<kubelet_state>();
  st->opts = std::move(options);
  st->log = log ? std::move(log) : spdlog::default_logger();
  st->log_root = st->opts.root_dir / "pods";
  runtime::process_runtime_config rc;
  rc.state_dir = (st->opts.root_dir / "runtime").string();
  rc.use_cgroups = st->opts.use_cgroups;
  auto rt = runtime::process_runtime::create(rc);
  if (!rt)
    return caf::make_error(caf::sec::invalid_argument, "kubelet runtime: " + rt.error().message);
  st->rt = std::shared_ptr<runtime::process_runtime>(std::move(*rt));
  st->pod_cache = std::make_shared<informer::cache>();
  auto kubelet = sys.spawn(kubelet_actor, st);
  bus::connection_options co;
  co.url = st->opts.nats_url;
  co.name = "kactor-kubelet-" + st->opts.node_name;
  auto events = bus::connection::open(co, kubelet);
  co.low_latency = true;
  auto rpc = bus::connection::open(co, kubelet);
  if (!events || !rpc) {
    caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown);
    return events ? rpc.error() : events.error();
  }
  st->events_conn = *events;
  st->rpc_conn = *rpc;
  st->client = std::make_shared<apiclient::api_client>(sys, st->rpc_conn, "kubelet/v1.32.0 kactor");
  st->events =
      std::make_shared<apiclient::event_recorder>(st->client, "kubelet", st->opts.node_name);
  informer::informer_options io;
  io.resource = "pods";
  // Only this node's pods reach the kubelet: the node-scoped stream (docs/bus.md).
  io.stream_subject = bus::subjects::node_pod_stream(st->opts.node_name);
  io.filter = [node = st->opts.node_name](const informer::cached_object& o) {
    const auto* pod = o.as<Pod>();
    return pod && pod->spec().nodename() == node;
  };
  io.listeners = {kubelet};
  io.lean = true;
  auto inf =
      informer::spawn_informer(sys, io, {st->events_conn, st->rpc_conn, st->pod_cache, st->log});
  if (!inf) {
    caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown);
    return inf.error();
  }
  st->children.push_back(*inf);
  st->informers.push_back(*inf);
  // ConfigMaps, Secrets and Services for environments, read from caches.
  std::map<std::string, std::shared_ptr<informer::cache>> caches;
  for (const char* resource : {"configmaps", "secrets", "services"}) {
    auto cache = std::make_shared<informer::cache>();
    informer::informer_options ro;
    ro.resource = resource;
    ro.lean = true;
    auto a = informer::spawn_informer(sys, ro, {st->events_conn, st->rpc_conn, cache, st->log});
    if (!a) {
      caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown);
      return a.error();
    }
    st->children.push_back(*a);
    st->informers.push_back(*a);
    caches[resource] = cache;
  }
  st->env.config_map = [c = caches["configmaps"]](const std::string& ns, const std::string& name) {
    return c->current()->get_as<k8s::core::v1::ConfigMap>(ns + "/" + name);
  };
  st->env.secret = [c = caches["secrets"]](const std::string& ns, const std::string& name) {
    return c->current()->get_as<k8s::core::v1::Secret>(ns + "/" + name);
  };
  st->env.services = [c = caches["services"]](const std::string& ns) {
    std::vector<std::shared_ptr<const k8s::core::v1::Service>> out;
    for (const auto& obj : c->current()->list(ns))
      if (const auto* svc = obj->as<k8s::core::v1::Service>()) out.emplace_back(obj, svc);
    return out;
  };
  config::http_config hc;
  hc.bind_address = st->opts.http_address;
  hc.port = st->opts.http_port;
  auto server =
      http::http_server::start(hc, kubelet_routes({st->opts.node_name, st->pod_cache, st->rt}));
  if (!server) {
    caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown);
    return server.error();
  }
  st->http = std::move(*server);
  st->http_port = st->http->port();
  st->log->info("kubelet http endpoint on {}:{}", st->http->address(), st->http_port);
  caf::anon_send(kubelet, start_atom::value);
  caf::anon_send(kubelet, informer_ready_atom::value, *inf);
  auto pio = podio::spawn_pod_io_server(sys, {st->opts.node_name, st->log_root}, st->rpc_conn,
                                        st->rt, st->log);
  if (pio) st->children.push_back(*pio);
  if (!st->opts.pod_manifest_path.empty() || !st->opts.manifest_url.empty()) {
    staticpods::static_pods_options so;
    so.node_name = st->opts.node_name;
    so.manifest_path = st->opts.pod_manifest_path;
    so.file_check_frequency = st->opts.file_check_frequency;
    so.manifest_url = st->opts.manifest_url;
    so.http_check_frequency = st->opts.http_check_frequency;
    st->children.push_back(staticpods::spawn_static_pods(sys, so, st->client, st->log));
  }
  return kubelet;
}

}  // namespace kactor::node::agent
