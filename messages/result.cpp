#include "messages/result.hpp"

namespace kactor::messages {

std::string_view to_string(codec_errc code) {
  switch (code) {
    case codec_errc::syntax:
      return "syntax";
    case codec_errc::wrong_type:
      return "wrong_type";
    case codec_errc::invalid_value:
      return "invalid_value";
    case codec_errc::unknown_field:
      return "unknown_field";
    case codec_errc::missing_kind:
      return "missing_kind";
    case codec_errc::unknown_kind:
      return "unknown_kind";
    case codec_errc::bad_envelope:
      return "bad_envelope";
    case codec_errc::overflow:
      return "overflow";
  }
  return "unknown";
}

}  // namespace kactor::messages
