#include "actors/bus/subjects.hpp"

#include <array>
#include <vector>

namespace kactor::bus::subjects {

namespace {

constexpr std::string_view hex = "0123456789ABCDEF";
constexpr std::string_view bookmark_token = "_bookmark";
constexpr std::string_view cluster_scope_token = "_";

bool kept(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == ':';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // lower case is not canonical
}

void append_escaped(std::string& out, unsigned char c) {
  out += '%';
  out += hex[c >> 4];
  out += hex[c & 0xF];
}

// The byte escaped at token[i] ("%2E" -> '.'); nullopt unless it is a canonical escape
// (uppercase hex of a byte that escape_token does not keep).
std::optional<unsigned char> decode_escape(std::string_view token, size_t i) {
  if (token[i] != '%' || i + 2 >= token.size()) return std::nullopt;
  int hi = hex_value(token[i + 1]);
  int lo = hex_value(token[i + 2]);
  if (hi < 0 || lo < 0) return std::nullopt;
  auto decoded = static_cast<unsigned char>(hi * 16 + lo);
  if (kept(decoded)) return std::nullopt;
  return decoded;
}

std::vector<std::string_view> split(std::string_view subject) {
  std::vector<std::string_view> tokens;
  size_t start = 0;
  while (true) {
    auto dot = subject.find('.', start);
    tokens.push_back(subject.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return tokens;
}

// The tokens after `root` and `branch`, when `subject` starts with them.
std::optional<std::vector<std::string_view>> tokens_under(std::string_view subject,
                                                          std::string_view branch) {
  auto tokens = split(subject);
  if (tokens.size() < 3 || tokens[0] != "kactor" || tokens[1] != "v1" || tokens[2] != branch)
    return std::nullopt;
  tokens.erase(tokens.begin(), tokens.begin() + 3);
  return tokens;
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out{root};
  for (auto part : parts)
    (out += '.') += part;
  return out;
}

constexpr std::array<std::string_view, 11> verb_names = {"get",    "list",  "create",     "update",
                                                         "delete", "txn",   "watch-from", "compact",
                                                         "status", "range", "history"};

}  // namespace

bool valid_subject(std::string_view subject, bool allow_wildcards) {
  if (subject.empty()) return false;
  auto tokens = split(subject);
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto token = tokens[i];
    if (token.empty()) return false;
    for (unsigned char c : token)
      if (c <= ' ' || c == 0x7F) return false;
    if (token == "*" && !allow_wildcards) return false;
    if (token == ">" && (!allow_wildcards || i + 1 != tokens.size())) return false;
  }
  return true;
}

std::string escape_token(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (unsigned char c : raw) {
    if (kept(c))
      out += char(c);
    else
      append_escaped(out, c);
  }
  return out;
}

std::optional<std::string> unescape_token(std::string_view token) {
  if (token.empty()) return std::nullopt;
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    auto c = static_cast<unsigned char>(token[i]);
    if (kept(c)) {
      out += char(c);
      continue;
    }
    auto decoded = decode_escape(token, i);
    if (!decoded) return std::nullopt;
    out += char(*decoded);
    i += 2;
  }
  return out;
}

std::string group_token(std::string_view group) {
  if (group.empty()) return "core";
  std::string out;
  for (unsigned char c : group) {
    if (c == '.')
      out += '_';
    else if (kept(c))
      out += char(c);
    else
      append_escaped(out, c);
  }
  return out;
}

std::optional<std::string> parse_group_token(std::string_view token) {
  if (token == "core") return std::string{};
  if (token.empty()) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    auto c = static_cast<unsigned char>(token[i]);
    if (c == '_') {
      out += '.';
    } else if (kept(c)) {
      out += char(c);
    } else {
      auto decoded = decode_escape(token, i);
      if (!decoded || *decoded == '.') return std::nullopt;
      out += char(*decoded);
      i += 2;
    }
  }
  return out;
}

std::string namespace_token(std::string_view ns) {
  return ns.empty() ? std::string{cluster_scope_token} : escape_token(ns);
}

std::optional<std::string> parse_namespace_token(std::string_view token) {
  if (token == cluster_scope_token) return std::string{};
  return unescape_token(token);
}

std::string event(const object_ref& ref) {
  return join({"events", group_token(ref.group), escape_token(ref.resource),
               namespace_token(ref.ns), escape_token(ref.name)});
}

std::optional<object_ref> parse_event(std::string_view subject) {
  auto tokens = tokens_under(subject, "events");
  if (!tokens || tokens->size() != 4) return std::nullopt;
  auto& t = *tokens;
  auto group = parse_group_token(t[0]);
  auto resource = unescape_token(t[1]);
  auto ns = parse_namespace_token(t[2]);
  auto name = unescape_token(t[3]);
  if (!group || !resource || !ns || !name) return std::nullopt;
  return object_ref{std::move(*group), std::move(*resource), std::move(*ns), std::move(*name)};
}

std::string event_stream(std::string_view group, std::string_view resource) {
  return join({"events", group_token(group), escape_token(resource), ">"});
}

std::string event_bookmark(std::string_view group, std::string_view resource) {
  return join({"events", group_token(group), escape_token(resource), bookmark_token});
}

std::string events_in_namespace(std::string_view group, std::string_view resource,
                                std::string_view ns) {
  return join({"events", group_token(group), escape_token(resource), namespace_token(ns), "*"});
}

std::string all_events() {
  return join({"events", ">"});
}

std::string node_pod(std::string_view node, std::string_view ns, std::string_view name) {
  return join({"nodes", escape_token(node), "pods", namespace_token(ns), escape_token(name)});
}

std::optional<node_pod_ref> parse_node_pod(std::string_view subject) {
  auto tokens = tokens_under(subject, "nodes");
  if (!tokens || tokens->size() != 4 || (*tokens)[1] != "pods") return std::nullopt;
  auto& t = *tokens;
  auto node = unescape_token(t[0]);
  auto ns = parse_namespace_token(t[2]);
  auto name = unescape_token(t[3]);
  if (!node || !ns || !name) return std::nullopt;
  return node_pod_ref{std::move(*node), object_ref{"", "pods", std::move(*ns), std::move(*name)}};
}

std::string node_pod_stream(std::string_view node) {
  return join({"nodes", escape_token(node), "pods", ">"});
}

std::string node_pod_bookmark(std::string_view node) {
  return join({"nodes", escape_token(node), "pods", bookmark_token});
}

std::string node_rpc(std::string_view node, std::string_view verb) {
  return join({"nodes", escape_token(node), "rpc", escape_token(verb)});
}

std::string_view to_string(state_verb verb) {
  return verb_names[static_cast<size_t>(verb)];
}

std::string state(state_verb verb) {
  return join({"state", to_string(verb)});
}

std::string state_all() {
  return join({"state", "*"});
}

std::optional<state_verb> parse_state(std::string_view subject) {
  auto tokens = tokens_under(subject, "state");
  if (!tokens || tokens->size() != 1) return std::nullopt;
  for (size_t i = 0; i < verb_names.size(); ++i)
    if (verb_names[i] == (*tokens)[0]) return static_cast<state_verb>(i);
  return std::nullopt;
}

std::string heartbeat(std::string_view role, std::string_view instance) {
  return join({"heartbeats", escape_token(role), escape_token(instance)});
}

std::string all_heartbeats() {
  return join({"heartbeats", ">"});
}

std::string api_call() {
  return std::string(root) + ".api.call";
}

}  // namespace kactor::bus::subjects
