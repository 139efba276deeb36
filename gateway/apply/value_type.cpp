#include "gateway/apply/value_type.hpp"

#include <algorithm>

#include "kactor/options.pb.h"
#include "messages/codec/schema.hpp"

namespace kactor::apply {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The field written as member `name` of `type`, also among the members of inlined fields.
const FieldDescriptor* find_member(const Descriptor* type, std::string_view name) {
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* f = type->field(i);
    if (messages::is_inlined(f) && f->message_type() != nullptr) {
      if (const auto* inner = find_member(f->message_type(), name)) return inner;
    } else if (f->json_name() == name) {
      return f;
    }
  }
  return nullptr;
}

// A message written as a JSON object (not Time, Quantity, RAW ...).
bool is_object_message(const Descriptor* type) {
  return type != nullptr && messages::json_form_of(type) == ::kactor::JSON_OBJECT;
}

// The list semantics of a repeated field: schema_facts first, else the patch options.
list_fact list_of(const FieldDescriptor* field) {
  if (auto fact = list_override(field->containing_type()->full_name(), field->json_name())) {
    return *fact;
  }
  const auto& options = field->options();
  const std::string& strategy = options.GetExtension(::kactor::patch_strategy);
  const std::string& merge_key = options.GetExtension(::kactor::patch_merge_key);
  std::string_view rest = strategy;
  bool merge = false;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    merge = merge || rest.substr(0, comma) == "merge";
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  if (!merge) return {list_kind::atomic, {}};
  if (merge_key.empty()) return {list_kind::set, {}};
  return {list_kind::map, {merge_key}};
}

}  // namespace

value_type value_type::of_kind(const Descriptor* kind) {
  value_type t;
  if (!is_object_message(kind)) return t;
  t.kind_ = is_atomic_type(kind->full_name()) ? kind::leaf : kind::structure;
  t.message_ = kind;
  return t;
}

value_type value_type::of_field(const FieldDescriptor* field) {
  value_type t;
  const auto* owner = field->containing_type();
  if (field->is_map()) {
    if (is_atomic_field(owner->full_name(), field->json_name())) return t;
    t.kind_ = kind::map;
    const auto* values = field->message_type()->map_value()->message_type();
    t.map_values_ = is_object_message(values) ? values : nullptr;
    return t;
  }
  if (field->is_repeated()) {
    auto list = list_of(field);
    const auto* items = field->message_type();
    if (list.kind == list_kind::atomic) return t;
    if (list.kind == list_kind::set || !is_object_message(items)) {
      t.kind_ = kind::set;
      return t;
    }
    t.kind_ = kind::keyed;
    t.message_ = items;
    t.keys_ = std::move(list.keys);
    return t;
  }
  if (is_atomic_field(owner->full_name(), field->json_name())) return t;
  return of_kind(field->message_type());
}

value_type value_type::member(std::string_view name, bool* declared) const {
  if (declared != nullptr) *declared = false;
  if (kind_ == kind::map) return map_values_ != nullptr ? of_kind(map_values_) : value_type{};
  if (kind_ != kind::structure) return {};
  const auto* field = find_member(message_, name);
  if (field == nullptr) return {};
  if (declared != nullptr) *declared = true;
  return of_field(field);
}

value_type value_type::item() const {
  if (kind_ == kind::keyed) return of_kind(message_);
  return {};
}

std::optional<path_element> value_type::key_of(const json& item, std::string* missing) const {
  if (missing != nullptr) missing->clear();
  if (!item.is_object()) return std::nullopt;
  std::vector<std::string_view> names = keys_;
  std::sort(names.begin(), names.end());
  json key = json::object();
  for (auto name : names) {
    auto it = item.find(std::string(name));
    if (it != item.end() && !it->is_null()) {
      key[std::string(name)] = *it;
      continue;
    }
    auto fallback = message_ != nullptr ? key_default(message_->full_name(), name) : std::nullopt;
    if (!fallback) {
      if (missing != nullptr) *missing = std::string(name);
      return std::nullopt;
    }
    key[std::string(name)] = std::string(*fallback);
  }
  return path_element::key(std::move(key));
}

json value_type::with_zero_members(json value) const {
  switch (kind_) {
    case kind::structure:
      if (!value.is_object()) return value;
      for_each_zero_member(message_->full_name(), [&](std::string_view name, zero_form form) {
        std::string key(name);
        if (!value.contains(key)) value[key] = form == zero_form::null ? json() : json::object();
      });
      for (auto it = value.begin(); it != value.end(); ++it) {
        it.value() = member(it.key()).with_zero_members(std::move(it.value()));
      }
      return value;
    case kind::map:
      if (!value.is_object() || map_values_ == nullptr) return value;
      for (auto& v : value)
        v = of_kind(map_values_).with_zero_members(std::move(v));
      return value;
    case kind::keyed:
      if (!value.is_array()) return value;
      for (auto& v : value)
        v = item().with_zero_members(std::move(v));
      return value;
    default:
      return value;
  }
}

}  // namespace kactor::apply
