#include "gateway/openapi/descriptions.hpp"

#include "gateway/openapi/schema_comments.hpp"
#include "messages/codec/schema.hpp"

namespace kactor::openapi {

namespace {

std::string form_description(::kactor::JsonForm form) {
  switch (form) {
    case ::kactor::JSON_TIME:
      return "A point in time in UTC, written as RFC 3339 with second precision "
             "(\"2026-01-02T03:04:05Z\").";
    case ::kactor::JSON_MICRO_TIME:
      return "A point in time in UTC, written as RFC 3339 with microsecond precision "
             "(\"2026-01-02T03:04:05.123456Z\").";
    case ::kactor::JSON_DURATION:
      return "A length of time written as a Go duration (\"1h30m\", \"250ms\").";
    case ::kactor::JSON_QUANTITY:
      return "An amount in Kubernetes quantity notation: a number with an optional decimal "
             "(m, k, M, G ...) or binary (Ki, Mi, Gi ...) suffix or exponent, e.g. \"250m\", "
             "\"1Gi\", \"2\".";
    case ::kactor::JSON_INT_OR_STRING:
      return "Either an integer or a string: a port number or name (80, \"http\"), or an "
             "absolute number or percentage (2, \"25%\").";
    case ::kactor::JSON_RAW:
      return "An embedded JSON document, kept as written.";
    default:
      return "";
  }
}

bool has_items(const google::protobuf::Descriptor* type) {
  const auto* items = type->FindFieldByName("items");
  return items != nullptr && items->is_repeated();
}

}  // namespace

std::string type_description(const google::protobuf::Descriptor* type, const kind_index& kinds) {
  if (auto comment = schema_comment(type->full_name()); !comment.empty())
    return std::string(comment);
  const auto& gvks = kinds.kinds_of(type);
  if (!gvks.empty()) {
    const auto& gvk = gvks.front();
    if (has_items(type))
      return "A list of " + type->FindFieldByName("items")->message_type()->name() + " objects (" +
             gvk.api_version() + ").";
    return gvk.kind + " is an object of the " + gvk.api_version() + " API.";
  }
  return form_description(messages::json_form_of(type));
}

std::string field_description(const google::protobuf::FieldDescriptor* field,
                              const kind_index& kinds) {
  if (auto comment = schema_comment(field->full_name()); !comment.empty())
    return std::string(comment);
  const auto* type = field->message_type();
  const std::string& name = field->name();
  if (name == "metadata" && type != nullptr) {
    if (type->name() == "ObjectMeta")
      return "Standard object metadata: name, namespace, labels and annotations, owner "
             "references, and the fields the server maintains (uid, resourceVersion, "
             "generation, creationTimestamp ...).";
    if (type->name() == "ListMeta")
      return "Standard list metadata: the resourceVersion the list was read at and, when "
             "the list is paged, the continue token for the next page.";
  }
  if (!kinds.is_typed(field->containing_type())) return "";
  if (name == "spec") return "The desired state of the object, as its user declares it.";
  if (name == "status")
    return "The most recently observed state of the object, written by the system; "
           "read-only for users.";
  if (name == "items" && field->is_repeated()) return "The objects of the list.";
  return "";
}

const char* api_version_description() {
  return "The versioned schema of this object (\"v1\", \"apps/v1\"): the group and version "
         "the server decodes it with.";
}

const char* kind_description() {
  return "The type of this object in CamelCase (\"Pod\", \"Deployment\"); it must fit the "
         "endpoint the object is sent to.";
}

}  // namespace kactor::openapi
