#pragma once

#include <map>
#include <set>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "gateway/discovery/subresources.hpp"
#include "messages/registry.hpp"

namespace kactor::openapi {

using discovery::group_version_kind;

/// Which messages are API kinds in the OpenAPI documents. A kind's schema carries
/// `x-kubernetes-group-version-kind` (kubectl explain finds a resource's schema by it) and the
/// `apiVersion` and `kind` properties that JSON objects of it have.
class kind_index {
 public:
  /// The kinds a registry serves: every resource's kind and `<Kind>List`, and the kinds its
  /// subresources answer with (autoscaling/v1 Scale, policy/v1 Eviction, TokenRequest ...).
  /// meta/v1 Status, DeleteOptions and APIResourceList are typed without a GVK.
  static kind_index from(const messages::registry& registry);

  /// Records `gvk` as a kind of `type` (kept once).
  void add(const google::protobuf::Descriptor* type, group_version_kind gvk);

  /// Marks `type` as written with apiVersion and kind although it has no GVK of its own.
  void add_typed(const google::protobuf::Descriptor* type);

  /// The kinds of `type`; empty when it is none.
  const std::vector<group_version_kind>& kinds_of(const google::protobuf::Descriptor* type) const;

  /// True if objects of `type` carry apiVersion and kind in JSON.
  bool is_typed(const google::protobuf::Descriptor* type) const;

 private:
  std::map<const google::protobuf::Descriptor*, std::vector<group_version_kind>> kinds_;
  std::set<const google::protobuf::Descriptor*> typed_;
};

}  // namespace kactor::openapi
