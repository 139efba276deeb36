#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/apiclient/event_recorder.hpp"
#include "actors/bus/connection.hpp"
#include "actors/informer/snapshot.hpp"
#include "gateway/http/server.hpp"
#include "node/agent/container_env.hpp"
#include "node/agent/kubelet.hpp"
#include "node/agent/pod_state.hpp"
#include "node/runtime/process_runtime.hpp"

// The kubelet actor's state and messages, shared by its files: kubelet.cpp (start, node,
// informer events), kubelet_pods.cpp (the per-pod state machine and status) and
// kubelet_jobs.cpp (runtime calls on worker threads). Private to node/agent.
namespace kactor::node::agent {

// The outcome of a runtime job, sent back to the kubelet actor.
struct job_outcome {
  enum class kind { sandbox, start, teardown, adopt, kill, probe } what = kind::sandbox;
  std::string uid;        // the pod
  std::string container;  // start, kill, probe
  bool init = false;
  std::string sandbox;                              // sandbox: its id
  std::optional<runtime::container_status> status;  // start: the started instance
  std::uint32_t attempt = 0;
  bool failed = false;
  bool unsupported = false;  // the config can never run here
  std::string reason;
  std::string message;
  // adopt: what the runtime recorded
  std::vector<runtime::pod_sandbox_status> sandboxes;
  std::vector<runtime::container_status> containers;
  // probe
  std::string probe;  // liveness, readiness, startup
  bool probe_ok = false;
};

using job_done_atom = caf::atom_constant<caf::atom("kl_job")>;
using exited_atom = caf::atom_constant<caf::atom("kl_exit")>;
using tick_atom = caf::atom_constant<caf::atom("kl_tick")>;
using node_tick_atom = caf::atom_constant<caf::atom("kl_node")>;

struct kubelet_state {
  kubelet_options opts;
  std::shared_ptr<spdlog::logger> log;
  std::shared_ptr<bus::connection> events_conn;
  std::shared_ptr<bus::connection> rpc_conn;
  std::shared_ptr<apiclient::api_client> client;
  std::shared_ptr<apiclient::event_recorder> events;
  std::shared_ptr<runtime::process_runtime> rt;
  std::shared_ptr<informer::cache> pod_cache;
  env_sources env;                    // ConfigMaps, Secrets and Services for container environments
  std::vector<caf::actor> children;   // informers, pod io server, static pods: ended with it
  std::vector<caf::actor> informers;  // get the connections' up/down/slow events
  std::map<std::string, pod_record> pods;  // by uid
  std::string node_uid;
  bool adopted = false;  // the runtime's records were matched with the API's pods
  std::filesystem::path log_root;
  std::unique_ptr<http::http_server> http;  // the kubelet's own endpoint
  int http_port = 0;
};

using state_ptr = std::shared_ptr<kubelet_state>;

// --- kubelet_pods.cpp ---
// Applies an informer change of a pod bound to this node.
void on_pod_change(caf::event_based_actor* self, const state_ptr& st, const k8s::core::v1::Pod& pod,
                   bool deleted);
// Moves one pod towards its desired state: at most one runtime job per pod at a time.
void sync_pod(caf::event_based_actor* self, const state_ptr& st, const std::string& uid);
void on_job_done(caf::event_based_actor* self, const state_ptr& st, job_outcome& out);
void on_container_exit(caf::event_based_actor* self, const state_ptr& st,
                       const std::string& container_id);
// Periodic work of every pod: back-offs that ran out, probes that are due.
void tick_pods(caf::event_based_actor* self, const state_ptr& st);

// --- kubelet_jobs.cpp: run on a fresh detached actor, answer with (job_done_atom, outcome) ---
void run_job(caf::event_based_actor* self, std::function<job_outcome()> job);

}  // namespace kactor::node::agent

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::node::agent::job_outcome)
