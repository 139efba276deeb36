#include "storage/state/error.hpp"

#include <caf/make_message.hpp>
#include <caf/message.hpp>

namespace kactor::state {

caf::error make_error(errc code, std::string message) {
  return caf::error{static_cast<std::uint8_t>(code), error_category,
                    caf::make_message(std::move(message))};
}

std::optional<errc> code_of(const caf::error& err) {
  if (!err || err.category() != error_category) return std::nullopt;
  return static_cast<errc>(err.code());
}

std::string describe(const caf::error& err) {
  if (!err) return {};
  if (err.category() == error_category && err.context().match_elements<std::string>())
    return err.context().get_as<std::string>(0);
  return caf::to_string(err);
}

}  // namespace kactor::state
