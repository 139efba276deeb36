#pragma once

#include <string>
#include <string_view>

#include "storage/error.hpp"
#include "storage/types.hpp"

// The opaque `continue` token of paged range reads. It pins the revision of the first page, so
// every page of one listing reads the same snapshot, and names the key the next page starts at.
// Format (documented for debugging only; callers must treat it as opaque):
// "k1.<revision in decimal>.<start key in lowercase hex>".
namespace kactor::storage {

struct continue_position {
  revision rev = 0;
  std::string start_key;  // the first key of the next page (inclusive)

  bool operator==(const continue_position&) const = default;
};

std::string encode_continue(const continue_position& position);

// The position in a token; invalid for anything encode_continue did not produce.
result<continue_position> decode_continue(std::string_view token);

}  // namespace kactor::storage
