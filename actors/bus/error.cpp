#include "actors/bus/error.hpp"

#include <caf/make_message.hpp>
#include <caf/message.hpp>

namespace kactor::bus {

std::string to_string(errc code) {
  switch (code) {
    case errc::unavailable:
      return "unavailable";
    case errc::timeout:
      return "timeout";
    case errc::no_responders:
      return "no_responders";
    case errc::closed:
      return "closed";
    case errc::invalid_argument:
      return "invalid_argument";
    case errc::too_large:
      return "too_large";
    case errc::io:
      return "io";
  }
  return "unknown";
}

caf::error make_error(errc code) {
  return caf::error{static_cast<uint8_t>(code), error_category};
}

caf::error make_error(errc code, std::string message) {
  return caf::error{static_cast<uint8_t>(code), error_category,
                    caf::make_message(std::move(message))};
}

std::optional<errc> code_of(const caf::error& err) {
  if (!err || err.category() != error_category) return std::nullopt;
  return static_cast<errc>(err.code());
}

std::string describe(const caf::error& err) {
  if (!err) return {};
  if (err.category() == error_category) {
    const auto& ctx = err.context();
    if (ctx.match_elements<std::string>()) return ctx.get_as<std::string>(0);
    return "nats: " + to_string(static_cast<errc>(err.code()));
  }
  return caf::to_string(err);
}

}  // namespace kactor::bus
