#include "gateway/apply/ownership.hpp"

#include <algorithm>
#include <tuple>

namespace kactor::apply {
namespace {

field_set metadata_set(std::initializer_list<const char*> names) {
  field_set out;
  for (const char* name : names) {
    out.insert({path_element::field("metadata"), path_element::field(name)});
  }
  return out;
}

}  // namespace

const field_set& server_set_fields() {
  static const field_set set = metadata_set(
      {"uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
       "deletionGracePeriodSeconds", "selfLink", "managedFields"});
  return set;
}

const field_set& untracked_fields() {
  static const field_set set = [] {
    field_set out = server_set_fields().united(metadata_set({"name", "namespace", "clusterName"}));
    out.insert({path_element::field("apiVersion")});
    out.insert({path_element::field("kind")});
    out.insert({path_element::field("metadata")});
    return out;
  }();
  return set;
}

field_set reset_fields(const google::protobuf::Descriptor* kind, std::string_view subresource) {
  field_set out;
  if (kind == nullptr) return out;
  bool has_status = kind->FindFieldByName("status") != nullptr;
  if (subresource.empty() && has_status) out.insert({path_element::field("status")});
  if (subresource == "status") out.insert({path_element::field("spec")});
  return out;
}

json without_managed_fields(json object) {
  if (object.is_object()) {
    auto meta = object.find("metadata");
    if (meta != object.end() && meta->is_object()) meta->erase("managedFields");
  }
  return object;
}

const json* managed_fields_of(const json& object) {
  if (!object.is_object()) return nullptr;
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return nullptr;
  auto list = meta->find("managedFields");
  return list == meta->end() ? nullptr : &*list;
}

void store_managed_fields(json& object, std::vector<manager_entry> entries) {
  json list = encode_managed_fields(std::move(entries));
  json& meta = object["metadata"];
  if (!meta.is_object()) meta = json::object();
  if (list.empty()) {
    meta.erase("managedFields");
  } else {
    meta["managedFields"] = std::move(list);
  }
}

std::vector<conflict> take_ownership(std::vector<manager_entry>& managers,
                                     const manager_entry& self, const comparison& changes,
                                     bool force) {
  field_set changed = changes.added.united(changes.modified);
  std::vector<const manager_entry*> owners;
  for (const auto& m : managers) {
    if (!m.same_identity(self) && !m.fields.intersected(changed).empty()) owners.push_back(&m);
  }
  if (!force && !owners.empty()) {
    std::sort(owners.begin(), owners.end(), [](const manager_entry* a, const manager_entry* b) {
      return std::tie(a->manager, a->operation, a->api_version, a->subresource) <
             std::tie(b->manager, b->operation, b->api_version, b->subresource);
    });
    std::vector<conflict> out;
    for (const auto* m : owners) {
      m->fields.intersected(changed).for_each([&](const field_path& p) { out.push_back({m, p}); });
    }
    return out;
  }
  for (auto& m : managers) {
    if (m.same_identity(self)) continue;
    m.fields = m.fields.minus(changed).minus(changes.removed);
  }
  drop_empty(managers);
  return {};
}

void drop_empty(std::vector<manager_entry>& managers) {
  managers.erase(std::remove_if(managers.begin(), managers.end(),
                                [](const manager_entry& m) { return m.fields.empty(); }),
                 managers.end());
}

}  // namespace kactor::apply
