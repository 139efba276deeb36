#pragma once

#include <string>
#include <string_view>

#include "gateway/rest/api_error.hpp"
#include "messages/basic_result.hpp"
#include "messages/registry.hpp"

// What a resource URL names: the resource, the namespace, the object and the subresource.
namespace kactor::rest {

template <class T>
using result = messages::basic_result<T, api_error>;

struct request_scope {
  const messages::resource_info* resource = nullptr;  // never null in a resolved scope
  std::string ns;           // "" for cluster-scoped resources and all-namespace requests
  std::string name;         // "" for collection requests
  std::string subresource;  // "status", "scale" ... or ""

  bool collection() const { return name.empty(); }
  qualified_resource qualified() const { return {resource->group, resource->plural}; }
};

// Resolves the part of a path after "/api/v1/" or "/apis/<group>/<version>/" (no leading
// '/', already percent-decoded per segment by the caller's router; "" is invalid):
//   <resource>[/<name>[/<subresource>]]
//   namespaces/<ns>/<resource>[/<name>[/<subresource>]]
// `namespaces/<name>` and `namespaces/<name>/{status,finalize}` name the Namespace itself.
// Fails with 404 NotFound (`the server could not find the requested resource`) for unknown
// resources or subresources, or a namespaced path of a cluster-scoped resource.
result<request_scope> resolve_scope(const messages::registry& types, std::string_view group,
                                    std::string_view version, std::string_view rest);

// The 404 kube-apiserver gives to a path it does not serve.
api_error no_such_path();

}  // namespace kactor::rest
