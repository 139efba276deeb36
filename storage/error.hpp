#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

// Errors of the storage module. Every fallible call returns a result<T> (or status) carrying
// one of the codes below plus a message for humans; nothing throws out of storage/.
namespace kactor::storage {

// What went wrong, chosen by what the caller should do.
enum class error_code : std::uint8_t {
  not_found,        // the key does not exist (at the revision read): report 404
  already_exists,   // create of a live key: report 409 AlreadyExists
  conflict,         // a mod-revision precondition failed: re-read and retry
  invalid,          // malformed request (bad key, bad continue token, empty txn): do not retry
  compacted,        // the revision asked for is older than the retained window: relist (410)
  future_revision,  // the revision asked for is beyond the current one: retry later or reject
  too_large,        // a value or request above the size limit: do not retry
  storage_full,     // the map reached its configured maximum: compact or raise the limit
  unavailable,      // the store is stopped or an I/O error happened: retry later
  corrupt,          // the data directory does not hold a readable kactor store: operator action
};

// The name of a code ("future_revision").
std::string_view to_string(error_code code);

// A failure: a code and a message that names the key, revision or file involved.
struct error {
  error_code code;
  std::string message;
};

// Builds an error; `message` should name what failed ("key /registry/pods/a/b: ...").
inline error make_error(error_code code, std::string message) {
  return error{code, std::move(message)};
}

// "<code>: <message>", for logs and CLI output.
std::string describe(const error& err);

// Either a T or the error that prevented it.
template <class T>
class result {
 public:
  result(T value) : state_(std::move(value)) {}
  result(storage::error err) : state_(std::move(err)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // Precondition: has_value().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !has_value().
  const storage::error& error() const { return std::get<1>(state_); }
  error_code code() const { return error().code; }

 private:
  std::variant<T, storage::error> state_;
};

// Success, or the error that prevented it.
template <>
class result<void> {
 public:
  result() = default;
  result(storage::error err) : error_(std::move(err)) {}

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }

  // Precondition: !has_value().
  const storage::error& error() const { return *error_; }
  error_code code() const { return error_->code; }

 private:
  std::optional<storage::error> error_;
};

using status = result<void>;

}  // namespace kactor::storage
