#include "gateway/rest/changed_fields.hpp"

#include <google/protobuf/util/message_differencer.h>

#include "gateway/rest/object_meta.hpp"
#include "k8s/meta/v1/object_meta.pb.h"
#include "messages/codec/schema.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;
using FD = pb::FieldDescriptor;

namespace {

// A singular message field whose JSON is an object of its own fields.
bool is_structure(const FD* f) {
  return !f->is_repeated() && f->cpp_type() == FD::CPPTYPE_MESSAGE && !messages::is_inlined(f) &&
         messages::json_form_of(f->message_type()) == ::kactor::JSON_OBJECT;
}

bool same_scalar(const pb::Message& a, const pb::Message& b, const FD* f) {
  const auto* ra = a.GetReflection();
  const auto* rb = b.GetReflection();
  switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32:
      return ra->GetInt32(a, f) == rb->GetInt32(b, f);
    case FD::CPPTYPE_INT64:
      return ra->GetInt64(a, f) == rb->GetInt64(b, f);
    case FD::CPPTYPE_UINT32:
      return ra->GetUInt32(a, f) == rb->GetUInt32(b, f);
    case FD::CPPTYPE_UINT64:
      return ra->GetUInt64(a, f) == rb->GetUInt64(b, f);
    case FD::CPPTYPE_BOOL:
      return ra->GetBool(a, f) == rb->GetBool(b, f);
    case FD::CPPTYPE_ENUM:
      return ra->GetEnumValue(a, f) == rb->GetEnumValue(b, f);
    case FD::CPPTYPE_STRING: {
      std::string sa, sb;
      return ra->GetStringReference(a, f, &sa) == rb->GetStringReference(b, f, &sb);
    }
    default:
      return false;  // doubles and floats: compared in JSON (NaN, -0)
  }
}

// True when field `f` is certainly equal in `a` and `b`.
bool same_field(const pb::Message& a, const pb::Message& b, const FD* f) {
  if (f->is_repeated()) {
    pb::util::MessageDifferencer diff;
    return diff.CompareWithFields(a, b, {f}, {f});
  }
  bool has_a = a.GetReflection()->HasField(a, f);
  if (has_a != b.GetReflection()->HasField(b, f)) return false;
  if (!has_a) return true;
  if (f->cpp_type() == FD::CPPTYPE_MESSAGE)
    return a.GetReflection()->GetMessage(a, f).SerializeAsString() ==
           b.GetReflection()->GetMessage(b, f).SerializeAsString();
  return same_scalar(a, b, f);
}

void drop_equal(pb::Message& a, pb::Message& b, int depth) {
  const auto* type = a.GetDescriptor();
  const auto* ra = a.GetReflection();
  const auto* rb = b.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FD* f = type->field(i);
    if (same_field(a, b, f)) {
      ra->ClearField(&a, f);
      rb->ClearField(&b, f);
      continue;
    }
    if (depth > 1 && is_structure(f) && ra->HasField(a, f) && rb->HasField(b, f))
      drop_equal(*ra->MutableMessage(&a, f), *rb->MutableMessage(&b, f), depth - 1);
  }
}

}  // namespace

changed_pair changed_fields(const pb::Message& old, const pb::Message& updated, int depth) {
  changed_pair out{std::unique_ptr<pb::Message>(old.New()),
                   std::unique_ptr<pb::Message>(updated.New())};
  out.old_fields->CopyFrom(old);
  out.new_fields->CopyFrom(updated);
  if (old.GetDescriptor() != updated.GetDescriptor()) return out;
  // managedFields stay whatever else is dropped: track_update starts from them.
  google::protobuf::RepeatedPtrField<k8s::meta::v1::ManagedFieldsEntry> old_managed, new_managed;
  auto* old_meta = metadata_of(*out.old_fields);
  auto* new_meta = metadata_of(*out.new_fields);
  if (old_meta) old_meta->mutable_managedfields()->Swap(&old_managed);
  if (new_meta) new_meta->mutable_managedfields()->Swap(&new_managed);
  drop_equal(*out.old_fields, *out.new_fields, depth);
  if (old_meta && !old_managed.empty())
    metadata_of(*out.old_fields)->mutable_managedfields()->Swap(&old_managed);
  if (new_meta && !new_managed.empty())
    metadata_of(*out.new_fields)->mutable_managedfields()->Swap(&new_managed);
  return out;
}

}  // namespace kactor::rest
