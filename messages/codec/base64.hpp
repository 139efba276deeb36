#pragma once

#include <string>
#include <string_view>

#include "messages/result.hpp"

namespace kactor::messages {

/// Standard base64 (RFC 4648, with '=' padding): how Kubernetes JSON writes bytes fields.
std::string encode_base64(std::string_view bytes);

/// Decodes standard base64 as Go's encoding/json does for []byte: padding is required,
/// '\r' and '\n' are skipped. Fails with invalid_value
/// `illegal base64 data at input byte N` (N counts from 0, as Go's message does).
result<std::string> decode_base64(std::string_view text);

}  // namespace kactor::messages
