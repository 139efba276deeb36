#include "gateway/apply/track_update.hpp"

#include "gateway/apply/ownership.hpp"

namespace kactor::apply {
namespace {

// The request asks to clear managedFields: a list of one empty entry.
bool is_reset(const json* list) {
  return list != nullptr && list->is_array() && list->size() == 1 && (*list)[0].is_object() &&
         (*list)[0].empty();
}

std::vector<manager_entry> decode_or_none(const json* list) {
  auto decoded = decode_managed_fields(list);
  if (!decoded) return {};
  return std::move(*decoded);
}

std::vector<manager_entry> starting_entries(const json* old, const json& updated,
                                            const apply_options& options) {
  const json* old_list = old != nullptr ? managed_fields_of(*old) : nullptr;
  if (!options.subresource.empty()) return decode_or_none(old_list);
  const json* sent = managed_fields_of(updated);
  if (is_reset(sent)) return {};
  auto decoded = decode_managed_fields(sent);
  if (decoded && !decoded->empty()) return std::move(*decoded);
  return decode_or_none(old_list);
}

}  // namespace

void track_update(const json* old, json& updated, const google::protobuf::Descriptor* kind,
                  const apply_options& options) {
  if (!updated.is_object()) return;
  if (options.manager.empty()) {
    const json* kept = old != nullptr ? managed_fields_of(*old) : nullptr;
    store_managed_fields(updated, decode_or_none(kept));
    return;
  }
  auto managers = starting_entries(old, updated, options);
  const auto type = value_type::of_kind(kind);
  const field_set reset = reset_fields(kind, options.subresource);
  json before =
      type.with_zero_members(old != nullptr ? without_managed_fields(*old) : json::object());
  json after = type.with_zero_members(without_managed_fields(updated));

  auto changes = compare(before, after, type);
  manager_entry self{options.manager,     "Update", options.api_version, options.now,
                     options.subresource, {}};
  auto unused = take_ownership(managers, self, changes, true);
  (void)unused;
  // The writer's own earlier entry also loses what this write removed.
  if (auto* mine = find_entry(managers, self)) mine->fields = mine->fields.minus(changes.removed);

  field_set owned =
      changes.added.united(changes.modified).minus(untracked_fields()).minus_recursive(reset);
  if (!owned.empty()) {
    if (auto* mine = find_entry(managers, self)) {
      mine->fields = mine->fields.united(owned);
      mine->time = options.now;
    } else {
      self.fields = std::move(owned);
      managers.push_back(std::move(self));
    }
  }
  drop_empty(managers);
  store_managed_fields(updated, std::move(managers));
}

}  // namespace kactor::apply
