#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace kactor::selectors {

/// How one selectable field of a kind is read from an object: a path of schema fields
/// (resolved once through the kind's descriptor) or, for the few fields Kubernetes computes
/// (pod `status.podIP`, event `source`), a function.
class field_reader {
 public:
  using compute_fn = std::string (*)(const google::protobuf::Message&);

  field_reader(std::vector<const google::protobuf::FieldDescriptor*> path)
      : path_(std::move(path)) {}
  explicit field_reader(compute_fn fn) : compute_(fn) {}

  /// The field's value as Kubernetes compares it: strings as they are, booleans "true" /
  /// "false", integers in decimal; an unset field (or unset parent) reads as its zero value
  /// ("", "false", "0"). `object` must be of the kind the reader was made for.
  std::string read(const google::protobuf::Message& object) const;

 private:
  std::vector<const google::protobuf::FieldDescriptor*> path_;
  compute_fn compute_ = nullptr;
};

/// The reader for field label `field` of objects of `kind` (a served kind's descriptor),
/// after Kubernetes' renames (pod `spec.host` is `spec.nodeName`, job `status.successful`
/// reads `status.succeeded`, events.k8s.io `regarding.kind` ...); null when `kind` does not
/// support selecting by that field. Readers live as long as the program.
const field_reader* find_field(const google::protobuf::Descriptor* kind, std::string_view field);

/// The field labels `kind` supports, in table order: metadata.name and metadata.namespace
/// (Node and Namespace: metadata.name only, as in Kubernetes), then the kind's own.
std::vector<std::string> supported_fields(const google::protobuf::Descriptor* kind);

}  // namespace kactor::selectors
