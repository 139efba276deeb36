#include "storage/state/object_check.hpp"

#include <google/protobuf/message.h>

#include "k8s/meta/v1/object_meta.pb.h"

namespace kactor::state {

namespace {

using storage::error_code;
using storage::make_error;

std::string quoted(std::string_view s) {
  std::string out(1, '"');
  out.append(s);
  out.push_back('"');
  return out;
}

}  // namespace

storage::status check_object(const key_space& keys, const object_ref& ref,
                             std::string_view object) {
  auto info = keys.resource(ref.group, ref.resource);
  if (!info) return info.error();
  auto message = keys.types().new_message((*info)->descriptor);
  if (!message)
    return make_error(error_code::invalid, "no message type for " + quoted(ref.resource));
  if (!message->ParseFromArray(object.data(), static_cast<int>(object.size())))
    return make_error(error_code::invalid,
                      "the object does not parse as " + (*info)->descriptor->full_name());
  // Field 1 of every API object is its ObjectMeta (tested in resource_version.test.cpp).
  const auto* field = message->GetDescriptor()->FindFieldByNumber(1);
  const auto& meta = dynamic_cast<const k8s::meta::v1::ObjectMeta&>(
      message->GetReflection()->GetMessage(*message, field));
  if (meta.name() != ref.name)
    return make_error(error_code::invalid, "metadata.name " + quoted(meta.name()) +
                                               " does not match the name " + quoted(ref.name));
  if (meta.namespace_() != ref.ns)
    return make_error(error_code::invalid, "metadata.namespace " + quoted(meta.namespace_()) +
                                               " does not match the namespace " + quoted(ref.ns));
  return {};
}

}  // namespace kactor::state
