#pragma once

#include <string>
#include <vector>

#include "gateway/apply/field_set.hpp"
#include "messages/basic_result.hpp"

namespace kactor::apply {

/// One entry of `metadata.managedFields`: the fields one manager owns, and how it got them.
struct manager_entry {
  std::string manager;      ///< the field manager ("kubectl", "kube-controller-manager")
  std::string operation;    ///< "Apply" or "Update"
  std::string api_version;  ///< the version the manager wrote in ("apps/v1")
  std::string time;         ///< RFC 3339, seconds ("2026-01-02T03:04:05Z"); "" when unknown
  std::string subresource;  ///< "" for the main resource, "status", "scale" ...
  field_set fields;

  bool is_apply() const { return operation == "Apply"; }

  /// One entry per identity: manager, operation and subresource, plus the API version for
  /// Update (an applier keeps one entry across versions).
  bool same_identity(const manager_entry& other) const;

  /// The manager as conflict messages name it: `"kubectl"`, `"m" with subresource "scale"`,
  /// and for Update ` using apps/v1` after it.
  std::string printed() const;
};

/// Decodes `metadata.managedFields` (null or absent: no entries). Fails with a message on
/// entries that are not objects, a fieldsType other than "FieldsV1", undecodable fieldsV1,
/// an operation other than Apply/Update, or two entries with one identity.
messages::basic_result<std::vector<manager_entry>, std::string> decode_managed_fields(
    const json* list);

/// The `metadata.managedFields` JSON of `entries`, sorted as Kubernetes writes them: Apply
/// before Update, then by time, manager, apiVersion and subresource; entries that own no
/// field are left out.
json encode_managed_fields(std::vector<manager_entry> entries);

/// The entry of `entries` with `id`'s identity; null when none.
manager_entry* find_entry(std::vector<manager_entry>& entries, const manager_entry& id);

}  // namespace kactor::apply
