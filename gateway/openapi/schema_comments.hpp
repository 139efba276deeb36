#pragma once

#include <span>
#include <string_view>

namespace kactor::openapi {

/// One documented schema element of our .proto files.
struct schema_comment_entry {
  std::string_view name;  ///< "k8s.core.v1.PodSpec" or "k8s.core.v1.PodSpec.restartPolicy"
  std::string_view text;  ///< the comment as one paragraph per blank-line-separated block
};

/// Every message and field comment of messages/proto, sorted by name. Generated at build time
/// (tools/schema_comments_gen.cpp) from protoc's descriptor set with source info: a leading
/// comment, else a trailing one (`int32 x = 1;  // ...`), both joined when both exist.
std::span<const schema_comment_entry> schema_comment_table();

/// The comment of a message or field by its protobuf full name; "" when it has none.
std::string_view schema_comment(std::string_view full_name);

}  // namespace kactor::openapi
