#pragma once

#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

namespace kactor::messages {

/// An API object decoded from JSON, YAML or a Kubernetes protobuf body.
struct decoded_object {
  std::string api_version;                            ///< as the input named it ("apps/v1")
  std::string kind;                                   ///< as the input named it ("Deployment")
  std::unique_ptr<google::protobuf::Message> object;  ///< never null on success
  /// What was dropped without failing: `unknown field "spec.foo"`, `duplicate field "x"`,
  /// unknown protobuf field numbers. Kubernetes returns these as Warning headers.
  std::vector<std::string> warnings;
};

}  // namespace kactor::messages
