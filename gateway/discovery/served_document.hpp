#pragma once

#include <string>
#include <string_view>

#include "messages/codec/json_path.hpp"

namespace kactor::discovery {

/// A response body built once and served many times: discovery and OpenAPI documents are
/// immutable for the life of the process, so the JSON is serialized and hashed up front.
struct served_document {
  messages::json value;      ///< the document
  std::string body;          ///< `value` serialized compactly: the bytes to send
  std::string content_type;  ///< the exact Content-Type to answer with
  std::string hash;          ///< content_hash(body)
  std::string etag;          ///< strong validator for ETag / If-None-Match: "\"" + hash + "\""
};

/// Serializes `value` and computes its hash and ETag.
served_document make_document(messages::json value, std::string content_type);

/// A stable hash of `bytes`: 64-bit FNV-1a as 16 upper-case hex digits. The same bytes give
/// the same hash in every process and build, so clients may cache by it across restarts.
std::string content_hash(std::string_view bytes);

}  // namespace kactor::discovery
