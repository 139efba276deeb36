#include "messages/registry.hpp"

#include <algorithm>
#include <cctype>

#include <google/protobuf/message.h>

#include "kactor/options.pb.h"
#include "messages/proto_files.hpp"

namespace kactor::messages {

namespace {

using google::protobuf::Descriptor;

constexpr std::string_view meta_group_version = "meta.k8s.io/v1";

// Kinds Kubernetes registers into every group-version (metav1.AddToGroupVersion and the
// unversioned types), so a body may name them under any apiVersion.
constexpr std::string_view meta_fallback_kinds[] = {"Status",
                                                    "WatchEvent",
                                                    "DeleteOptions",
                                                    "ListOptions",
                                                    "GetOptions",
                                                    "CreateOptions",
                                                    "UpdateOptions",
                                                    "PatchOptions",
                                                    "List",
                                                    "APIVersions",
                                                    "APIGroupList",
                                                    "APIGroup",
                                                    "APIResourceList",
                                                    "Table",
                                                    "PartialObjectMetadata",
                                                    "PartialObjectMetadataList"};

// Types Kubernetes writes with apiVersion "v1" although they live in meta.k8s.io.
constexpr std::string_view unversioned_kinds[] = {"Status", "APIVersions", "APIGroupList",
                                                  "APIGroup", "APIResourceList"};

std::string kind_key(std::string_view api_version, std::string_view kind) {
  return std::string(api_version) + "|" + std::string(kind);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// "v1beta2" -> {major 1, stage 1 (beta), minor 2}; stage 2 = GA, 0 = alpha; nullopt if other.
struct parsed_version {
  int major, stage, minor;
};

std::optional<parsed_version> parse_version(std::string_view v) {
  if (v.size() < 2 || v[0] != 'v' || !std::isdigit(static_cast<unsigned char>(v[1])))
    return std::nullopt;
  std::size_t i = 1;
  int major = 0;
  for (; i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])); ++i)
    major = major * 10 + (v[i] - '0');
  if (i == v.size()) return parsed_version{major, 2, 0};
  int stage;
  std::string_view rest = v.substr(i);
  if (rest.starts_with("alpha"))
    stage = 0, rest.remove_prefix(5);
  else if (rest.starts_with("beta"))
    stage = 1, rest.remove_prefix(4);
  else
    return std::nullopt;
  if (rest.empty()) return std::nullopt;
  int minor = 0;
  for (char c : rest) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    minor = minor * 10 + (c - '0');
  }
  return parsed_version{major, stage, minor};
}

resource_info make_resource(const Descriptor* type, const std::string& group,
                            const std::string& version) {
  const ::kactor::Resource& option = type->options().GetExtension(::kactor::resource);
  resource_info info;
  info.group = group;
  info.version = version;
  info.kind = type->name();
  info.plural = option.plural();
  info.singular = option.has_singular() ? option.singular() : lower(type->name());
  info.namespaced = option.namespaced();
  info.short_names.assign(option.short_names().begin(), option.short_names().end());
  info.categories.assign(option.categories().begin(), option.categories().end());
  info.subresources.assign(option.subresources().begin(), option.subresources().end());
  info.verbs.assign(option.verbs().begin(), option.verbs().end());
  if (info.verbs.empty())
    info.verbs = {"create", "delete", "deletecollection", "get",
                  "list",   "patch",  "update",           "watch"};
  info.descriptor = type;
  info.list_descriptor = type->file()->pool()->FindMessageTypeByName(type->full_name() + "List");
  return info;
}

}  // namespace

std::string resource_info::api_version() const {
  return group.empty() ? version : group + "/" + version;
}

bool version_precedes(std::string_view a, std::string_view b) {
  auto pa = parse_version(a);
  auto pb = parse_version(b);
  if (pa && pb) {
    if (pa->stage != pb->stage) return pa->stage > pb->stage;
    if (pa->major != pb->major) return pa->major > pb->major;
    return pa->minor > pb->minor;
  }
  if (pa || pb) return pa.has_value();
  return a < b;
}

