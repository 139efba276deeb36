#pragma once

#include <optional>
#include <string_view>

#include "messages/codec/json_path.hpp"
#include "messages/registry.hpp"

namespace kactor::discovery {

/// Legacy GET /api: {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":
/// [{"clientCIDR":"0.0.0.0/0","serverAddress":<server_address>}]}; the list is empty when
/// `server_address` ("127.0.0.1:6443") is empty.
messages::json api_versions(std::string_view server_address);

/// Legacy GET /apis: an APIGroupList of every non-core group, each with its versions
/// (preferred first) and preferredVersion.
messages::json api_group_list(const messages::registry& registry);

/// Legacy GET /apis/<group>: an APIGroup; nullopt for an unknown group (and for "", the core
/// group, which lives at /api).
std::optional<messages::json> api_group(const messages::registry& registry, std::string_view group);

/// Legacy GET /api/v1 (group "") and /apis/<group>/<version>: an APIResourceList with every
/// resource of the group-version followed by its subresources as "<plural>/<sub>" entries
/// (singularName "", kind the response kind, and group/version when that kind lives in
/// another group-version, e.g. pods/eviction -> policy/v1 Eviction). nullopt when the
/// registry serves nothing there.
std::optional<messages::json> api_resource_list(const messages::registry& registry,
                                                std::string_view group, std::string_view version);

}  // namespace kactor::discovery
