#include "gateway/rest/bus_api.hpp"

#include <caf/event_based_actor.hpp>

#include "actors/bus/events.hpp"
#include "gateway/http/query.hpp"
#include "gateway/http/responder.hpp"

namespace kactor::rest {

namespace {

// The text of a Warning header value `299 - "text"` (the whole value when not in that form).
std::string warning_text(std::string_view value) {
  auto open = value.find('"');
  auto close = value.rfind('"');
  if (open == std::string_view::npos || close <= open) return std::string(value);
  return std::string(value.substr(open + 1, close - open - 1));
}

}  // namespace

http::request to_http_request(const bus::v1::ApiRequest& in) {
  http::request req;
  req.method = in.method();
  req.path = in.path();
  req.target = in.query().empty() ? in.path() : in.path() + "?" + in.query();
  req.query = http::parse_query(in.query());
  if (!in.content_type().empty()) req.headers.push_back({"Content-Type", in.content_type()});
  req.headers.push_back({"Accept", in.accept().empty() ? "application/json" : in.accept()});
  if (!in.user_agent().empty()) req.headers.push_back({"User-Agent", in.user_agent()});
  req.body = in.body();
  req.remote = "bus";
  return req;
}

bus::v1::ApiResponse to_api_response(const http::response& out) {
  bus::v1::ApiResponse res;
  res.set_status(out.status);
  for (const auto& h : out.headers) {
    if (http::iequals(h.name, "Content-Type")) res.set_content_type(h.value);
    if (http::iequals(h.name, "Warning")) res.add_warnings(warning_text(h.value));
  }
  res.set_body(out.body);
  return res;
}

caf::actor spawn_bus_api(caf::actor_system& sys, std::shared_ptr<bus::connection> conn,
                         std::shared_ptr<const http::router> routes) {
  return sys.spawn([conn = std::move(conn),
                    routes = std::move(routes)](caf::event_based_actor*) -> caf::behavior {
    return {
        [conn, routes](bus::msg_atom, const std::string&, const std::string& reply,
                       const std::string& data) {
          if (reply.empty()) return;  // nobody waits for an answer
          bus::v1::ApiRequest in;
          if (!in.ParseFromString(data)) {
            http::response bad = http::response::text(400, "not a bus.v1.ApiRequest");
            conn->respond(reply, to_api_response(bad).SerializeAsString());
            return;
          }
          http::responder res([conn, reply](http::response out) {
            conn->respond(reply, to_api_response(out).SerializeAsString());
          });
          routes->dispatch(to_http_request(in), res);
        },
    };
  });
}

}  // namespace kactor::rest
