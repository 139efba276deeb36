#include "config/yaml_source.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace kactor::config {
namespace {

class walker {
 public:
  walker(std::string_view source, const std::vector<field>& fields)
      : source_(source), fields_(fields) {}

  std::optional<config_error> walk_mapping(const YAML::Node& map, const std::string& prefix) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node& key = it->first;
      const YAML::Node& value = it->second;
      if (!key.IsScalar())
        return fail(prefix.empty() ? "(top level)" : prefix, "keys must be plain names", key);
      auto name = prefix.empty() ? key.Scalar() : prefix + "." + key.Scalar();
      if (auto* f = find_field(fields_, name)) {
        if (auto err = assign(*f, value)) return err;
      } else if (is_section(name)) {
        if (value.IsNull()) continue;
        if (!value.IsMap())
          return fail(name, "expected a mapping of settings, got " + kind(value), value);
        if (auto err = walk_mapping(value, name)) return err;
      } else {
        return fail(name, "unknown key; known keys here: " + known_keys(prefix), key);
      }
    }
    return std::nullopt;
  }

  std::string where(const YAML::Node& node) const {
    return "line " + std::to_string(node.Mark().line + 1) + " of " + std::string{source_};
  }

 private:
  std::optional<config_error> assign(const field& f, const YAML::Node& value) {
    if (!value.IsScalar() && !value.IsNull())
      return fail(f.name, "expected a single value, got " + kind(value), value);
    auto text = value.IsNull() ? std::string{} : value.Scalar();
    if (auto expectation = f.assign(text))
      return config_error{field_error(f.name, *expectation, text, where(value))};
    return std::nullopt;
  }

  bool is_section(const std::string& name) const {
    auto prefix = name + ".";
    for (auto& f : fields_)
      if (f.name.starts_with(prefix)) return true;
    return false;
  }

  std::string known_keys(const std::string& prefix) const {
    auto dotted = prefix.empty() ? std::string{} : prefix + ".";
    std::vector<std::string> names;
    for (auto& f : fields_) {
      if (!f.name.starts_with(dotted)) continue;
      auto rest = f.name.substr(dotted.size());
      auto first = rest.substr(0, rest.find('.'));
      if (std::find(names.begin(), names.end(), first) == names.end()) names.push_back(first);
    }
    std::string out;
    for (auto& n : names)
      out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  static std::string kind(const YAML::Node& node) {
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "nothing";
    return "a value";
  }

  config_error fail(const std::string& name, const std::string& what, const YAML::Node& at) const {
    return config_error{"config: " + name + ": " + what + " (" + where(at) + ")"};
  }

  std::string_view source_;
  const std::vector<field>& fields_;
};

}  // namespace

std::optional<config_error> apply_yaml(std::string_view text, std::string_view source,
                                       const std::vector<field>& fields) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string{text});
  } catch (const YAML::Exception& e) {  // yaml-cpp reports syntax errors only by throwing
    return config_error{"config: " + std::string{source} + ": invalid YAML at line " +
                        std::to_string(e.mark.line + 1) + ": " + e.msg};
  }
  if (root.IsNull()) return std::nullopt;
  walker w{source, fields};
  if (!root.IsMap())
    return config_error{"config: expected a mapping of sections such as `up:` at the top (" +
                        w.where(root) + ")"};
  return w.walk_mapping(root, "");
}

std::optional<config_error> apply_yaml_file(const std::filesystem::path& file,
                                            const std::vector<field>& fields) {
  std::ifstream in{file};
  if (!in)
    return config_error{"config: cannot read " + file.string() + ": " + std::strerror(errno)};
  std::ostringstream text;
  text << in.rdbuf();
  return apply_yaml(text.str(), file.string(), fields);
}

}  // namespace kactor::config
