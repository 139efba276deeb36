#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "gateway/http/message.hpp"
#include "gateway/rest/request_scope.hpp"

// The DeleteOptions of a DELETE: from its body (JSON, YAML or protobuf) and query parameters.
namespace kactor::rest {

struct delete_options {
  std::optional<std::int64_t> grace_period_seconds;
  std::string propagation;         // "Orphan", "Background", "Foreground" or "" (the default)
  std::optional<std::string> uid;  // preconditions
  std::optional<std::string> resource_version;
};

// A body that does not parse, a negative grace period or an unknown propagation policy is a
// 400 BadRequest.
result<delete_options> parse_delete_options(const http::request& req);

}  // namespace kactor::rest
