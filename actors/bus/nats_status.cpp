#include "actors/bus/nats_status.hpp"

#include <string>

namespace kactor::bus::detail {

errc code_for(natsStatus status) {
  switch (status) {
    case NATS_TIMEOUT:
      return errc::timeout;
    case NATS_NO_RESPONDERS:
      return errc::no_responders;
    case NATS_CONNECTION_CLOSED:
      return errc::closed;
    case NATS_NO_SERVER:
    case NATS_NOT_YET_CONNECTED:
    case NATS_CONNECTION_DISCONNECTED:
    case NATS_STALE_CONNECTION:
    case NATS_CONNECTION_AUTH_FAILED:
      return errc::unavailable;
    case NATS_INVALID_ARG:
    case NATS_INVALID_SUBJECT:
    case NATS_INVALID_SUBSCRIPTION:
    case NATS_INVALID_TIMEOUT:
    case NATS_INVALID_QUEUE_NAME:
    case NATS_ADDRESS_MISSING:
      return errc::invalid_argument;
    case NATS_MAX_PAYLOAD:
      return errc::too_large;
    default:
      return errc::io;
  }
}

caf::error from_status(natsStatus status, std::string_view what) {
  if (status == NATS_OK) return {};
  std::string text = "nats: ";
  text += what;
  text += ": ";
  const char* status_text = natsStatus_GetText(status);
  text += status_text;
  // The thread-local last error often says more ("... (nats://127.0.0.1:1)") than the
  // generic status text; append it when it belongs to this status and adds something.
  natsStatus last = NATS_OK;
  const char* detail = nats_GetLastError(&last);
  if (last == status && detail != nullptr && *detail != '\0' &&
      std::string_view{detail} != status_text)
    (text += ": ") += detail;
  return make_error(code_for(status), std::move(text));
}

std::string payload_of(natsMsg* msg) {
  const char* data = natsMsg_GetData(msg);
  int size = natsMsg_GetDataLength(msg);
  return data != nullptr && size > 0 ? std::string(data, size_t(size)) : std::string{};
}

}  // namespace kactor::bus::detail
