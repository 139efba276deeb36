#include "gateway/rest/state_errors.hpp"

#include "actors/bus/error.hpp"

namespace kactor::rest {

namespace bv1 = kactor::bus::v1;

api_error from_state_error(const bv1::Error& err, const qualified_resource& what,
                           std::string_view name) {
  switch (err.code()) {
    case bv1::Error::NOT_FOUND:
      return not_found(what, name);
    case bv1::Error::ALREADY_EXISTS:
      return already_exists(what, name);
    case bv1::Error::CONFLICT:
      return conflict(what, name, modified_text);
    case bv1::Error::INVALID:
      return bad_request(err.message());
    case bv1::Error::COMPACTED:
      return expired("The resourceVersion for the provided request is too old.");
    case bv1::Error::TOO_LARGE:
      return too_large("Request entity too large: " + err.message());
    case bv1::Error::UNAVAILABLE:
    case bv1::Error::STORAGE_FULL:
      return unavailable(err.message());
    default:
      return internal(err.message());
  }
}

api_error from_transport_error(const caf::error& err) {
  auto text = bus::describe(err);
  if (err == bus::errc::timeout) return timeout("the state actor did not answer in time: " + text);
  return unavailable("the state actor is not reachable: " + text);
}

}  // namespace kactor::rest
