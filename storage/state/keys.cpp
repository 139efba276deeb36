#include "storage/state/keys.hpp"

namespace kactor::state {

namespace {

using storage::error_code;
using storage::make_error;

std::string quoted(std::string_view s) {
  std::string out(1, '"');
  out.append(s);
  out.push_back('"');
  return out;
}

std::string group_and_plural(std::string_view group, std::string_view plural) {
  return group.empty() ? std::string(plural) : std::string(group) + "/" + std::string(plural);
}

// Splits "a/b/c" into segments; empty segments are kept.
std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    auto slash = text.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
}

}  // namespace

bool valid_segment(std::string_view segment) {
  return !segment.empty() && segment != "." && segment != ".." &&
         segment.find('/') == std::string_view::npos &&
         segment.find('\0') == std::string_view::npos;
}

key_space::key_space(const messages::registry& types) : types_(types) {
  // resources() lists the core group first, then groups by name, newer versions first: the
  // first entry of a plural is its storage group and preferred version.
  for (const auto& info : types.resources()) {
    if (by_plural_.contains(info.plural)) continue;
    by_plural_.emplace(info.plural, &info);
    stored_.push_back(&info);
  }
}

storage::result<const messages::resource_info*> key_space::resource(std::string_view group,
                                                                    std::string_view plural) const {
  auto found = by_plural_.find(plural);
  if (found == by_plural_.end())
    return make_error(error_code::invalid,
                      "unknown resource " + quoted(group_and_plural(group, plural)));
  const auto* info = found->second;
  if (info->group != group)
    return make_error(error_code::invalid, "resource " + quoted(group_and_plural(group, plural)) +
                                               " is stored as " +
                                               quoted(group_and_plural(info->group, info->plural)));
  return info;
}

storage::result<std::string> key_space::key_of(const object_ref& ref) const {
  auto info = resource(ref.group, ref.resource);
  if (!info) return info.error();
  if (!valid_segment(ref.name))
    return make_error(error_code::invalid, "invalid name " + quoted(ref.name));
  auto prefix = prefix_of(ref.group, ref.resource, ref.ns);
  if (!prefix) return prefix.error();
  if ((*info)->namespaced && ref.ns.empty())
    return make_error(error_code::invalid, "resource " + quoted(ref.resource) +
                                               " is namespaced: the namespace is missing");
  return *prefix + ref.name;
}

storage::result<std::string> key_space::prefix_of(std::string_view group, std::string_view plural,
                                                  std::string_view ns) const {
  auto info = resource(group, plural);
  if (!info) return info.error();
  std::string prefix = std::string(registry_prefix) + std::string(plural) + "/";
  if (ns.empty()) return prefix;
  if (!(*info)->namespaced)
    return make_error(error_code::invalid, "resource " + quoted(plural) +
                                               " is cluster-scoped: namespace " + quoted(ns) +
                                               " is not allowed");
  if (!valid_segment(ns)) return make_error(error_code::invalid, "invalid namespace " + quoted(ns));
  return prefix + std::string(ns) + "/";
}

std::optional<key_info> key_space::parse_key(std::string_view key) const {
  if (!key.starts_with(registry_prefix)) return std::nullopt;
  auto parts = split(key.substr(registry_prefix.size()));
  auto found = parts.empty() ? by_plural_.end() : by_plural_.find(parts[0]);
  if (found == by_plural_.end()) return std::nullopt;
  const auto* info = found->second;
  std::size_t expected = info->namespaced ? 3 : 2;
  if (parts.size() != expected) return std::nullopt;
  for (std::size_t i = 1; i < parts.size(); ++i)
    if (!valid_segment(parts[i])) return std::nullopt;
  key_info out{{info->group, info->plural, "", std::string(parts.back())}, info};
  if (info->namespaced) out.ref.ns = std::string(parts[1]);
  return out;
}

std::optional<key_info> key_space::parse_prefix(std::string_view prefix) const {
  if (!prefix.starts_with(registry_prefix)) return std::nullopt;
  auto rest = prefix.substr(registry_prefix.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  auto parts = split(rest);
  auto found = parts.empty() ? by_plural_.end() : by_plural_.find(parts[0]);
  if (found == by_plural_.end() || parts.size() > 2) return std::nullopt;
  const auto* info = found->second;
  key_info out{{info->group, info->plural, "", ""}, info};
  if (parts.size() == 2) {
    if (!info->namespaced || !valid_segment(parts[1])) return std::nullopt;
    out.ref.ns = std::string(parts[1]);
  }
  return out;
}

}  // namespace kactor::state
