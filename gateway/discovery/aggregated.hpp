#pragma once

#include <string_view>

#include "messages/codec/json_path.hpp"
#include "messages/registry.hpp"

namespace kactor::discovery {

/// apiVersion values of the aggregated discovery list.
inline constexpr std::string_view aggregated_v2_api_version = "apidiscovery.k8s.io/v2";
inline constexpr std::string_view aggregated_v2beta1_api_version = "apidiscovery.k8s.io/v2beta1";

/// Aggregated discovery for GET /api: an APIGroupDiscoveryList with one item, the core group
/// (its metadata has no name), every core resource with responseKind, scope, singularResource,
/// verbs, shortNames, categories and subresources (see subresources.hpp).
/// `api_version` is aggregated_v2_api_version or aggregated_v2beta1_api_version.
messages::json aggregated_core(const messages::registry& registry, std::string_view api_version);

/// Aggregated discovery for GET /apis: one item per non-core group, groups by name, versions
/// newest first (autoscaling: v2, v1): the first version is the group's preferred version.
messages::json aggregated_groups(const messages::registry& registry, std::string_view api_version);

}  // namespace kactor::discovery
