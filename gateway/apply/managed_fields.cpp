#include "gateway/apply/managed_fields.hpp"

#include <algorithm>
#include <tuple>

namespace kactor::apply {
namespace {

std::string string_member(const json& entry, const char* name) {
  auto it = entry.find(name);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

bool manager_entry::same_identity(const manager_entry& other) const {
  if (manager != other.manager || operation != other.operation) return false;
  if (subresource != other.subresource) return false;
  return is_apply() || api_version == other.api_version;
}

std::string manager_entry::printed() const {
  std::string out = json(manager).dump();
  if (!subresource.empty()) out += " with subresource " + json(subresource).dump();
  if (!is_apply()) out += " using " + api_version;
  return out;
}

messages::basic_result<std::vector<manager_entry>, std::string> decode_managed_fields(
    const json* list) {
  std::vector<manager_entry> out;
  if (list == nullptr || list->is_null()) return out;
  if (!list->is_array()) return std::string("managedFields must be a list");
  for (const auto& item : *list) {
    if (!item.is_object()) return std::string("managedFields entries must be objects");
    manager_entry e;
    e.manager = string_member(item, "manager");
    e.operation = string_member(item, "operation");
    e.api_version = string_member(item, "apiVersion");
    e.time = string_member(item, "time");
    e.subresource = string_member(item, "subresource");
    if (e.operation != "Apply" && e.operation != "Update") {
      return "unknown operation \"" + e.operation + "\" of manager \"" + e.manager + "\"";
    }
    auto type = string_member(item, "fieldsType");
    if (type != "FieldsV1") return "invalid fieldsType \"" + type + "\": must be FieldsV1";
    auto fields = item.find("fieldsV1");
    if (fields != item.end() && !fields->is_null()) {
      auto set = field_set::from_fields_v1(*fields);
      if (!set) return "invalid fieldsV1 of manager \"" + e.manager + "\"";
      e.fields = std::move(*set);
    }
    if (find_entry(out, e) != nullptr) {
      return "duplicate entries for manager \"" + e.manager + "\" (" + e.operation + ")";
    }
    out.push_back(std::move(e));
  }
  return out;
}

json encode_managed_fields(std::vector<manager_entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const manager_entry& a, const manager_entry& b) {
    return std::tie(a.operation, a.time, a.manager, a.api_version, a.subresource) <
           std::tie(b.operation, b.time, b.manager, b.api_version, b.subresource);
  });
  json out = json::array();
  for (const auto& e : entries) {
    if (e.fields.empty()) continue;
    json item = json::object();
    item["manager"] = e.manager;
    item["operation"] = e.operation;
    item["apiVersion"] = e.api_version;
    if (!e.time.empty()) item["time"] = e.time;
    item["fieldsType"] = "FieldsV1";
    item["fieldsV1"] = e.fields.to_fields_v1();
    if (!e.subresource.empty()) item["subresource"] = e.subresource;
    out.push_back(std::move(item));
  }
  return out;
}

manager_entry* find_entry(std::vector<manager_entry>& entries, const manager_entry& id) {
  for (auto& e : entries) {
    if (e.same_identity(id)) return &e;
  }
  return nullptr;
}

}  // namespace kactor::apply
