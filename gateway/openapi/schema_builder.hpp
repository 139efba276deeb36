#pragma once

#include <map>
#include <string>

#include <google/protobuf/descriptor.h>

#include "gateway/openapi/kind_index.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::openapi {

/// Collects the `components.schemas` of one OpenAPI document: every message added and every
/// message reachable from its fields, each once, under its definition name (schema_names.hpp).
class schema_builder {
 public:
  /// `kinds` must outlive the builder.
  explicit schema_builder(const kind_index& kinds) : kinds_(kinds) {}

  /// Adds the schema of `type` and of everything it refers to; returns its definition name.
  std::string add(const google::protobuf::Descriptor* type);

  /// Adds a schema no message describes, e.g. meta/v1 Patch (kept if the name exists).
  void add_named(const std::string& name, messages::json schema);

  /// True if a schema of that definition name was added.
  bool contains(const std::string& name) const { return schemas_.contains(name); }

  /// The schemas, sorted by name (the order Kubernetes writes them in).
  messages::json schemas() const;

 private:
  const kind_index& kinds_;
  std::map<std::string, messages::json> schemas_;
};

}  // namespace kactor::openapi
