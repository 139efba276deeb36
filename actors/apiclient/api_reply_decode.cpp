#include "actors/apiclient/api_reply_decode.hpp"

#include <nlohmann/json.hpp>

#include "k8s/meta/v1/status.pb.h"
#include "messages/envelope.hpp"

namespace kactor::apiclient {

namespace {

// Kubernetes' reason for a status code, for failures whose body names none.
std::string reason_for(int status) {
  switch (status) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 409:
      return "Conflict";
    case 410:
      return "Expired";
    case 413:
      return "RequestEntityTooLarge";
    case 415:
      return "UnsupportedMediaType";
    case 422:
      return "Invalid";
    case 429:
      return "TooManyRequests";
    case 504:
      return "Timeout";
    default:
      return status >= 500 ? "InternalError" : "Unknown";
  }
}

void read_json_status(api_reply& r, const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.value("kind", "") == "Status") {
    r.reason = json.value("reason", "");
    r.message = json.value("message", "");
  } else {
    r.message = body;
  }
}

}  // namespace

api_reply decode_reply(std::string_view bytes) {
  api_reply r;
  bus::v1::ApiResponse response;
  if (!response.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    r.status = 502;
    r.reason = "BadGateway";
    r.message = "the gateway's answer is not a bus.v1.ApiResponse";
    return r;
  }
  r.status = response.status();
  r.warnings.assign(response.warnings().begin(), response.warnings().end());
  const auto& body = response.body();
  if (body.starts_with(messages::protobuf_magic)) {
    auto decoded = messages::decode_envelope(body, messages::registry::generated());
    if (decoded) {
      if (auto* status = dynamic_cast<k8s::meta::v1::Status*>(decoded->object.get())) {
        r.reason = status->reason();
        r.message = status->message();
      } else if (r.ok()) {
        r.object = std::shared_ptr<google::protobuf::Message>(decoded->object.release());
      }
    } else if (!r.ok()) {
      r.message = "undecodable protobuf failure body";
    }
  } else if (!r.ok()) {
    read_json_status(r, body);
  }
  if (!r.ok() && r.reason.empty()) r.reason = reason_for(r.status);
  return r;
}

}  // namespace kactor::apiclient
