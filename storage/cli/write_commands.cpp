#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>

#include "k8s/meta/v1/object_meta.pb.h"
#include "messages/manifest.hpp"
#include "storage/cli/commands.hpp"
#include "storage/state/state_verbs.hpp"

namespace kactor::store_cli {

namespace v1 = kactor::bus::v1;
namespace verbs = state::verbs;

namespace {

std::optional<std::string> read_text(const std::filesystem::path& file) {
  if (file == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The manifest in options.file as the stored bytes of the object `info` names: one document
// of the key's kind; an empty metadata.name or namespace is taken from the key, a different
// one is an error. On failure prints why and returns nullopt.
std::optional<std::string> object_for(session& s, const state::key_info& info) {
  const auto& file = s.options.file;
  auto text = read_text(file);
  if (!text) {
    s.fail("cannot read " + file.string());
    return std::nullopt;
  }
  auto decoded = messages::decode_manifests(*text, s.keys().types());
  if (!decoded) {
    s.fail(file.string() + ": " + decoded.error().message);
    return std::nullopt;
  }
  if (decoded->size() != 1) {
    s.fail(file.string() + ": expected one object, found " + std::to_string(decoded->size()));
    return std::nullopt;
  }
  auto& object = *(*decoded)[0].object;
  if (object.GetDescriptor() != info.resource->descriptor) {
    s.fail(file.string() + " holds a " + (*decoded)[0].api_version + " " + (*decoded)[0].kind +
           ", but " + s.options.key + " stores " + info.resource->api_version() + " " +
           info.resource->kind);
    return std::nullopt;
  }
  auto& meta = dynamic_cast<k8s::meta::v1::ObjectMeta&>(*object.GetReflection()->MutableMessage(
      &object, object.GetDescriptor()->FindFieldByNumber(1)));
  if (meta.name().empty()) meta.set_name(info.ref.name);
  if (meta.namespace_().empty()) meta.set_namespace_(info.ref.ns);
  if (meta.name() != info.ref.name || meta.namespace_() != info.ref.ns) {
    s.fail(file.string() + " names " + (meta.namespace_().empty() ? "" : meta.namespace_() + "/") +
           meta.name() + ", but the key is " + s.options.key);
    return std::nullopt;
  }
  meta.clear_resourceversion();  // the state actor sets it on the way out
  return object.SerializeAsString();
}

}  // namespace

int run_put(session& s) {
  auto info = object_key(s, s.options.key);
  if (!info) return 2;
  auto bytes = object_for(s, *info);
  if (!bytes) return 1;
  auto client = s.client();
  if (!client) return s.fail(verbs::update, client.error());
  // etcdctl's put: overwrite or create. An update first (most puts change something); when
  // the object does not exist, a create; when that loses a race, one more update.
  v1::UpdateRequest update;
  *update.mutable_ref() = wire_ref(info->ref);
  update.set_object(*bytes);
  v1::CreateRequest create;
  *create.mutable_ref() = wire_ref(info->ref);
  create.set_object(*bytes);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto updated = (*client)->call<v1::WriteReply>(verbs::update, update);
    if (!updated) return s.fail(verbs::update, updated.error());
    if (updated->error().code() != v1::Error::NOT_FOUND) {
      if (s.failed(updated->error())) return 1;
      s.out << "updated " << s.options.key << " at revision " << updated->revision() << "\n";
      return 0;
    }
    auto created = (*client)->call<v1::WriteReply>(verbs::create, create);
    if (!created) return s.fail(verbs::create, created.error());
    if (created->error().code() == v1::Error::ALREADY_EXISTS) continue;
    if (s.failed(created->error())) return 1;
    s.out << "created " << s.options.key << " at revision " << created->revision() << "\n";
    return 0;
  }
  return s.fail("put: " + s.options.key + " was created and deleted concurrently; try again");
}

int run_del(session& s) {
  auto info = object_key(s, s.options.key);
  if (!info) return 2;
  auto client = s.client();
  if (!client) return s.fail(verbs::remove, client.error());
  v1::DeleteRequest req;
  *req.mutable_ref() = wire_ref(info->ref);
  auto reply = (*client)->call<v1::WriteReply>(verbs::remove, req);
  if (!reply) return s.fail(verbs::remove, reply.error());
  if (s.failed(reply->error())) return 1;
  s.out << "deleted " << s.options.key << " at revision " << reply->revision() << "\n";
  return 0;
}

int run_compact(session& s) {
  auto client = s.client();
  if (!client) return s.fail(verbs::compact, client.error());
  v1::CompactRequest req;
  req.set_revision(s.options.revision);
  auto reply = (*client)->call<v1::CompactReply>(verbs::compact, req);
  if (!reply) return s.fail(verbs::compact, reply.error());
  if (s.failed(reply->error())) return 1;
  s.out << "compacted to revision " << reply->compacted_revision() << "\n";
  return 0;
}

}  // namespace kactor::store_cli
