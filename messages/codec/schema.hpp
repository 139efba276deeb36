#pragma once

#include <google/protobuf/descriptor.h>

#include "kactor/options.pb.h"

namespace kactor::messages {

/// How a message type is written in JSON (its `(kactor.json)` option; JSON_OBJECT if none).
::kactor::JsonForm json_form_of(const google::protobuf::Descriptor* type);

/// The field is a Go pointer (`(kactor.pointer)`): its zero value is meaningful.
bool is_pointer(const google::protobuf::FieldDescriptor* field);

/// The field is embedded with `json:",inline"` (`(kactor.inlined)`): its members appear in
/// the parent object.
bool is_inlined(const google::protobuf::FieldDescriptor* field);

/// The type is a served API object (`(kactor.resource)`): in JSON it may carry its own
/// "apiVersion" and "kind" members (Go embeds TypeMeta), e.g. as an item of a list.
bool is_api_object(const google::protobuf::Descriptor* type);

}  // namespace kactor::messages
