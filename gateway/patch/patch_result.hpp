#pragma once

#include <cstdint>
#include <string>

#include "messages/basic_result.hpp"

namespace kactor::patch {

/// How the API server answers a patch that fails; the gateway maps these to Status.
enum class patch_errc : std::uint8_t {
  bad_request,    ///< 400 BadRequest: the patch document itself is malformed
  unprocessable,  ///< 422 (reason ""): the patch does not apply to this object
  unknown,        ///< 500 with reason "" (Kubernetes passes such merge errors through as is)
  unsupported,    ///< 415 UnsupportedMediaType: a patch type this module does not apply
};

/// A failed patch: the code and Kubernetes' message, e.g. `map: map[image:nginx] does not
/// contain declared merge key: name`.
struct patch_error {
  patch_errc code = patch_errc::bad_request;
  std::string message;
};

/// Either a T or the patch_error that prevented it; nothing in patch/ throws to callers.
template <class T>
using result = messages::basic_result<T, patch_error>;

}  // namespace kactor::patch
