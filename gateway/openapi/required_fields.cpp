#include "gateway/openapi/required_fields.hpp"

#include <algorithm>

namespace kactor::openapi {

std::vector<std::string_view> required_fields(std::string_view message) {
  auto table = required_field_table();
  // The table is sorted by message only: equal_range keeps the members' declaration order.
  auto [first, last] = std::equal_range(
      table.begin(), table.end(), required_field{message, {}},
      [](const required_field& a, const required_field& b) { return a.message < b.message; });
  std::vector<std::string_view> out;
  for (auto it = first; it != last; ++it)
    out.push_back(it->field);
  return out;
}

}  // namespace kactor::openapi
