#include "gateway/openapi/message_schema.hpp"

#include "gateway/openapi/descriptions.hpp"
#include "gateway/openapi/required_fields.hpp"
#include "gateway/openapi/schema_names.hpp"
#include "messages/codec/schema.hpp"

namespace kactor::openapi {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using messages::json;

// Emits the schemas of one message's properties; remembers the messages referred to.
class property_writer {
 public:
  property_writer(const kind_index& kinds, std::vector<const Descriptor*>& referenced)
      : kinds_(kinds), referenced_(referenced) {}

  // JSON_LIST messages are written as the bare array of their field 1.
  json bare_array(const Descriptor* type) {
    const FieldDescriptor* items = type->FindFieldByNumber(1);
    return json{{"type", "array"}, {"items", items ? value(items) : json{{"type", "string"}}}};
  }

  void add_fields(json& properties, const Descriptor* type) {
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      if (messages::is_inlined(field) && field->message_type() != nullptr)
        add_fields(properties, field->message_type());
      else
        properties[field->name()] = property(field);
    }
  }

 private:
  json property(const FieldDescriptor* field) {
    std::string description = field_description(field, kinds_);
    json out = json::object();
    if (field->is_map()) {
      out["type"] = "object";
      out["additionalProperties"] = value(field->message_type()->map_value());
    } else if (field->is_repeated()) {
      out["type"] = "array";
      out["items"] = value(field);
    } else if (field->message_type() != nullptr && !is_list_form(field->message_type())) {
      out = reference(field->message_type(), description);
      description.clear();
    } else {
      out = value(field);
    }
    if (!description.empty()) out = with_description(std::move(out), description);
    add_patch_extensions(out, field);
    return out;
  }

  // The schema of one value of the field: an item of a list, a map value, or a scalar.
  json value(const FieldDescriptor* field) {
    if (const Descriptor* type = field->message_type()) {
      if (is_list_form(type)) return bare_array(type);
      referenced_.push_back(type);
      return json{{"$ref", schema_ref(definition_name(type))}};
    }
    return scalar(field);
  }

  // A message-typed field: $ref, with the field's own description through allOf (so that a
  // reader sees both texts), else the type's description beside the $ref.
  json reference(const Descriptor* type, const std::string& description) {
    referenced_.push_back(type);
    json ref{{"$ref", schema_ref(definition_name(type))}};
    if (!description.empty())
      return json{{"description", description}, {"allOf", json::array({std::move(ref)})}};
    if (std::string type_text = type_description(type, kinds_); !type_text.empty())
      ref["description"] = type_text;
    return ref;
  }

  static bool is_list_form(const Descriptor* type) {
    return messages::json_form_of(type) == ::kactor::JSON_LIST;
  }

  static json scalar(const FieldDescriptor* field) {
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_UINT32:
        return json{{"type", "integer"}, {"format", "int32"}};
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT64:
        return json{{"type", "integer"}, {"format", "int64"}};
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return json{{"type", "number"}, {"format", "double"}};
      case FieldDescriptor::CPPTYPE_FLOAT:
        return json{{"type", "number"}, {"format", "float"}};
      case FieldDescriptor::CPPTYPE_BOOL:
        return json{{"type", "boolean"}};
      default:
        if (field->type() == FieldDescriptor::TYPE_BYTES)
          return json{{"type", "string"}, {"format", "byte"}};
        return json{{"type", "string"}};
    }
  }

  static json with_description(json schema, const std::string& description) {
    json out{{"description", description}};
    for (auto& [key, value] : schema.items())
      out[key] = std::move(value);
    return out;
  }

  // The strategic-merge annotations are looked up by name so that a schema without them
  // (or an older options.proto) simply yields no extensions.
  static void add_patch_extensions(json& out, const FieldDescriptor* field) {
    static const FieldDescriptor* merge_key =
        google::protobuf::DescriptorPool::generated_pool()->FindExtensionByName(
            "kactor.patch_merge_key");
    static const FieldDescriptor* strategy =
        google::protobuf::DescriptorPool::generated_pool()->FindExtensionByName(
            "kactor.patch_strategy");
    const google::protobuf::Message& options = field->options();
    const auto* reflection = options.GetReflection();
    if (merge_key && reflection->HasField(options, merge_key))
      out["x-kubernetes-patch-merge-key"] = reflection->GetString(options, merge_key);
    if (strategy && reflection->HasField(options, strategy))
      out["x-kubernetes-patch-strategy"] = reflection->GetString(options, strategy);
  }

  const kind_index& kinds_;
  std::vector<const Descriptor*>& referenced_;
};

json special_form(::kactor::JsonForm form) {
  switch (form) {
    case ::kactor::JSON_TIME:
    case ::kactor::JSON_MICRO_TIME:
      return json{{"type", "string"}, {"format", "date-time"}};
    case ::kactor::JSON_DURATION:
      return json{{"type", "string"}};
    case ::kactor::JSON_QUANTITY:
      return json{{"oneOf", json::array({json{{"type", "string"}}, json{{"type", "number"}}})}};
    case ::kactor::JSON_INT_OR_STRING:
      return json{{"format", "int-or-string"},
                  {"oneOf", json::array({json{{"type", "integer"}}, json{{"type", "string"}}})},
                  {"x-kubernetes-int-or-string", true}};
    case ::kactor::JSON_RAW:
      return json{{"type", "object"}};
    default:
      return nullptr;
  }
}

json gvk_list(const std::vector<group_version_kind>& kinds) {
  json out = json::array();
  for (const auto& k : kinds)
    out.push_back(json{{"group", k.group}, {"kind", k.kind}, {"version", k.version}});
  return out;
}

// Kubernetes' `required` list of the message, restricted to members the schema has (a member
// our .proto lacks cannot be required of a client).
json required_list(const Descriptor* type, const json& properties) {
  json out = json::array();
  for (std::string_view name : required_fields(type->full_name()))
    if (std::string member(name); properties.contains(member)) out.push_back(std::move(member));
  return out;
}

}  // namespace

json message_schema(const Descriptor* type, const kind_index& kinds,
                    std::vector<const Descriptor*>& referenced) {
  json out = json::object();
  if (std::string text = type_description(type, kinds); !text.empty()) out["description"] = text;
  auto form = messages::json_form_of(type);
  if (json special = special_form(form); !special.is_null()) {
    out.update(special);
    return out;
  }
  json properties = json::object();
  if (kinds.is_typed(type)) {
    properties["apiVersion"] = json{{"description", api_version_description()}, {"type", "string"}};
    properties["kind"] = json{{"description", kind_description()}, {"type", "string"}};
  }
  property_writer writer(kinds, referenced);
  if (form == ::kactor::JSON_LIST) {
    out.update(writer.bare_array(type));
    return out;
  }
  writer.add_fields(properties, type);
  out["type"] = "object";
  json required = required_list(type, properties);
  if (!properties.empty()) out["properties"] = std::move(properties);
  if (!required.empty()) out["required"] = std::move(required);
  if (const auto& gvks = kinds.kinds_of(type); !gvks.empty())
    out["x-kubernetes-group-version-kind"] = gvk_list(gvks);
  return out;
}

}  // namespace kactor::openapi
