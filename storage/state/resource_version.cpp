#include "storage/state/resource_version.hpp"

#include <cstdint>

namespace kactor::state {

namespace {

void append_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

constexpr char metadata_tag = 0x0A;          // field 1, length-delimited
constexpr char resource_version_tag = 0x32;  // field 6, length-delimited

}  // namespace

void append_resource_version(std::string& object, storage::revision rev) {
  auto text = std::to_string(rev);
  std::string inner;
  inner.push_back(resource_version_tag);
  append_varint(inner, text.size());
  inner += text;
  object.push_back(metadata_tag);
  append_varint(object, inner.size());
  object += inner;
}

std::string with_resource_version(std::string_view object, storage::revision rev) {
  std::string out;
  out.reserve(object.size() + 24);
  out.append(object);
  append_resource_version(out, rev);
  return out;
}

}  // namespace kactor::state
