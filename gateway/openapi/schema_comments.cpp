#include "gateway/openapi/schema_comments.hpp"

#include <algorithm>

namespace kactor::openapi {

std::string_view schema_comment(std::string_view full_name) {
  auto table = schema_comment_table();
  auto it =
      std::lower_bound(table.begin(), table.end(), full_name,
                       [](const auto& entry, std::string_view name) { return entry.name < name; });
  return it != table.end() && it->name == full_name ? it->text : std::string_view{};
}

}  // namespace kactor::openapi
