#include "actors/controllers/common/ownership.hpp"

#include <algorithm>

#include "actors/scheduler/selectors.hpp"
#include "messages/registry.hpp"

namespace kactor::controllers {

namespace {

const google::protobuf::FieldDescriptor* metadata_field(const google::protobuf::Message& m) {
  const auto* f = m.GetDescriptor()->FindFieldByName("metadata");
  if (!f || f->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE || f->is_repeated())
    return nullptr;
  if (f->message_type() != k8s::meta::v1::ObjectMeta::descriptor()) return nullptr;
  return f;
}

}  // namespace

const k8s::meta::v1::ObjectMeta* metadata_of(const google::protobuf::Message& object) {
  const auto* f = metadata_field(object);
  if (!f) return nullptr;
  return dynamic_cast<const k8s::meta::v1::ObjectMeta*>(
      &object.GetReflection()->GetMessage(object, f));
}

k8s::meta::v1::ObjectMeta* mutable_metadata_of(google::protobuf::Message& object) {
  const auto* f = metadata_field(object);
  if (!f) return nullptr;
  return dynamic_cast<k8s::meta::v1::ObjectMeta*>(
      object.GetReflection()->MutableMessage(&object, f));
}

const k8s::meta::v1::OwnerReference* controller_ref(const k8s::meta::v1::ObjectMeta& meta) {
  for (const auto& ref : meta.ownerreferences())
    if (ref.controller()) return &ref;
  return nullptr;
}

bool is_controlled_by(const k8s::meta::v1::ObjectMeta& meta, std::string_view owner_uid) {
  const auto* ref = controller_ref(meta);
  return ref && ref->uid() == owner_uid;
}

k8s::meta::v1::OwnerReference make_controller_ref(const google::protobuf::Message& owner) {
  k8s::meta::v1::OwnerReference ref;
  if (auto tm = messages::registry::generated().type_meta_of(owner.GetDescriptor())) {
    ref.set_apiversion(tm->api_version);
    ref.set_kind(tm->kind);
  }
  if (const auto* meta = metadata_of(owner)) {
    ref.set_name(meta->name());
    ref.set_uid(meta->uid());
  }
  ref.set_controller(true);
  ref.set_blockownerdeletion(true);
  return ref;
}

bool remove_owner_ref(k8s::meta::v1::ObjectMeta& meta, std::string_view owner_uid) {
  auto* refs = meta.mutable_ownerreferences();
  auto before = refs->size();
  refs->erase(std::remove_if(refs->begin(), refs->end(),
                             [&](const auto& r) { return r.uid() == owner_uid; }),
              refs->end());
  return refs->size() != before;
}

bool selects(const k8s::meta::v1::LabelSelector* selector, const label_map& labels) {
  if (!selector) return false;
  if (selector->matchlabels().empty() && selector->matchexpressions().empty()) return false;
  return scheduler::matches(*selector, labels);
}

}  // namespace kactor::controllers
