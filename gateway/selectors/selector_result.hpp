#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace kactor::selectors {

/// A selector the API server refuses: `message` is Kubernetes' own text (the gateway answers
/// it as a 400 BadRequest Status), `position` the byte offset in the selector text where the
/// problem was found (0 when the selector did not come from text).
struct selector_error {
  std::string message;
  std::size_t position = 0;
};

/// Either a T or the selector_error that prevented it: the return type at this module's
/// boundary. Nothing in selectors/ throws to its callers.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  result(selector_error error) : state_(std::in_place_index<1>, std::move(error)) {}

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
  const selector_error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, selector_error> state_;
};

}  // namespace kactor::selectors
