#include "gateway/apply/field_path.hpp"

#include <charconv>

namespace kactor::apply {
namespace {

// Scalars compare across kinds as numbers < strings < booleans < anything else, so that
// mixed keys still have one order; within a kind by value.
int rank(const json& v) {
  if (v.is_number()) return 0;
  if (v.is_string()) return 1;
  if (v.is_boolean()) return 2;
  return 3;
}

int compare_values(const json& a, const json& b) {
  int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra == 0) {
    if (a.is_number_float() || b.is_number_float()) {
      double x = a.get<double>(), y = b.get<double>();
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (a.is_number_unsigned() && b.is_number_unsigned()) {
      auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  if (ra == 1) return a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
  if (ra == 2) return static_cast<int>(a.get<bool>()) - static_cast<int>(b.get<bool>());
  return a.dump().compare(b.dump());
}

// Key objects compare field by field (name, then value); a shorter prefix is smaller.
int compare_keys(const json& a, const json& b) {
  auto i = a.begin(), j = b.begin();
  for (; i != a.end() && j != b.end(); ++i, ++j) {
    if (int c = i.key().compare(j.key()); c != 0) return c;
    if (int c = compare_values(i.value(), j.value()); c != 0) return c;
  }
  if (i == a.end()) return j == b.end() ? 0 : -1;
  return 1;
}

// A scalar as messages print it: strings quoted, numbers and booleans as JSON.
std::string print_value(const json& v) {
  return v.dump();
}

}  // namespace

path_element path_element::field(std::string name) {
  path_element e;
  e.name = std::move(name);
  return e;
}

path_element path_element::key(json fields) {
  path_element e;
  e.type = kind::key;
  e.value = std::move(fields);
  return e;
}

path_element path_element::of_value(json value) {
  path_element e;
  e.type = kind::value;
  e.value = std::move(value);
  return e;
}

path_element path_element::at(std::size_t index) {
  path_element e;
  e.type = kind::index;
  e.index = index;
  return e;
}

std::string path_element::encode() const {
  switch (type) {
    case kind::field:
      return std::string("f:").append(name);
    case kind::key:
      return std::string("k:").append(value.dump());
    case kind::value:
      return std::string("v:").append(value.dump());
    case kind::index:
      return std::string("i:").append(std::to_string(index));
  }
  return {};
}

std::optional<path_element> path_element::decode(std::string_view text) {
  if (text.size() < 2 || text[1] != ':') return std::nullopt;
  auto rest = text.substr(2);
  switch (text[0]) {
    case 'f':
      return field(std::string(rest));
    case 'k':
    case 'v': {
      auto parsed = json::parse(rest.begin(), rest.end(), nullptr, false);
      if (parsed.is_discarded()) return std::nullopt;
      if (text[0] == 'k') {
        if (!parsed.is_object()) return std::nullopt;
        return key(std::move(parsed));
      }
      return of_value(std::move(parsed));
    }
    case 'i': {
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
      if (ec != std::errc{} || end != rest.data() + rest.size()) return std::nullopt;
      return at(n);
    }
    default:
      return std::nullopt;
  }
}

std::string path_element::to_string() const {
  switch (type) {
    case kind::field: {
      std::string out(1, '.');
      return out.append(name);
    }
    case kind::key: {
      std::string out = "[";
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it != value.begin()) out += ',';
        out += it.key() + "=" + print_value(it.value());
      }
      return out + "]";
    }
    case kind::value:
      return std::string("[=").append(print_value(value)).append("]");
    case kind::index:
      return std::string("[").append(std::to_string(index)).append("]");
  }
  return {};
}

int compare(const path_element& a, const path_element& b) {
  if (a.type != b.type) return a.type < b.type ? -1 : 1;
  switch (a.type) {
    case path_element::kind::field:
      return a.name.compare(b.name);
    case path_element::kind::key:
      return compare_keys(a.value, b.value);
    case path_element::kind::value:
      return compare_values(a.value, b.value);
    case path_element::kind::index:
      return a.index < b.index ? -1 : (b.index < a.index ? 1 : 0);
  }
  return 0;
}

std::string to_string(const field_path& path) {
  std::string out;
  for (const auto& e : path)
    out += e.to_string();
  return out;
}

}  // namespace kactor::apply
