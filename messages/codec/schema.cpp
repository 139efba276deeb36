#include "messages/codec/schema.hpp"

namespace kactor::messages {

::kactor::JsonForm json_form_of(const google::protobuf::Descriptor* type) {
  return type->options().GetExtension(::kactor::json);
}

bool is_pointer(const google::protobuf::FieldDescriptor* field) {
  return field->options().GetExtension(::kactor::pointer);
}

bool is_inlined(const google::protobuf::FieldDescriptor* field) {
  return field->options().GetExtension(::kactor::inlined);
}

bool is_api_object(const google::protobuf::Descriptor* type) {
  return type->options().HasExtension(::kactor::resource);
}

}  // namespace kactor::messages
