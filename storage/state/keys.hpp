#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/bus/subjects.hpp"
#include "messages/registry.hpp"
#include "storage/error.hpp"

// Where API objects live in the store. Keys follow etcd's Kubernetes layout:
//
//   /registry/<resource>/<namespace>/<name>   namespaced objects ("/registry/pods/default/web")
//   /registry/<resource>/<name>               cluster-scoped objects ("/registry/nodes/node1")
//
// The key names the plural only, as in Kubernetes, so one plural is one stored resource: its
// storage group is the first group serving that plural in the registry's order (the core group
// first), and its stored message the kind of that group's preferred version. So core `events`
// own /registry/events/ (events.k8s.io/events is a view the gateway converts), and
// autoscaling/horizontalpodautoscalers are stored as autoscaling/v2.
namespace kactor::state {

using object_ref = bus::subjects::object_ref;

// What a key names.
struct key_info {
  object_ref ref;
  const messages::resource_info* resource = nullptr;  // the stored resource; never null
};

// The key layout of one registry. Immutable after construction: share it between threads.
class key_space {
 public:
  // `types` must outlive the key space.
  explicit key_space(const messages::registry& types);

  const messages::registry& types() const { return types_; }

  // The stored resource of (group, plural): its preferred version. invalid when no group
  // serves the plural, or when `group` is not its storage group ("events.k8s.io/events are
  // stored as core events").
  storage::result<const messages::resource_info*> resource(std::string_view group,
                                                           std::string_view plural) const;

  // Every stored resource, in registry order.
  const std::vector<const messages::resource_info*>& resources() const { return stored_; }

  // The key of one object. invalid for an unknown resource, a namespace on a cluster-scoped
  // resource or none on a namespaced one, and names that are empty, ".", "..", or contain '/'
  // or NUL (Kubernetes path segment rules).
  storage::result<std::string> key_of(const object_ref& ref) const;

  // The key prefix of a listing: every object of a resource (ns ""), or of one namespace.
  // invalid as key_of; a namespace on a cluster-scoped resource is invalid.
  storage::result<std::string> prefix_of(std::string_view group, std::string_view plural,
                                         std::string_view ns) const;

  // What `key` names; nullopt for anything key_of does not produce.
  std::optional<key_info> parse_key(std::string_view key) const;

  // A listing prefix typed by a person ("/registry/pods", "/registry/pods/default/"): the
  // resource and the namespace it selects (ns "" = every namespace). nullopt unless it is
  // "/registry/<plural>[/<namespace>][/]" for a stored plural.
  std::optional<key_info> parse_prefix(std::string_view prefix) const;

 private:
  const messages::registry& types_;
  std::map<std::string, const messages::resource_info*, std::less<>> by_plural_;
  std::vector<const messages::resource_info*> stored_;
};

// The key prefix shared by every API object: "/registry/".
inline constexpr std::string_view registry_prefix = "/registry/";

// Kubernetes path segment rules for names and namespaces: not empty, not "." or "..", no '/'
// and no NUL byte.
bool valid_segment(std::string_view segment);

}  // namespace kactor::state
