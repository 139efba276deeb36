#include "messages/manifest.hpp"

namespace kactor::messages {

namespace {

// The value of a TypeMeta member: empty if absent or null, an error if not a string.
result<std::string> type_meta_member(const json& value, const char* name,
                                     const decode_options& options) {
  auto it = value.find(name);
  if (it == value.end() || it->is_null()) return std::string();
  std::string path = member_path(options.root_path, name);
  if (!it->is_string())
    return codec_error{codec_errc::wrong_type,
                       with_line(path + ": expected string, got " +
                                     (it->is_number() ? "number " + it->dump() : it->dump()),
                                 options.lines, path)};
  return it->get<std::string>();
}

// The document's duplicate fields under `prefix` ("items[3]"), for one item of a List.
std::vector<std::string> duplicates_under(std::span<const std::string> all,
                                          const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& path : all)
    if (path.starts_with(prefix + ".")) out.push_back(path);
  return out;
}

result<std::vector<decoded_object>> decode_document(const document& doc, const registry& types,
                                                    bool strict) {
  decode_options options;
  options.strict = strict;
  options.lines = &doc.lines;
  options.duplicate_fields = doc.duplicate_fields;
  std::vector<decoded_object> out;
  const json& value = doc.value;
  bool is_list = value.is_object() && value.value("kind", json()) == "List" &&
                 value.value("apiVersion", json()) == "v1" && value.contains("items");
  if (!is_list) {
    auto object = decode_object(value, types, options);
    if (!object) return object.error();
    out.push_back(std::move(*object));
    return out;
  }
  const json& items = value["items"];
  if (items.is_null()) return out;
  if (!items.is_array())
    return codec_error{codec_errc::wrong_type,
                       with_line("items: expected array", &doc.lines, "items")};
  for (std::size_t i = 0; i < items.size(); ++i) {
    decode_options item_options = options;
    item_options.root_path = index_path("items", i);
    auto duplicates = duplicates_under(doc.duplicate_fields, item_options.root_path);
    item_options.duplicate_fields = duplicates;
    auto object = decode_object(items[i], types, item_options);
    if (!object) return object.error();
    out.push_back(std::move(*object));
  }
  return out;
}

}  // namespace

result<decoded_object> decode_object(const json& value, const registry& types,
                                     const decode_options& options) {
  if (!value.is_object()) {
    std::string path = options.root_path;
    return codec_error{codec_errc::wrong_type,
                       with_line((path.empty() ? "" : path + ": ") + "expected object, got " +
                                     (value.is_string() ? "string " : "") + value.dump(),
                                 options.lines, path)};
  }
  auto kind = type_meta_member(value, "kind", options);
  if (!kind) return kind.error();
  auto api_version = type_meta_member(value, "apiVersion", options);
  if (!api_version) return api_version.error();
  if (kind->empty())
    return codec_error{codec_errc::missing_kind,
                       "Object 'Kind' is missing in '" + value.dump() + "'"};
  if (api_version->empty())
    return codec_error{codec_errc::missing_kind,
                       "Object 'apiVersion' is missing in '" + value.dump() + "'"};
  const auto* type = types.find_kind(*api_version, *kind);
  if (type == nullptr)
    return codec_error{codec_errc::unknown_kind,
                       "no matches for kind \"" + *kind + "\" in version \"" + *api_version + "\""};
  decoded_object out;
  out.api_version = std::move(*api_version);
  out.kind = std::move(*kind);
  out.object = types.new_message(type);
  auto warnings = from_json(value, *out.object, options);
  if (!warnings) return warnings.error();
  out.warnings = std::move(*warnings);
  return out;
}

result<std::vector<decoded_object>> decode_manifests(std::string_view text, const registry& types,
                                                     bool strict) {
  auto docs = parse_documents(text);
  if (!docs) return docs.error();
  std::vector<decoded_object> out;
  for (const auto& doc : *docs) {
    auto objects = decode_document(doc, types, strict);
    if (!objects) {
      codec_error e = objects.error();
      if (docs->size() > 1) e.message = "document " + std::to_string(doc.index) + ": " + e.message;
      return e;
    }
    for (auto& object : *objects)
      out.push_back(std::move(object));
  }
  return out;
}

}  // namespace kactor::messages
