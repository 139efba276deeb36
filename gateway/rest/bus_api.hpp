#pragma once

#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/bus/connection.hpp"
#include "gateway/http/message.hpp"
#include "gateway/http/router.hpp"
#include "kactor/api.pb.h"

// The gateway's REST routes served on the bus (messages/proto/kactor/api.proto): every
// ApiRequest on kactor.v1.api.call becomes the HTTP request it describes, goes through the
// same router as HTTP clients' requests, and its response goes back as an ApiResponse. This is
// how controllers, the scheduler and kubelets write objects with the gateway's lifecycle
// (docs/apiclient.md). Streaming answers (watch, log -f) get 500 "streaming not supported": they
// need HTTP.
namespace kactor::rest {

// The HTTP request an ApiRequest describes (remote "bus").
http::request to_http_request(const bus::v1::ApiRequest& in);

// The ApiResponse of an HTTP response (Warning headers become warnings: their text between
// the quotes of `299 - "text"`).
bus::v1::ApiResponse to_api_response(const http::response& out);

// Spawns the actor that answers the requests its subscription delivers, through `routes`
// (which must stay alive and unchanged while it runs), replying on `conn`. The caller
// subscribes it to bus::subjects::api_call() in bus::subjects::api_queue_group.
caf::actor spawn_bus_api(caf::actor_system& sys, std::shared_ptr<bus::connection> conn,
                         std::shared_ptr<const http::router> routes);

}  // namespace kactor::rest
