#pragma once

#include <optional>
#include <utility>
#include <variant>

namespace kactor::messages {

/// Either a T or the E that prevented it: the return type at module boundaries where errors are
/// values (nothing throws to callers). Each module names its own error type and aliases this,
/// e.g. `template <class T> using result = basic_result<T, codec_error>;`.
template <class T, class E>
class [[nodiscard]] basic_result {
 public:
  basic_result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  basic_result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

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
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

/// The result of an operation that yields nothing but may fail.
template <class E>
class [[nodiscard]] basic_result<void, E> {
 public:
  basic_result() = default;
  basic_result(E error) : error_(std::move(error)) {}

  bool has_value() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }

  /// The error; only valid when !has_value().
  const E& error() const { return *error_; }

 private:
  std::optional<E> error_;
};

}  // namespace kactor::messages
