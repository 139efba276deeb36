#include "gateway/rest/object_meta.hpp"

#include <random>

#include <google/protobuf/util/message_differencer.h>

#include "k8s/core/v1/namespace.pb.h"
#include "messages/time.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;
using k8s::meta::v1::ObjectMeta;

namespace {

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

bool has_status_subresource(const messages::resource_info& info) {
  for (auto& s : info.subresources)
    if (s == "status") return true;
  return false;
}

const pb::FieldDescriptor* field(const pb::Message& m, const char* name) {
  return m.GetDescriptor()->FindFieldByName(name);
}

// Copies field `name` from `from` to `to` (clearing it in `to` when `from` lacks it).
void copy_field(const pb::Message& from, pb::Message& to, const char* name) {
  auto* f = field(to, name);
  if (!f || f->type() != pb::FieldDescriptor::TYPE_MESSAGE) return;
  auto* r = to.GetReflection();
  if (from.GetReflection()->HasField(from, f))
    r->MutableMessage(&to, f)->CopyFrom(from.GetReflection()->GetMessage(from, f));
  else
    r->ClearField(&to, f);
}

// True when everything but metadata and status is equal.
bool same_spec(const pb::Message& a, const pb::Message& b) {
  pb::util::MessageDifferencer diff;
  if (auto* m = field(a, "metadata")) diff.IgnoreField(m);
  if (auto* s = field(a, "status")) diff.IgnoreField(s);
  return diff.Compare(a, b);
}

}  // namespace

ObjectMeta* metadata_of(pb::Message& object) {
  auto* f = field(object, "metadata");
  if (!f || f->type() != pb::FieldDescriptor::TYPE_MESSAGE) return nullptr;
  return dynamic_cast<ObjectMeta*>(object.GetReflection()->MutableMessage(&object, f));
}

const ObjectMeta* metadata_of(const pb::Message& object) {
  auto* f = field(object, "metadata");
  if (!f || f->type() != pb::FieldDescriptor::TYPE_MESSAGE) return nullptr;
  return dynamic_cast<const ObjectMeta*>(&object.GetReflection()->GetMessage(object, f));
}

std::string new_uid() {
  std::uniform_int_distribution<int> hex(0, 15);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    int v = hex(rng());
    if (i == 12) v = 4;
    if (i == 16) v = 8 | (v & 3);
    out += digits[v];
  }
  return out;
}

std::string generate_name(std::string_view prefix) {
  static constexpr char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::uniform_int_distribution<int> pick(0, sizeof(alphabet) - 2);
  std::string out{prefix};
  for (int i = 0; i < 5; ++i)
    out += alphabet[pick(rng())];
  return out;
}

bool tracks_generation(const messages::resource_info& info) {
  if (!info.descriptor || !info.descriptor->FindFieldByName("spec")) return false;
  if (info.group.empty())
    return info.plural == "replicationcontrollers";  // pods, services, nodes ... do not
  return true;
}

std::optional<api_error> prepare_create(pb::Message& object, const request_scope& scope) {
  auto* meta = metadata_of(object);
  if (!meta) return bad_request("the object has no metadata");
  auto& info = *scope.resource;
  if (info.namespaced) {
    if (meta->namespace_().empty()) meta->set_namespace_(scope.ns);
    if (meta->namespace_() != scope.ns)
      return bad_request(
          "the namespace of the provided object does not match the namespace sent on the request");
  } else {
    meta->clear_namespace_();
  }
  if (meta->name().empty() && !meta->generatename().empty())
    meta->set_name(generate_name(meta->generatename()));
  meta->set_uid(new_uid());
  *meta->mutable_creationtimestamp() = messages::to_time(messages::now());
  meta->clear_resourceversion();
  meta->clear_deletiontimestamp();
  meta->clear_deletiongraceperiodseconds();
  meta->clear_selflink();
  if (tracks_generation(info))
    meta->set_generation(1);
  else
    meta->clear_generation();
  if (has_status_subresource(info) && !(info.group.empty() && info.plural == "nodes")) {
    if (auto* s = field(object, "status")) object.GetReflection()->ClearField(&object, s);
  }
  return std::nullopt;
}

std::optional<api_error> prepare_update(pb::Message& object, const pb::Message& old,
                                        const request_scope& scope) {
  auto* meta = metadata_of(object);
  auto* old_meta = metadata_of(old);
  if (!meta || !old_meta) return bad_request("the object has no metadata");
  if (meta->name().empty()) meta->set_name(old_meta->name());
  if (scope.resource->namespaced && meta->namespace_().empty())
    meta->set_namespace_(old_meta->namespace_());
  if (meta->name() != scope.name)
    return bad_request("the name of the object (" + meta->name() +
                       ") does not match the name on the URL (" + scope.name + ")");
  if (meta->namespace_() != old_meta->namespace_())
    return bad_request(
        "the namespace of the provided object does not match the namespace sent on the request");
  if (!meta->uid().empty() && meta->uid() != old_meta->uid())
    return conflict(scope.qualified(), scope.name,
                    "Precondition failed: UID in precondition: " + meta->uid() +
                        ", UID in object meta: " + old_meta->uid());
  if (scope.subresource == "finalize") {
    // Only spec.finalizers of a namespace changes.
    auto* ns = dynamic_cast<k8s::core::v1::Namespace*>(&object);
    if (!ns) return bad_request("finalize applies to namespaces only");
    auto next = dynamic_cast<const k8s::core::v1::Namespace&>(old);
    *next.mutable_spec()->mutable_finalizers() = ns->spec().finalizers();
    next.mutable_metadata()->set_resourceversion(meta->resourceversion());
    object.CopyFrom(next);
    return std::nullopt;
  }
  bool status_write = scope.subresource == "status";
  if (status_write) {
    // Only the status changes: everything else comes from the stored object.
    auto next = std::unique_ptr<pb::Message>(old.New());
    next->CopyFrom(old);
    copy_field(object, *next, "status");
    auto* next_meta = metadata_of(*next);
    next_meta->set_resourceversion(meta->resourceversion());
    object.CopyFrom(*next);
    return std::nullopt;
  }
  meta->set_uid(old_meta->uid());
  *meta->mutable_creationtimestamp() = old_meta->creationtimestamp();
  if (old_meta->has_deletiontimestamp())
    *meta->mutable_deletiontimestamp() = old_meta->deletiontimestamp();
  else
    meta->clear_deletiontimestamp();
  if (old_meta->has_deletiongraceperiodseconds())
    meta->set_deletiongraceperiodseconds(old_meta->deletiongraceperiodseconds());
  else
    meta->clear_deletiongraceperiodseconds();
  auto& info = *scope.resource;
  if (has_status_subresource(info) && scope.subresource != "binding")
    copy_field(old, object, "status");
  if (tracks_generation(info)) {
    auto gen = old_meta->generation();
    meta->set_generation(same_spec(object, old) ? gen : gen + 1);
  } else {
    meta->clear_generation();
  }
  return std::nullopt;
}

}  // namespace kactor::rest
