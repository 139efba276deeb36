#include "gateway/patch/patch_schema.hpp"

#include "kactor/options.pb.h"
#include "messages/codec/schema.hpp"

namespace kactor::patch {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The field named `key` in JSON, also among the members of inlined fields.
const FieldDescriptor* find_member(const Descriptor* type, std::string_view key) {
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* f = type->field(i);
    if (messages::is_inlined(f) && f->message_type() != nullptr) {
      if (const auto* inner = find_member(f->message_type(), key)) return inner;
    } else if (f->json_name() == key) {
      return f;
    }
  }
  return nullptr;
}

// The schema of a value of `field` (of one item when repeated): objects of plain messages
// only; special JSON forms (Time, Quantity, IntOrString ...) are scalars and RAW is free.
schema_node value_schema(const Descriptor* type) {
  if (type == nullptr || messages::json_form_of(type) != ::kactor::JSON_OBJECT) return {};
  return schema_node::object(type);
}

}  // namespace

schema_node schema_node::object(const Descriptor* message) {
  schema_node n;
  n.message_ = message;
  return n;
}

schema_node::member_info schema_node::member(std::string_view key) const {
  member_info info;
  if (is_map_) {
    info.value = value_schema(map_values_);
    return info;
  }
  if (message_ == nullptr) return info;
  const auto* field = find_member(message_, key);
  if (field == nullptr) return info;
  const auto& options = field->options();
  info.merge_key = options.GetExtension(::kactor::patch_merge_key);
  info.raw_strategy = options.GetExtension(::kactor::patch_strategy);
  // "merge,retainKeys" -> "merge"; at most one strategy besides retainKeys.
  std::string_view rest = info.raw_strategy;
  int others = 0;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    if (part != "retainKeys") {
      info.strategy = part;
      ++others;
    }
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  info.bad_strategy = others > 1;
  if (field->is_map()) {
    schema_node map;
    map.is_map_ = true;
    map.map_values_ = field->message_type()->map_value()->message_type();
    info.value = map;
  } else {
    info.value = value_schema(field->message_type());
  }
  return info;
}

}  // namespace kactor::patch
