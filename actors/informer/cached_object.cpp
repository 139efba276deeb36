#include "actors/informer/cached_object.hpp"

#include <google/protobuf/descriptor.h>

namespace kactor::informer {

namespace gp = google::protobuf;

std::string cached_object::key() const {
  return object_key(ns, name);
}

std::string object_key(std::string_view ns, std::string_view name) {
  if (ns.empty()) return std::string{name};
  std::string out;
  out.reserve(ns.size() + 1 + name.size());
  out.append(ns).append(1, '/').append(name);
  return out;
}

std::optional<object_identity> identity_of(const gp::Message& message) {
  const auto* meta_field = message.GetDescriptor()->FindFieldByName("metadata");
  if (!meta_field || meta_field->type() != gp::FieldDescriptor::TYPE_MESSAGE ||
      meta_field->is_repeated())
    return std::nullopt;
  const auto* reflection = message.GetReflection();
  const auto& meta = reflection->GetMessage(message, meta_field);
  const auto* meta_type = meta.GetDescriptor();
  const auto* name_field = meta_type->FindFieldByName("name");
  const auto* ns_field = meta_type->FindFieldByName("namespace");
  if (!name_field || name_field->type() != gp::FieldDescriptor::TYPE_STRING) return std::nullopt;
  object_identity id;
  id.name = meta.GetReflection()->GetString(meta, name_field);
  if (ns_field && ns_field->type() == gp::FieldDescriptor::TYPE_STRING)
    id.ns = meta.GetReflection()->GetString(meta, ns_field);
  if (id.name.empty()) return std::nullopt;
  return id;
}

void strip_managed_fields(gp::Message& message) {
  const auto* meta_field = message.GetDescriptor()->FindFieldByName("metadata");
  if (!meta_field || meta_field->type() != gp::FieldDescriptor::TYPE_MESSAGE ||
      meta_field->is_repeated() || !message.GetReflection()->HasField(message, meta_field))
    return;
  auto* meta = message.GetReflection()->MutableMessage(&message, meta_field);
  if (const auto* managed = meta->GetDescriptor()->FindFieldByName("managedFields"))
    meta->GetReflection()->ClearField(meta, managed);
}

messages::result<object_ptr> decode_object(const gp::Message& prototype, std::string bytes,
                                           std::uint64_t revision, std::string ns, std::string name,
                                           bool lean) {
  std::shared_ptr<gp::Message> message{prototype.New()};
  if (!message->ParseFromString(bytes))
    return messages::codec_error{messages::codec_errc::syntax,
                                 "object bytes do not parse as " + prototype.GetTypeName()};
  if (lean) {
    strip_managed_fields(*message);
    bytes.clear();
    bytes.shrink_to_fit();
  }
  if (name.empty()) {
    auto id = identity_of(*message);
    if (!id)
      return messages::codec_error{messages::codec_errc::syntax,
                                   prototype.GetTypeName() + " without metadata.name"};
    ns = std::move(id->ns);
    name = std::move(id->name);
  }
  auto out = std::make_shared<cached_object>();
  out->ns = std::move(ns);
  out->name = std::move(name);
  out->revision = revision;
  out->bytes = std::move(bytes);
  out->message = std::move(message);
  return object_ptr{std::move(out)};
}

std::shared_ptr<const std::string> cached_object::derived_text(
    const std::function<std::string(const google::protobuf::Message&)>& make) const {
  auto current = derived_.load(std::memory_order_acquire);
  if (current) return current;
  auto made = std::make_shared<const std::string>(make(*message));
  derived_.store(made, std::memory_order_release);
  return made;
}

}  // namespace kactor::informer
