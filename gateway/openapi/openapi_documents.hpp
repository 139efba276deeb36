#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/discovery/served_document.hpp"
#include "gateway/openapi/paths.hpp"
#include "messages/registry.hpp"

namespace kactor::openapi {

using discovery::served_document;

/// Choices in the generated documents.
struct openapi_options {
  paths_options paths;
};

/// The OpenAPI v3 documents, built once from a registry and immutable afterwards (share one
/// instance between threads; references live as long as it does):
/// - the root index, GET /openapi/v3:
///   {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=<hash>"},
///              "apis/apps/v1": {...}, ...}}
/// - one document per served group-version, GET /openapi/v3/api/v1 and
///   /openapi/v3/apis/<group>/<version>: {"openapi": "3.0.0", "info", "paths"
///   (paths.hpp), "components": {"schemas"}} with the schema of every message the
///   operations refer to and every message reachable from those (message_schema.hpp).
/// All are served as application/json. `hash` is what the root puts into serverRelativeURL:
/// a request whose `hash` query matches may be answered with
/// `Cache-Control: public, immutable, max-age=31536000`; use `etag` for If-None-Match.
class openapi_documents {
 public:
  explicit openapi_documents(const messages::registry& registry,
                             const openapi_options& options = {});

  /// GET /openapi/v3.
  const served_document& root() const { return root_; }

  /// The document of a root key ("api/v1", "apis/apps/v1"); null if unknown.
  const served_document* group_version(std::string_view key) const;

  /// The root keys, in the root's order (core first, groups by name, newer versions first).
  const std::vector<std::string>& keys() const { return keys_; }

  /// Routes GET `path` (no query; one trailing '/' ignored): "/openapi/v3" -> root,
  /// "/openapi/v3/<key>" -> that document; null for anything else.
  const served_document* find(std::string_view path) const;

 private:
  served_document root_;
  std::vector<std::string> keys_;
  std::map<std::string, served_document, std::less<>> documents_;
};

/// The document of one group-version (what openapi_documents serves under its key).
messages::json group_version_document(const messages::registry& registry,
                                      const messages::group_version& gv,
                                      const openapi_options& options = {});

}  // namespace kactor::openapi
