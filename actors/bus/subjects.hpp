#pragma once

#include <optional>
#include <string>
#include <string_view>

// The public, versioned subject tree of the kactor bus (docs/bus.md is its reference).
// Everything kactor publishes lives under `kactor.v1.`; the `v1` changes only with an
// incompatible change of the tree or of a payload schema (messages/proto/kactor/bus.proto).
//
//   kactor.v1.events.<group>.<resource>.<namespace>.<name>   watch event of one object
//   kactor.v1.events.<group>.<resource>._bookmark            progress marker of that stream
//   kactor.v1.nodes.<node>.pods.<namespace>.<name>           copy of a pod's event for its node
//   kactor.v1.nodes.<node>.pods._bookmark                    progress marker of that stream
//   kactor.v1.nodes.<node>.rpc.<verb>                        requests to a node's kubelet
//   kactor.v1.state.<verb>                                   requests to the state actor
//   kactor.v1.heartbeats.<role>.<instance>                   liveness of a process role
//
// Tokens: a group token is the API group with '.' replaced by '_' ("" is "core"); a namespace
// token is "_" for cluster-scoped objects. Names, namespaces, resources, nodes, roles and
// instances are escaped with escape_token, so any string fits in one token and the subject
// parses back to the same strings. Tokens starting with '_' are reserved (escape_token never
// produces one).
namespace kactor::bus::subjects {

// The root of the tree.
inline constexpr std::string_view root = "kactor.v1";

// True when `subject` is a well-formed NATS subject: non-empty tokens separated by '.', no
// whitespace or control bytes. With `allow_wildcards`, a token may be `*` and the last token
// may be `>`; without, neither may appear as a token.
bool valid_subject(std::string_view subject, bool allow_wildcards);

// One token holding any string: ASCII letters, digits, '-' and ':' stay as they are; every
// other byte becomes '%' and two uppercase hex digits ('.' -> "%2E", '%' -> "%25",
// '_' -> "%5F", ' ' -> "%20"). "" stays "" (no valid token: subjects built from an empty
// string are rejected by publish).
std::string escape_token(std::string_view raw);

// The inverse of escape_token; nullopt when `token` is not one of its results (a reserved
// or empty token, a '%' without two hex digits, or a byte escape_token would have escaped).
std::optional<std::string> unescape_token(std::string_view token);

// The token of an API group: "" -> "core", "networking.k8s.io" -> "networking_k8s_io".
// Group names are DNS subdomains ([a-z0-9.-]), so '_' can stand for '.'; other bytes are
// escaped as in escape_token.
std::string group_token(std::string_view group);
std::optional<std::string> parse_group_token(std::string_view token);

// The token of a namespace: "" (cluster-scoped) -> "_", otherwise escape_token.
std::string namespace_token(std::string_view ns);
std::optional<std::string> parse_namespace_token(std::string_view token);

// Identifies one API object: group "" is the core group, namespace "" a cluster-scoped
// object.
struct object_ref {
  std::string group;
  std::string resource;  // plural, lower case: "pods", "deployments"
  std::string ns;
  std::string name;

  friend bool operator==(const object_ref&, const object_ref&) = default;
};

// --- watch events ---

// kactor.v1.events.<group>.<resource>.<namespace>.<name>
std::string event(const object_ref& ref);
// The object an event subject names; nullopt for any other subject (bookmarks included).
std::optional<object_ref> parse_event(std::string_view subject);
// kactor.v1.events.<group>.<resource>.> : every event and bookmark of one resource, that is,
// one sequence-numbered stream (subscribe to it to detect gaps).
std::string event_stream(std::string_view group, std::string_view resource);
// kactor.v1.events.<group>.<resource>._bookmark
std::string event_bookmark(std::string_view group, std::string_view resource);
// kactor.v1.events.<group>.<resource>.<namespace>.* : events of one namespace (no bookmarks).
std::string events_in_namespace(std::string_view group, std::string_view resource,
                                std::string_view ns);
// kactor.v1.events.> : every event of every resource.
std::string all_events();

// --- node-scoped pod events ---

// kactor.v1.nodes.<node>.pods.<namespace>.<name>
std::string node_pod(std::string_view node, std::string_view ns, std::string_view name);
// The (node, pod) a node-scoped pod subject names; group "" and resource "pods".
struct node_pod_ref {
  std::string node;
  object_ref pod;
};
std::optional<node_pod_ref> parse_node_pod(std::string_view subject);
// kactor.v1.nodes.<node>.pods.> : the pod stream of one node (events and bookmarks).
std::string node_pod_stream(std::string_view node);
// kactor.v1.nodes.<node>.pods._bookmark
std::string node_pod_bookmark(std::string_view node);

// kactor.v1.nodes.<node>.rpc.<verb>: requests served by the kubelet of `node` (verbs such
// as "logs", "exec", "stats" are defined with their payloads by the node issue).
std::string node_rpc(std::string_view node, std::string_view verb);

// --- state commands (request/reply to the state actor) ---

// The state actor's verbs (docs/state.md). range and history carry the messages of
// messages/proto/kactor/state.proto; the others those of bus.proto.
enum class state_verb {
  get,
  list,
  create,
  update,
  remove,
  txn,
  watch_from,
  compact,
  status,
  range,
  history,
};

// The wire name: "get", "list", "create", "update", "delete", "txn", "watch-from",
// "compact", "status", "range", "history".
std::string_view to_string(state_verb verb);
// kactor.v1.state.<verb>
std::string state(state_verb verb);
// kactor.v1.state.* : every state command (the state role subscribes to each verb's subject).
std::string state_all();
std::optional<state_verb> parse_state(std::string_view subject);

// --- the Kubernetes API over the bus (messages/proto/kactor/api.proto) ---

// kactor.v1.api.call: one ApiRequest -> one ApiResponse, answered by any gateway.
std::string api_call();
// The queue group every gateway subscribes api_call() in (each call reaches one gateway).
inline constexpr std::string_view api_queue_group = "kactor-gateway";

// --- process heartbeats ---

// kactor.v1.heartbeats.<role>.<instance>: periodic liveness of one role of one process
// (payload bus.v1.Heartbeat); kactor.v1.heartbeats.> for all.
std::string heartbeat(std::string_view role, std::string_view instance);
std::string all_heartbeats();

}  // namespace kactor::bus::subjects
