#include "storage/state/reply_error.hpp"

namespace kactor::state {

v1::Error::Code to_bus_code(storage::error_code code) {
  using storage::error_code;
  switch (code) {
    case error_code::not_found:
    case error_code::future_revision:
      return v1::Error::NOT_FOUND;
    case error_code::already_exists:
      return v1::Error::ALREADY_EXISTS;
    case error_code::conflict:
      return v1::Error::CONFLICT;
    case error_code::invalid:
      return v1::Error::INVALID;
    case error_code::compacted:
      return v1::Error::COMPACTED;
    case error_code::too_large:
      return v1::Error::TOO_LARGE;
    case error_code::storage_full:
      return v1::Error::STORAGE_FULL;
    case error_code::unavailable:
      return v1::Error::UNAVAILABLE;
    case error_code::corrupt:
      return v1::Error::INTERNAL;
  }
  return v1::Error::INTERNAL;
}

v1::Error to_bus_error(const storage::error& err) {
  v1::Error out;
  out.set_code(to_bus_code(err.code));
  out.set_message(err.message);
  return out;
}

std::string error_reply(const v1::Error& err) {
  v1::GetReply reply;
  *reply.mutable_error() = err;
  return reply.SerializeAsString();
}

std::string error_reply(v1::Error::Code code, std::string message, std::uint64_t revision) {
  v1::Error err;
  err.set_code(code);
  err.set_message(std::move(message));
  err.set_revision(revision);
  return error_reply(err);
}

}  // namespace kactor::state
