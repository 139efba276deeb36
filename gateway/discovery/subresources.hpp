#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/registry.hpp"

namespace kactor::discovery {

/// A group, version and kind as discovery and OpenAPI write them ("group" is "" for core).
struct group_version_kind {
  std::string group;
  std::string version;
  std::string kind;

  /// "v1" for the core group, "<group>/<version>" otherwise.
  std::string api_version() const;
  friend bool operator==(const group_version_kind&, const group_version_kind&) = default;
};

/// What a subresource answers and which verbs it takes, as Kubernetes 1.32 advertises it.
struct subresource_info {
  std::string name;                  ///< "status", "scale", "eviction" ...
  group_version_kind response_kind;  ///< e.g. scale: autoscaling/v1 Scale; status: own kind
  std::vector<std::string> verbs;    ///< sorted: {"get", "patch", "update"}
  bool connect = false;  ///< a stream or proxy (exec, attach, portforward, proxy), not an object
};

/// Describes subresource `name` of `resource`:
///   status, ephemeralcontainers, resize -> the resource's kind; get, patch, update
///   scale -> autoscaling/v1 Scale; get, patch, update
///   binding -> v1 Binding; create        eviction -> policy/v1 Eviction; create
///   log -> v1 Pod; get                    token -> authentication.k8s.io/v1 TokenRequest; create
///   exec, attach, portforward -> v1 Pod{Exec,Attach,PortForward}Options; create, get
///   proxy -> v1 <Kind>ProxyOptions; create, delete, get, patch, update
///   finalize -> the resource's kind; update
/// nullopt for a name not in this table (such a subresource is left out of discovery).
std::optional<subresource_info> describe_subresource(const messages::resource_info& resource,
                                                     std::string_view name);

/// The known subresources of `resource` (describe_subresource of each name the schema lists),
/// sorted by name, as discovery lists them.
std::vector<subresource_info> subresources_of(const messages::resource_info& resource);

}  // namespace kactor::discovery
