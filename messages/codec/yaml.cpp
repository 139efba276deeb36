#include "messages/codec/yaml.hpp"

#include <yaml-cpp/yaml.h>

#include "messages/codec/yaml_scalar.hpp"

namespace kactor::messages {

namespace {

// Limits that keep a hostile document (alias bombs, self-referencing anchors) from
// exhausting the stack or the memory; real manifests are far below both.
constexpr int max_depth = 512;
constexpr std::size_t max_nodes = 4'000'000;

class converter {
 public:
  explicit converter(document& doc) : doc_(doc) {}

  result<json> convert(const YAML::Node& node, const std::string& path, int depth) {
    if (depth > max_depth || ++nodes_ > max_nodes)
      return error_at(node, "document nests or expands too deeply");
    switch (node.Type()) {
      case YAML::NodeType::Sequence:
        return convert_sequence(node, path, depth);
      case YAML::NodeType::Map:
        return convert_map(node, path, depth);
      case YAML::NodeType::Scalar:
        return scalar(node);
      default:
        return json(nullptr);
    }
  }

 private:
  static codec_error error_at(const YAML::Node& node, std::string_view what) {
    return {codec_errc::syntax,
            "yaml: line " + std::to_string(node.Mark().line + 1) + ": " + std::string(what)};
  }

  // Plain scalars ("?") are resolved, quoted and block scalars ("!") are strings.
  static result<json> scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (tag == "?") return resolve_plain_scalar(node.Scalar());
    if (tag == "!") return json(node.Scalar());
    auto value = resolve_tagged_scalar(tag, node.Scalar());
    if (!value) return error_at(node, value.error().message);
    return value;
  }

  result<json> convert_sequence(const YAML::Node& node, const std::string& path, int depth) {
    json out = json::array();
    std::size_t i = 0;
    for (const auto& item : node) {
      std::string item_path = index_path(path, i++);
      doc_.lines.add(item_path, item.Mark().line + 1);
      auto value = convert(item, item_path, depth + 1);
      if (!value) return value;
      out.push_back(std::move(*value));
    }
    return out;
  }

  result<json> convert_map(const YAML::Node& node, const std::string& path, int depth) {
    json out = json::object();
    for (const auto& entry : node) {
      const YAML::Node& key_node = entry.first;
      if (key_node.IsNull()) return error_at(key_node, "unsupported map key: null");
      if (key_node.Type() != YAML::NodeType::Scalar)
        return error_at(key_node, "unsupported map key: only scalars can be JSON member names");
      auto key_value = scalar(key_node);
      if (!key_value) return key_value;
      std::string key;
      if (key_value->is_string()) {
        key = key_value->get<std::string>();
      } else {
        key = json_key_of(*key_value);
        if (key.empty()) return error_at(key_node, "unsupported map key: " + key_node.Scalar());
      }
      std::string member = member_path(path, key);
      if (out.contains(key)) doc_.duplicate_fields.push_back(member);
      doc_.lines.add(member, key_node.Mark().line + 1);
      auto value = convert(entry.second, member, depth + 1);
      if (!value) return value;
      out[key] = std::move(*value);
    }
    return out;
  }

  document& doc_;
  std::size_t nodes_ = 0;
};

bool needs_quotes(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return true;
  json plain = resolve_plain_scalar(s);
  return !plain.is_string() || plain.get<std::string>() != s;
}

void emit(YAML::Emitter& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
      }
      out << YAML::BeginMap;
      for (const auto& [key, member] : value.items()) {
        out << YAML::Key;
        if (needs_quotes(key)) out << YAML::DoubleQuoted;
        out << key << YAML::Value;
        emit(out, member);
      }
      out << YAML::EndMap;
      return;
    case json::value_t::array:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << YAML::BeginSeq;
      for (const auto& item : value)
        emit(out, item);
      out << YAML::EndSeq;
      return;
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.find('\n') != std::string::npos && s.back() == '\n' && s.front() != ' ')
        out << YAML::Literal;
      else if (needs_quotes(s))
        out << YAML::DoubleQuoted;
      out << s;
      return;
    }
    case json::value_t::null:
      out << YAML::Null;
      return;
    default:
      out << value.dump();  // booleans and numbers print as JSON prints them
      return;
  }
}

}  // namespace

result<std::vector<document>> parse_yaml(std::string_view text) {
  std::vector<YAML::Node> nodes;
  try {
    nodes = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    return codec_error{codec_errc::syntax, "yaml: line " + std::to_string(e.mark.line + 1) +
                                               ", column " + std::to_string(e.mark.column + 1) +
                                               ": " + e.msg};
  }
  std::vector<document> out;
  int index = 0;
  for (const auto& node : nodes) {
    ++index;
    if (node.IsNull()) continue;
    document doc;
    doc.index = index;
    doc.line = node.Mark().line + 1;
    doc.lines.add("", doc.line);
    try {
      auto value = converter(doc).convert(node, "", 0);
      if (!value) return value.error();
      doc.value = std::move(*value);
    } catch (const YAML::Exception& e) {
      return codec_error{codec_errc::syntax,
                         "yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg};
    }
    out.push_back(std::move(doc));
  }
  return out;
}

std::string to_yaml(const json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, value);
  std::string text = out.c_str();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

}  // namespace kactor::messages
