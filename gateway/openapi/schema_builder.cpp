#include "gateway/openapi/schema_builder.hpp"

#include <vector>

#include "gateway/openapi/message_schema.hpp"
#include "gateway/openapi/schema_names.hpp"

namespace kactor::openapi {

std::string schema_builder::add(const google::protobuf::Descriptor* type) {
  std::vector<const google::protobuf::Descriptor*> pending{type};
  while (!pending.empty()) {
    const auto* next = pending.back();
    pending.pop_back();
    std::string name = definition_name(next);
    // Each message once: this also ends recursion through self-referring types.
    if (schemas_.contains(name)) continue;
    schemas_.emplace(name, message_schema(next, kinds_, pending));
  }
  return definition_name(type);
}

void schema_builder::add_named(const std::string& name, messages::json schema) {
  schemas_.emplace(name, std::move(schema));
}

messages::json schema_builder::schemas() const {
  messages::json out = messages::json::object();
  for (const auto& [name, schema] : schemas_)
    out[name] = schema;
  return out;
}

}  // namespace kactor::openapi
