#include "gateway/patch/patch_type.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace kactor::patch {
namespace {

// Go's name for the JSON type it found where it wanted another.
std::string go_json_kind(const json& v) {
  switch (v.type()) {
    case json::value_t::array:
      return "array";
    case json::value_t::object:
      return "object";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return "bool";
    case json::value_t::null:
      return "null";
    default:
      return "number";
  }
}

}  // namespace

std::optional<patch_type> patch_type_of(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  std::string media(content_type.substr(0, semicolon));
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  media.erase(0, media.find_first_not_of(" \t"));
  media.erase(media.find_last_not_of(" \t") + 1);
  if (media == "application/json-patch+json") return patch_type::json_patch;
  if (media == "application/merge-patch+json") return patch_type::merge_patch;
  if (media == "application/strategic-merge-patch+json") return patch_type::strategic_merge_patch;
  if (media == "application/apply-patch+yaml") return patch_type::apply_patch;
  return std::nullopt;
}

std::string_view content_type_of(patch_type type) {
  switch (type) {
    case patch_type::json_patch:
      return "application/json-patch+json";
    case patch_type::merge_patch:
      return "application/merge-patch+json";
    case patch_type::strategic_merge_patch:
      return "application/strategic-merge-patch+json";
    case patch_type::apply_patch:
      return "application/apply-patch+yaml";
  }
  return {};
}

result<json> parse_patch(std::string_view body, patch_type type) {
  json value = json::parse(body, nullptr, false);
  if (value.is_discarded()) {
    return patch_error{patch_errc::bad_request, "invalid JSON in the patch body"};
  }
  if (type == patch_type::json_patch && !value.is_array()) {
    return patch_error{patch_errc::bad_request, "json: cannot unmarshal " + go_json_kind(value) +
                                                    " into Go value of type jsonpatch.Patch"};
  }
  if (type == patch_type::strategic_merge_patch && !value.is_object()) {
    return patch_error{patch_errc::bad_request,
                       "json: cannot unmarshal " + go_json_kind(value) +
                           " into Go value of type map[string]interface {}"};
  }
  return value;
}

}  // namespace kactor::patch
