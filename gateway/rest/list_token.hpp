#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The `continue` token of a list served from the watch cache: the revision of the first page
// and the key of the last object sent. Opaque to clients (base64 of a small JSON object).
namespace kactor::rest {

struct list_token {
  std::uint64_t revision = 0;
  std::string start_after;  // "namespace/name" or "name"
};

std::string format_list_token(const list_token& token);
std::optional<list_token> parse_list_token(std::string_view text);

}  // namespace kactor::rest
