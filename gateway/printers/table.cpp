#include "gateway/printers/table.hpp"

#include "gateway/printers/cells.hpp"
#include "gateway/printers/printer.hpp"
#include "messages/codec/to_json.hpp"

namespace kactor::printers {
namespace {

json row_object(const google::protobuf::Message& object, const table_options& options,
                const messages::registry& types) {
  switch (options.rows) {
    case include_object::none:
      return nullptr;
    case include_object::object:
      return messages::to_json_object(object, types);
    case include_object::metadata:
      break;
  }
  json partial = json::object();
  partial["kind"] = "PartialObjectMetadata";
  partial["apiVersion"] = "meta.k8s.io/v1";
  partial["metadata"] = messages::to_json(object_meta_of(object));
  return partial;
}

json row_of(const printer& p, const google::protobuf::Message& object, const table_options& options,
            const messages::registry& types) {
  row_output out;
  p.row(object, print_context{options.now}, out);
  json row = json::object();
  row["cells"] = std::move(out.cells);
  if (!out.conditions.empty()) row["conditions"] = std::move(out.conditions);
  row["object"] = row_object(object, options, types);
  return row;
}

json table_header(const printer& p, json metadata, const table_options& options) {
  json table = json::object();
  table["kind"] = "Table";
  table["apiVersion"] = "meta.k8s.io/v1";
  table["metadata"] = std::move(metadata);
  table["columnDefinitions"] = options.column_definitions ? p.definitions : json(nullptr);
  table["rows"] = json::array();
  return table;
}

}  // namespace

std::optional<include_object> parse_include_object(std::string_view value) {
  if (value.empty() || value == "Metadata") return include_object::metadata;
  if (value == "Object") return include_object::object;
  if (value == "None") return include_object::none;
  return std::nullopt;
}

json table_for_objects(const google::protobuf::Descriptor* kind,
                       std::span<const google::protobuf::Message* const> objects,
                       const k8s::meta::v1::ListMeta& list_meta, const table_options& options,
                       const messages::registry& types) {
  const auto& p = printer_for(kind);
  auto table = table_header(p, messages::to_json(list_meta), options);
  auto& rows = table["rows"];
  for (const auto* object : objects)
    rows.push_back(row_of(p, *object, options, types));
  return table;
}

json table_for_list(const google::protobuf::Message& list, const table_options& options,
                    const messages::registry& types) {
  const auto* descriptor = list.GetDescriptor();
  const auto* items = descriptor->FindFieldByName("items");
  const auto* meta = descriptor->FindFieldByName("metadata");
  const auto* reflection = list.GetReflection();
  const google::protobuf::Descriptor* kind = items != nullptr ? items->message_type() : nullptr;
  std::vector<const google::protobuf::Message*> objects;
  if (kind != nullptr && items->is_repeated()) {
    int n = reflection->FieldSize(list, items);
    objects.reserve(n);
    for (int i = 0; i < n; ++i)
      objects.push_back(&reflection->GetRepeatedMessage(list, items, i));
  }
  k8s::meta::v1::ListMeta list_meta;
  if (meta != nullptr && meta->message_type() == k8s::meta::v1::ListMeta::descriptor()) {
    list_meta.CopyFrom(reflection->GetMessage(list, meta));
  }
  if (kind == nullptr) kind = descriptor;
  return table_for_objects(kind, objects, list_meta, options, types);
}

json table_for_object(const google::protobuf::Message& object, const table_options& options,
                      const messages::registry& types) {
  k8s::meta::v1::ListMeta list_meta;
  const auto& rv = object_meta_of(object).resourceversion();
  if (!rv.empty()) list_meta.set_resourceversion(rv);
  const google::protobuf::Message* one[] = {&object};
  return table_for_objects(object.GetDescriptor(), one, list_meta, options, types);
}

}  // namespace kactor::printers