const registry& registry::generated() {
  static const registry instance = [] {
    std::vector<std::string> files;
    for (std::string_view name : proto_files())
      files.emplace_back(name);
    return registry(*google::protobuf::DescriptorPool::generated_pool(), files);
  }();
  return instance;
}

registry::registry(const google::protobuf::DescriptorPool& pool,
                   const std::vector<std::string>& files) {
  for (const auto& name : files) {
    const google::protobuf::FileDescriptor* file = pool.FindFileByName(name);
    if (file == nullptr || !file->options().HasExtension(::kactor::api_version)) continue;
    const std::string& group = file->options().GetExtension(::kactor::api_group);
    const std::string& version = file->options().GetExtension(::kactor::api_version);
    std::string api_version = group.empty() ? version : group + "/" + version;
    for (int i = 0; i < file->message_type_count(); ++i) {
      const Descriptor* type = file->message_type(i);
      kinds_.emplace(kind_key(api_version, type->name()), type);
      bool unversioned = api_version == meta_group_version &&
                         std::find(std::begin(unversioned_kinds), std::end(unversioned_kinds),
                                   type->name()) != std::end(unversioned_kinds);
      type_metas_.emplace(type, type_meta{unversioned ? "v1" : api_version, type->name()});
      if (type->options().HasExtension(::kactor::resource))
        resources_.push_back(make_resource(type, group, version));
    }
  }
  std::sort(resources_.begin(), resources_.end(), [](const auto& a, const auto& b) {
    if (a.group != b.group) return a.group < b.group;  // "" (core) sorts first
    if (a.version != b.version) return version_precedes(a.version, b.version);
    return a.plural < b.plural;
  });
  for (const auto& r : resources_) {
    group_version gv{r.group, r.version};
    if (group_versions_.empty() || !(group_versions_.back() == gv)) group_versions_.push_back(gv);
  }
}

const Descriptor* registry::find_kind(std::string_view api_version, std::string_view kind) const {
  if (auto it = kinds_.find(kind_key(api_version, kind)); it != kinds_.end()) return it->second;
  for (std::string_view fallback : meta_fallback_kinds) {
    if (fallback != kind) continue;
    if (auto it = kinds_.find(kind_key(meta_group_version, kind)); it != kinds_.end())
      return it->second;
  }
  return nullptr;
}

std::optional<type_meta> registry::type_meta_of(const Descriptor* type) const {
  if (auto it = type_metas_.find(type); it != type_metas_.end()) return it->second;
  return std::nullopt;
}

const resource_info* registry::find_resource(std::string_view group, std::string_view version,
                                             std::string_view plural) const {
  for (const auto& r : resources_)
    if (r.group == group && r.version == version && r.plural == plural) return &r;
  return nullptr;
}

const resource_info* registry::find_resource_for_kind(std::string_view api_version,
                                                      std::string_view kind) const {
  for (const auto& r : resources_)
    if (r.kind == kind && r.api_version() == api_version) return &r;
  return nullptr;
}

const resource_info* registry::find_resource_by_name(std::string_view name) const {
  // "deployments", "deployments.apps", "deployments.v1.apps".
  std::string_view resource = name.substr(0, name.find('.'));
  std::optional<std::string_view> group, version;
  if (resource.size() < name.size()) {
    std::string_view rest = name.substr(resource.size() + 1);
    std::string_view first = rest.substr(0, rest.find('.'));
    if (first.size() < rest.size() && parse_version(first)) {
      version = first;
      group = rest.substr(first.size() + 1);
    } else {
      group = rest;
    }
  }
  std::string wanted = lower(resource);
  for (const auto& r : resources_) {
    if (group && r.group != *group) continue;
    if (version && r.version != *version) continue;
    if (r.plural == wanted || r.singular == wanted || contains(r.short_names, wanted) ||
        lower(r.kind) == wanted)
      return &r;
  }
  return nullptr;
}

std::unique_ptr<google::protobuf::Message> registry::new_message(const Descriptor* type) const {
  if (type == nullptr) return nullptr;
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return nullptr;
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

}  // namespace kactor::messages
