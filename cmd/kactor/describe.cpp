#include "cmd/kactor/describe.hpp"

#include <caf/message.hpp>

namespace kactor::cmd {

std::string describe(const caf::error& err) {
  if (!err) return {};
  auto& context = err.context();
  if (context.match_elements<std::string>()) return context.get_as<std::string>(0);
  return caf::to_string(err);
}

}  // namespace kactor::cmd
