#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "gateway/http/message.hpp"
#include "gateway/rest/request_scope.hpp"

// Decoding write request bodies: JSON, YAML or the Kubernetes protobuf envelope, into the
// message of the resource the URL names, with Kubernetes' fieldValidation.
namespace kactor::rest {

// fieldValidation: Strict fails on unknown or duplicate fields, Warn (the server default)
// returns them as warnings, Ignore drops them silently.
enum class field_validation { strict, warn, ignore };

// The query parameter's value; an unknown value is a 400 BadRequest.
result<field_validation> field_validation_of(const http::request& req);

enum class body_format { json, yaml, protobuf };

// The format of a request's Content-Type ("application/json; charset=utf-8" is json; no
// Content-Type is json). Anything else: 415 UnsupportedMediaType.
result<body_format> body_format_of(const http::request& req);

struct decoded_body {
  std::unique_ptr<google::protobuf::Message> object;  // of `expected`'s descriptor
  std::vector<std::string> warnings;                  // for Warning headers (mode warn)
};

// Decodes the object of a create/update body. The body's apiVersion/kind may be absent (the
// Python client omits them) but must name the URL's resource when present. Errors are 400
// BadRequest with kube-apiserver's texts
// (`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ...`).
result<decoded_body> decode_object_body(const http::request& req,
                                        const messages::resource_info& expected,
                                        const google::protobuf::Descriptor* type,
                                        field_validation mode);

// Decodes a JSON object given as the JSON model (a patched object) with the same rules.
result<decoded_body> decode_object_json(const json& value, const messages::resource_info& expected,
                                        const google::protobuf::Descriptor* type,
                                        field_validation mode);

// Parses a JSON or YAML body into the JSON model (patch documents, apply configurations,
// DeleteOptions). A body with more than one document is a 400.
result<json> parse_body_json(const http::request& req);

// `Warning` header values for decode warnings: `299 - "unknown field \"spec.foo\""`.
std::vector<std::string> warning_headers(const std::vector<std::string>& warnings);

}  // namespace kactor::rest
