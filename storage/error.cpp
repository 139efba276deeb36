#include "storage/error.hpp"

namespace kactor::storage {

std::string_view to_string(error_code code) {
  switch (code) {
    case error_code::not_found:
      return "not_found";
    case error_code::already_exists:
      return "already_exists";
    case error_code::conflict:
      return "conflict";
    case error_code::invalid:
      return "invalid";
    case error_code::compacted:
      return "compacted";
    case error_code::future_revision:
      return "future_revision";
    case error_code::too_large:
      return "too_large";
    case error_code::storage_full:
      return "storage_full";
    case error_code::unavailable:
      return "unavailable";
    case error_code::corrupt:
      return "corrupt";
  }
  return "unknown";
}

std::string describe(const error& err) {
  std::string out(to_string(err.code));
  if (!err.message.empty()) {
    out += ": ";
    out += err.message;
  }
  return out;
}

}  // namespace kactor::storage
