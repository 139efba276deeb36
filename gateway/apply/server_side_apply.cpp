#include "gateway/apply/server_side_apply.hpp"

#include <map>

#include "gateway/apply/merge.hpp"
#include "gateway/apply/ownership.hpp"

namespace kactor::apply {
namespace {

apply_error error(apply_errc code, std::string message) {
  return {code, std::move(message), {}};
}

// Kubernetes' text: one conflict on one line; several grouped by manager, one per line.
apply_error conflict_error(const std::vector<conflict>& conflicts) {
  apply_error out{apply_errc::conflict, {}, {}};
  for (const auto& c : conflicts) {
    out.causes.push_back({to_string(c.path), "conflict with " + c.owner->printed()});
  }
  if (conflicts.size() == 1) {
    out.message =
        "Apply failed with 1 conflict: " + out.causes[0].message + ": " + out.causes[0].field;
    return out;
  }
  out.message = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: ";
  const manager_entry* current = nullptr;
  for (std::size_t i = 0; i < conflicts.size(); ++i) {
    if (conflicts[i].owner != current) {
      current = conflicts[i].owner;
      if (i != 0) out.message += "\n";
      out.message += "conflicts with " + current->printed() + ":";
    }
    out.message += "\n- " + out.causes[i].field;
  }
  return out;
}

// The entry Kubernetes makes for an object written before any manager was tracked: all of
// it, as an Update by "before-first-apply".
manager_entry before_first_apply(const json& live, const value_type& type, const field_set& reset,
                                 const apply_options& options) {
  auto changes =
      compare(type.with_zero_members(json::object()), type.with_zero_members(live), type);
  manager_entry e{"before-first-apply", "Update", options.api_version, options.now, "", {}};
  e.fields =
      changes.added.united(changes.modified).minus(untracked_fields()).minus_recursive(reset);
  return e;
}

// Removes what the applier owned before and nobody owns now (with anything below it that
// others do not protect).
void prune(json& merged, const field_set& last, const std::vector<manager_entry>& managers,
           const value_type& type) {
  if (last.empty()) return;
  field_set protect;
  for (const auto& m : managers)
    protect = protect.united(with_named_fields(m.fields, type));
  remove_items(merged, with_named_fields(last, type).minus(protect), type);
}

}  // namespace

result<json> server_side_apply(const json* live, const json& config,
                               const google::protobuf::Descriptor* kind,
                               const apply_options& options) {
  if (!config.is_object())
    return error(apply_errc::bad_request, "the applied configuration must be an object");
  if (const json* fields = managed_fields_of(config); fields != nullptr && !fields->is_null()) {
    return error(apply_errc::bad_request, "metadata.managedFields must be nil");
  }
  const auto type = value_type::of_kind(kind);
  const field_set reset = reset_fields(kind, options.subresource);
  json applied_config = config;
  remove_items(applied_config, server_set_fields().united(reset), type);

  field_set applied;
  std::string why;
  if (!to_field_set(applied_config, type, applied, &why)) {
    return error(apply_errc::invalid, "failed to create typed patch object: " + why);
  }
  applied = applied.minus(untracked_fields()).minus_recursive(reset);

  json current = live != nullptr ? without_managed_fields(*live) : json::object();
  std::vector<manager_entry> managers;
  if (live != nullptr) {
    auto decoded = decode_managed_fields(managed_fields_of(*live));
    if (!decoded)
      return error(apply_errc::internal, "failed to decode managed fields: " + decoded.error());
    managers = std::move(*decoded);
    if (managers.empty()) managers.push_back(before_first_apply(current, type, reset, options));
    drop_empty(managers);
  }

  manager_entry self{options.manager, "Apply", options.api_version, "", options.subresource, {}};
  field_set last;
  if (auto* previous = find_entry(managers, self)) {
    last = previous->fields;
    self.time = previous->time;
    previous->fields = applied;
    previous->api_version = options.api_version;
  } else {
    self.fields = applied;
    managers.push_back(self);
  }

  json merged = merge(current, applied_config, type);
  prune(merged, last, managers, type);

  auto changes = compare(type.with_zero_members(current), type.with_zero_members(merged), type);
  changes.added = changes.added.minus_recursive(reset);
  changes.modified = changes.modified.minus_recursive(reset);
  changes.removed = changes.removed.minus_recursive(reset);
  auto conflicts = take_ownership(managers, self, changes, options.force);
  if (!conflicts.empty()) return conflict_error(conflicts);

  if (auto* mine = find_entry(managers, self)) {
    if (!equal_values(merged, current) || mine->time.empty()) mine->time = options.now;
  }
  store_managed_fields(merged, std::move(managers));
  return merged;
}

}  // namespace kactor::apply
