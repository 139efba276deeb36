#pragma once

#include <string>

#include <google/protobuf/descriptor.h>

#include "gateway/openapi/kind_index.hpp"

namespace kactor::openapi {

/// The description of a message's schema: its .proto comment; else, for kinds and lists, a
/// generated sentence naming the kind and its API version; for Time, Quantity, IntOrString
/// and the other special JSON forms, a sentence on how values are written; "" otherwise.
std::string type_description(const google::protobuf::Descriptor* type, const kind_index& kinds);

/// The description of a field: its .proto comment; else, for the standard members of API
/// objects (metadata of ObjectMeta or ListMeta, and spec, status, items of a kind), a generic
/// sentence; "" otherwise.
std::string field_description(const google::protobuf::FieldDescriptor* field,
                              const kind_index& kinds);

/// Descriptions of the apiVersion and kind members every API object has.
const char* api_version_description();
const char* kind_description();

}  // namespace kactor::openapi
