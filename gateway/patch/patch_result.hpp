#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

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
class [[nodiscard]] result {
 public:
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  result(patch_error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; only valid when has_value().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The error; only valid when !has_value().
  const patch_error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, patch_error> state_;
};

}  // namespace kactor::patch
