#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kactor::config {

// A configuration problem phrased for the person who wrote the config: it names the field and
// the offending value, e.g. `config: up.port: expected an integer 1-65535, got "abc" (line 3)`.
// Whoever receives one prints `message` and exits with code 2.
struct config_error {
  std::string message;
};

// Either a T or the config_error that prevented it. The module-boundary return type of config/.
template <class T>
class result {
 public:
  result(T value) : state_(std::move(value)) {}
  result(config_error error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // Precondition: has_value().
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !has_value().
  const config_error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, config_error> state_;
};

}  // namespace kactor::config
