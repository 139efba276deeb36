#include "node/staticpods/static_manifests.hpp"

#include <cstdio>
#include <functional>

#include "messages/manifest.hpp"

namespace kactor::node::staticpods {

namespace {

// A stable short hash of the pod as the manifest wrote it (FNV-1a over its bytes; protobuf
// serialization of one schema is deterministic for equal messages).
std::string hash_of(const k8s::core::v1::Pod& pod) {
  std::string bytes;
  pod.SerializeToString(&bytes);
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : bytes) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

std::vector<k8s::core::v1::Pod> mirror_pods(std::string_view text, std::string_view origin,
                                            std::string_view source, const std::string& node,
                                            const std::string& node_uid,
                                            std::vector<std::string>& problems) {
  std::vector<k8s::core::v1::Pod> out;
  auto docs = messages::decode_manifests(text, messages::registry::generated());
  if (!docs) {
    problems.push_back(std::string(origin) + ": " + docs.error().message);
    return out;
  }
  for (auto& doc : *docs) {
    auto* pod = dynamic_cast<k8s::core::v1::Pod*>(doc.object.get());
    if (!pod) {
      problems.push_back(std::string(origin) + ": kind " + doc.kind + " is not a Pod: skipped");
      continue;
    }
    if (pod->metadata().name().empty()) {
      problems.push_back(std::string(origin) + ": a static pod needs metadata.name");
      continue;
    }
    auto hash = hash_of(*pod);
    auto* meta = pod->mutable_metadata();
    meta->set_name(meta->name() + "-" + node);
    if (meta->namespace_().empty()) meta->set_namespace_("default");
    (*meta->mutable_annotations())[source_annotation] = std::string(source);
    (*meta->mutable_annotations())[hash_annotation] = hash;
    (*meta->mutable_annotations())[mirror_annotation] = hash;
    if (!node_uid.empty()) {
      auto* owner = meta->add_ownerreferences();
      owner->set_apiversion("v1");
      owner->set_kind("Node");
      owner->set_name(node);
      owner->set_uid(node_uid);
      owner->set_controller(true);
    }
    pod->mutable_spec()->set_nodename(node);
    out.push_back(std::move(*pod));
  }
  return out;
}

std::string mirror_hash(const k8s::core::v1::Pod& pod) {
  const auto& a = pod.metadata().annotations();
  auto it = a.find(mirror_annotation);
  return it == a.end() ? std::string() : it->second;
}

}  // namespace kactor::node::staticpods
