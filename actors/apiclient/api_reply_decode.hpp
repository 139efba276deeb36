#pragma once

#include <string_view>

#include "actors/apiclient/api_client.hpp"

namespace kactor::apiclient {

// Turns the bytes of a bus.v1.ApiResponse into an api_reply: the status, the warnings, and
// either the decoded object (a Kubernetes protobuf body of a known kind) or a failure's
// reason and message (a meta/v1 Status, as protobuf or JSON; any other body becomes the
// message). Bytes that are no ApiResponse give status 502, reason "BadGateway".
api_reply decode_reply(std::string_view bytes);

}  // namespace kactor::apiclient
