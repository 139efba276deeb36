#include "gateway/rest/rest_call.hpp"

#include "gateway/rest/request_body.hpp"

namespace kactor::rest {

void rest_call::fail(const api_error& err) const {
  auto r = err.response();
  for (auto& w : warning_headers(warnings))
    r.headers.push_back({"Warning", w});
  res.send(std::move(r));
}

void rest_call::reply(http::response response) const {
  for (auto& w : warning_headers(warnings))
    response.headers.push_back({"Warning", w});
  res.send(std::move(response));
}

void rest_call::reply_object(int code, const google::protobuf::Message& object) const {
  reply(object_response(code, object, out));
}

kactor::bus::v1::ObjectRef rest_call::ref(const std::string& name) const {
  kactor::bus::v1::ObjectRef r;
  r.set_group(scope.resource->group);
  r.set_resource(scope.resource->plural);
  r.set_namespace_(scope.ns);
  r.set_name(name);
  return r;
}

std::string rest_call::field_manager() const {
  if (auto m = req.query_value("fieldManager"); m && !m->empty()) return *m;
  auto ua = req.find_header("User-Agent").value_or("");
  auto end = ua.find_first_of("/ ");
  return std::string{ua.substr(0, end)};
}

bool rest_call::dry_run() const {
  for (auto& v : req.query_values("dryRun"))
    if (v == "All") return true;
  return false;
}

std::unique_ptr<google::protobuf::Message> new_object(const rest_call& c) {
  return c.ctx->types().new_message(c.scope.resource->descriptor);
}

std::unique_ptr<google::protobuf::Message> decode_stored(const rest_call& c,
                                                         const std::string& bytes) {
  auto obj = new_object(c);
  if (!obj || !obj->ParseFromString(bytes)) return nullptr;
  return obj;
}

}  // namespace kactor::rest
