#include "gateway/discovery/negotiation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace kactor::discovery {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits `s` at every `sep`, trimming each piece.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto pos = s.find(sep);
    out.push_back(trim(s.substr(0, pos)));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

bool parse_range(std::string_view text, media_range& out) {
  auto parts = split(text, ';');
  if (parts[0].find('/') == std::string_view::npos) return false;
  out.type = lower(parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = lower(trim(parts[i].substr(0, eq)));
    std::string_view value = trim(parts[i].substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (name == "q")
      out.quality = std::clamp(std::strtod(std::string(value).c_str(), nullptr), 0.0, 1.0);
    else
      out.parameters.emplace_back(std::move(name), std::string(value));
  }
  return true;
}

// Parameters that do not change what a plain JSON range means.
bool neutral_parameter(std::string_view name) {
  return name == "charset" || name == "pretty";
}

}  // namespace

std::string_view media_range::parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters)
    if (key == name) return value;
  return {};
}

std::vector<media_range> parse_accept(std::string_view accept) {
  std::vector<media_range> out;
  for (std::string_view entry : split(accept, ',')) {
    media_range range;
    if (entry.empty() || !parse_range(entry, range) || range.quality <= 0) continue;
    out.push_back(std::move(range));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.quality > b.quality; });
  return out;
}

discovery_format negotiate_discovery(std::string_view accept) {
  if (trim(accept).empty()) return discovery_format::legacy;
  for (const media_range& range : parse_accept(accept)) {
    if (range.type == "*/*" || range.type == "application/*") return discovery_format::legacy;
    if (range.type != "application/json") continue;
    if (range.parameter("g") == "apidiscovery.k8s.io" &&
        range.parameter("as") == "APIGroupDiscoveryList") {
      if (range.parameter("v") == "v2") return discovery_format::aggregated_v2;
      if (range.parameter("v") == "v2beta1") return discovery_format::aggregated_v2beta1;
      continue;
    }
    bool plain = std::all_of(range.parameters.begin(), range.parameters.end(),
                             [](const auto& p) { return neutral_parameter(p.first); });
    if (plain) return discovery_format::legacy;
  }
  return discovery_format::not_acceptable;
}

std::string_view discovery_content_type(discovery_format format) {
  switch (format) {
    case discovery_format::aggregated_v2:
      return "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    case discovery_format::aggregated_v2beta1:
      return "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    default:
      return "application/json";
  }
}

}  // namespace kactor::discovery
