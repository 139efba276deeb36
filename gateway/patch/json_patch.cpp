#include "gateway/patch/json_patch.hpp"

#include <set>

namespace kactor::patch {
namespace {

const std::set<std::string, std::less<>> known_ops = {"add",  "remove", "replace",
                                                      "move", "copy",   "test"};

patch_error unprocessable(std::string message) {
  return {patch_errc::unprocessable, std::move(message)};
}

// Why `op` (already shape-checked) cannot apply to `document`, if nlohmann refused it.
std::string failure_text(const json& op, const json::exception& e) {
  const auto& name = op["op"].get_ref<const std::string&>();
  std::string path = op.value("path", "");
  if (name == "test") return "testing value " + path + " failed";
  if (dynamic_cast<const json::out_of_range*>(&e) != nullptr) {
    if (name == "move" || name == "copy") {
      return name + " operation does not apply: doc is missing from path: " + op.value("from", "");
    }
    return name + " operation does not apply: doc is missing path: " + path;
  }
  return name + " operation does not apply: " + e.what();
}

}  // namespace

result<json> apply_json_patch(const json& document, const json& patch) {
  if (!patch.is_array()) {
    return patch_error{patch_errc::bad_request, "json: cannot unmarshal " +
                                                    std::string(patch.type_name()) +
                                                    " into Go value of type jsonpatch.Patch"};
  }
  json current = document;
  for (const auto& op : patch) {
    if (!op.is_object() || !op.contains("op") || !op["op"].is_string()) {
      return unprocessable("Unexpected kind: " +
                           (op.is_object() ? op.value("op", json()).dump() : op.dump()));
    }
    const auto& name = op["op"].get_ref<const std::string&>();
    if (known_ops.find(name) == known_ops.end()) return unprocessable("Unexpected kind: " + name);
    if (!op.contains("path") || !op["path"].is_string()) {
      return unprocessable(name + " operation does not apply: missing path");
    }
    if ((name == "add" || name == "replace" || name == "test") && !op.contains("value")) {
      return unprocessable(name + " operation does not apply: missing value");
    }
    if ((name == "move" || name == "copy") && (!op.contains("from") || !op["from"].is_string())) {
      return unprocessable(name + " operation does not apply: missing from");
    }
    try {
      current = current.patch(json::array({op}));
    } catch (const json::exception& e) {
      return unprocessable(failure_text(op, e));
    }
  }
  return current;
}

json apply_merge_patch(const json& document, const json& patch) {
  json out = document;
  out.merge_patch(patch);
  return out;
}

}  // namespace kactor::patch
