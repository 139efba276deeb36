#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>
#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include "actors/bus/connection.hpp"
#include "kactor/api.pb.h"

// The Kubernetes API for controllers, the scheduler and kubelets: typed calls carried over the
// bus (kactor.v1.api.call, messages/proto/kactor/api.proto) to any gateway, which runs them
// through its REST routes exactly as HTTP requests, so every write gets the same defaults,
// validation, uid, generation, managedFields and admission as a kubectl write. Bodies travel
// as Kubernetes protobuf; no JSON on this path (docs/apiclient.md).
//
// Reads of many objects belong to informers (bus events); get() is for the odd fresh read
// (e.g. before retrying a conflict).
namespace kactor::apiclient {

// The outcome of one call.
struct api_reply {
  // The HTTP status; 0 when no gateway answered (reason "ServiceUnavailable": nobody
  // subscribed or the bus is down; "Timeout": no answer in time).
  int status = 0;
  // Failures: the Status' reason ("NotFound", "AlreadyExists", "Conflict", "Invalid",
  // "Forbidden", "BadRequest" ...) and message, as kubectl would print them.
  std::string reason;
  std::string message;
  // Success: the returned object decoded as its kind's message (for a delete: the deleted
  // object, or null when the gateway answered with a Status). Never shared with anyone else:
  // callers may modify it.
  std::shared_ptr<google::protobuf::Message> object;
  std::vector<std::string> warnings;

  bool ok() const { return status >= 200 && status < 300; }
  bool not_found() const { return status == 404; }
  bool conflict() const { return status == 409 && reason == "Conflict"; }
  bool already_exists() const { return status == 409 && reason == "AlreadyExists"; }
  // "404 NotFound: pods \"web\" not found"; "200" on success.
  std::string describe() const;
};

// Names the target of a call. version "" = the registry's preferred version of the resource.
struct object_path {
  std::string group;     // "" = core
  std::string resource;  // plural: "pods"
  std::string ns;        // "" for cluster-scoped resources
  std::string name;      // "" for the collection
  std::string subresource = {};
  std::string version = {};
};

// The path of `object` itself (group, resource and version from its message type; namespace
// and name from its metadata). nullopt when the registry does not serve the message's type.
std::optional<object_path> path_of(const google::protobuf::Message& object);

// The URL path of `p`: "/api/v1/namespaces/default/pods/web/status". Unknown resources make
// the gateway answer 404.
std::string url_path(const object_path& p);

// What a DELETE carries (meta/v1 DeleteOptions).
struct delete_options {
  std::optional<std::int64_t> grace_period_seconds;
  std::string
      propagation_policy;  // "" (the resource's default), "Orphan", "Background", "Foreground"
  std::string precondition_uid;
  std::string precondition_resource_version;
};

// Per-call choices.
struct call_options {
  std::string field_manager;  // "" = the first word of the client's user agent
  bool dry_run = false;
};

class api_client {
 public:
  // Runs on a CAF scheduler thread once the call ends: it may do CPU work but must not block.
  // Actors usually pass reply_to(self, tag) and handle the reply as a message.
  using callback = std::function<void(api_reply)>;

  // `user_agent` names the caller ("kube-scheduler/v1.32.0 kactor"); its first word is the
  // default field manager.
  api_client(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc, std::string user_agent,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // POST `object` to its collection (namespace from its metadata).
  void create(const google::protobuf::Message& object, callback done, call_options o = {}) const;
  // PUT `object` (its metadata.resourceVersion, when set, is the optimistic-concurrency check).
  void update(const google::protobuf::Message& object, callback done, call_options o = {}) const;
  // PUT `object` to its status subresource.
  void update_status(const google::protobuf::Message& object, callback done,
                     call_options o = {}) const;
  // PUT `object` to another subresource of it ("finalize" of a namespace, "scale" ...).
  void update_subresource(const google::protobuf::Message& object, std::string_view subresource,
                          callback done, call_options o = {}) const;
  // PATCH with `content_type`: "application/merge-patch+json",
  // "application/strategic-merge-patch+json", "application/json-patch+json" or
  // "application/apply-patch+yaml" (with o.field_manager; force with `force`).
  void patch(const object_path& path, std::string_view content_type, std::string body,
             callback done, call_options o = {}, bool force = false) const;
  void get(const object_path& path, callback done) const;
  void remove(const object_path& path, const delete_options& d, callback done,
              call_options o = {}) const;
  // POST a v1 Binding of pod `ns/name` (uid as precondition when not empty) to `node`.
  void bind(std::string_view ns, std::string_view name, std::string_view uid, std::string_view node,
            callback done) const;
  // POST a policy/v1 Eviction of pod `ns/name` (honours PodDisruptionBudgets).
  void evict(std::string_view ns, std::string_view name, callback done) const;

  // The raw call: any route, any body. The reply's object is decoded when the body is a
  // Kubernetes protobuf body of a known kind.
  void call(bus::v1::ApiRequest request, callback done) const;

  const std::string& user_agent() const { return user_agent_; }

 private:
  caf::actor_system& sys_;
  std::shared_ptr<bus::connection> rpc_;
  std::string user_agent_;
  std::chrono::milliseconds timeout_;
};

// To actors: (api_reply_atom, tag, api_reply).
using api_reply_atom = caf::atom_constant<caf::atom("api_reply")>;

// A callback that sends (api_reply_atom, tag, reply) to `target`.
api_client::callback reply_to(caf::actor target, std::uint64_t tag);

}  // namespace kactor::apiclient

// Sent between actors of one process only (it holds a message pointer): never serialized.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::apiclient::api_reply)
