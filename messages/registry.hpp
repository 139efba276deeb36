#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace kactor::messages {

/// The TypeMeta of an object: what "apiVersion" and "kind" say in JSON.
struct type_meta {
  std::string api_version;  ///< "v1", "apps/v1", "meta.k8s.io/v1"
  std::string kind;         ///< "Pod", "DeploymentList", "Status"
};

/// A REST resource the API serves, from a message's `(kactor.resource)` option.
struct resource_info {
  std::string group;     ///< "" for the core group
  std::string version;   ///< "v1", "v2"
  std::string plural;    ///< URL segment: "pods"
  std::string singular;  ///< "pod" (the lower-cased kind unless the schema says otherwise)
  std::string kind;      ///< "Pod"
  bool namespaced = false;
  std::vector<std::string> short_names;   ///< "po"
  std::vector<std::string> categories;    ///< "all"
  std::vector<std::string> subresources;  ///< "status", "scale", "binding", "log" ...
  std::vector<std::string> verbs;         ///< the schema's verbs, else the standard eight
  const google::protobuf::Descriptor* descriptor = nullptr;       ///< the kind's message
  const google::protobuf::Descriptor* list_descriptor = nullptr;  ///< `<Kind>List`, or null

  /// "v1" for the core group, "<group>/<version>" otherwise.
  std::string api_version() const;
};

/// One group and version the registry knows kinds of.
struct group_version {
  std::string group;
  std::string version;
  friend bool operator==(const group_version&, const group_version&) = default;
};

/// Every API kind and resource compiled into the binary, built once from the generated
/// descriptor pool: each message of a .proto file with `(kactor.api_version)` is a kind of
/// that file's group-version (kind = message name). Immutable after construction, so one
/// instance may be shared by every thread.
class registry {
 public:
  /// The registry of the generated pool, built on first use from messages/proto_files.
  static const registry& generated();

  /// Builds a registry from the given .proto file names of `pool`. Files that are missing
  /// or carry no api_version are skipped.
  registry(const google::protobuf::DescriptorPool& pool, const std::vector<std::string>& files);

  /// The message type of (apiVersion, kind). Meta kinds that Kubernetes accepts under any
  /// group-version (Status, WatchEvent, DeleteOptions, ListOptions, List, APIVersions,
  /// APIGroupList, APIResourceList, Table, PartialObjectMetadata ...) fall back to
  /// meta.k8s.io/v1. Null when unknown.
  const google::protobuf::Descriptor* find_kind(std::string_view api_version,
                                                std::string_view kind) const;

  /// The TypeMeta a message type is written with; empty for types outside any API file.
  /// Status, APIVersions, APIGroupList, APIGroup and APIResourceList answer "v1", as
  /// Kubernetes writes them.
  std::optional<type_meta> type_meta_of(const google::protobuf::Descriptor* type) const;

  /// The resource served at /apis/<group>/<version>/<plural> (group "" = /api/v1).
  const resource_info* find_resource(std::string_view group, std::string_view version,
                                     std::string_view plural) const;

  /// The resource of a kind in a group-version ("apps/v1", "Deployment").
  const resource_info* find_resource_for_kind(std::string_view api_version,
                                              std::string_view kind) const;

  /// What kubectl resolves a name to: a short name ("deploy"), a plural ("deployments"), a
  /// singular ("deployment") or a kind ("Deployment", case-insensitive), optionally
  /// qualified with a group ("deployments.apps"). The preferred (highest) version wins.
  const resource_info* find_resource_by_name(std::string_view name) const;

  /// Every served resource in a stable order: the core group first, then groups by name;
  /// within a group newer versions first (v2 before v1 before v1beta1); then by plural.
  const std::vector<resource_info>& resources() const { return resources_; }

  /// The group-versions that have kinds, in the same order as resources().
  const std::vector<group_version>& group_versions() const { return group_versions_; }

  /// A new, empty message of `type` from the generated factory (null for unknown types).
  std::unique_ptr<google::protobuf::Message> new_message(
      const google::protobuf::Descriptor* type) const;

 private:
  std::map<std::string, const google::protobuf::Descriptor*, std::less<>>
      kinds_;  // "apiVersion|Kind"
  std::map<const google::protobuf::Descriptor*, type_meta> type_metas_;
  std::vector<resource_info> resources_;
  std::vector<group_version> group_versions_;
};

/// Orders Kubernetes versions by priority: GA before beta before alpha, higher numbers
/// first ("v2" < "v1" < "v1beta2" < "v1beta1" < "v1alpha1" in this order); other strings last.
bool version_precedes(std::string_view a, std::string_view b);

}  // namespace kactor::messages
