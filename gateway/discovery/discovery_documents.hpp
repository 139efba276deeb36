#pragma once

#include <map>
#include <string>
#include <string_view>

#include "gateway/discovery/negotiation.hpp"
#include "gateway/discovery/served_document.hpp"
#include "gateway/discovery/version_info.hpp"
#include "messages/registry.hpp"

namespace kactor::discovery {

/// What the discovery documents depend on besides the registry.
struct discovery_options {
  version_options version;     ///< for GET /version
  std::string server_address;  ///< "127.0.0.1:6443" for APIVersions; "" lists none
};

/// The result of looking up a discovery path.
struct discovery_answer {
  enum class outcome { found, not_found, not_acceptable };
  outcome result = outcome::not_found;
  const served_document* document = nullptr;  ///< set when found
};

/// Every discovery document, built once from a registry at construction and immutable
/// afterwards, so one instance may be shared by all threads and requests; the references it
/// hands out live as long as it does. The registry is only read by the constructor.
///
/// Serve aggregated documents with `Vary: Accept` (the same URL has two representations) and
/// every document with its `etag` (answer 304 to a matching If-None-Match).
class discovery_documents {
 public:
  discovery_documents(const messages::registry& registry, const discovery_options& options);

  /// GET /version.
  const served_document& version() const { return version_; }

  /// GET /api and GET /apis in the aggregated form (`format` must be aggregated_v2 or
  /// aggregated_v2beta1; anything else gives the v2 document).
  const served_document& aggregated_core(discovery_format format) const;
  const served_document& aggregated_groups(discovery_format format) const;

  /// Legacy GET /api (APIVersions) and GET /apis (APIGroupList).
  const served_document& api_versions() const { return api_versions_; }
  const served_document& api_group_list() const { return api_group_list_; }

  /// Legacy GET /apis/<group> (APIGroup); null for an unknown group.
  const served_document* api_group(std::string_view group) const;

  /// GET /api/v1 (group "") or /apis/<group>/<version> (APIResourceList); null if unknown.
  const served_document* api_resource_list(std::string_view group, std::string_view version) const;

  /// Routes a discovery GET: `path` without query ("/version", "/api", "/apis", "/api/v1",
  /// "/apis/apps", "/apis/apps/v1"; one trailing '/' is ignored), `accept` the Accept header
  /// (it matters for /api and /apis only). not_found for any other path.
  discovery_answer find(std::string_view path, std::string_view accept) const;

 private:
  served_document version_;
  served_document core_v2_, core_v2beta1_, groups_v2_, groups_v2beta1_;
  served_document api_versions_, api_group_list_;
  std::map<std::string, served_document, std::less<>> groups_;          // by group
  std::map<std::string, served_document, std::less<>> resource_lists_;  // by "/api/v1" path
};

}  // namespace kactor::discovery
