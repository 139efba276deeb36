#include "gateway/rest/delete_options.hpp"

#include <charconv>

#include "gateway/rest/request_body.hpp"
#include "k8s/meta/v1/request_options.pb.h"
#include "messages/codec/document.hpp"
#include "messages/codec/from_json.hpp"
#include "messages/envelope.hpp"

namespace kactor::rest {

result<delete_options> parse_delete_options(const http::request& req) {
  k8s::meta::v1::DeleteOptions body;
  if (!req.body.empty()) {
    auto format = body_format_of(req);
    if (!format) return format.error();
    if (*format == body_format::protobuf) {
      auto decoded = messages::decode_envelope(req.body, messages::registry::generated());
      if (!decoded) return bad_request(decoded.error().message);
      auto* opts = dynamic_cast<k8s::meta::v1::DeleteOptions*>(decoded->object.get());
      if (!opts) return bad_request("the body is not a DeleteOptions");
      body = *opts;
    } else {
      auto docs = messages::parse_documents(req.body);
      if (!docs) return bad_request(docs.error().message);
      if (!docs->empty()) {
        auto parsed = messages::from_json((*docs)[0].value, body);
        if (!parsed) return bad_request(parsed.error().message);
      }
    }
  }
  delete_options out;
  if (body.has_graceperiodseconds()) out.grace_period_seconds = body.graceperiodseconds();
  if (auto q = req.query_value("gracePeriodSeconds"); q && !q->empty()) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(q->data(), q->data() + q->size(), v);
    if (ec != std::errc{} || end != q->data() + q->size())
      return bad_request("invalid gracePeriodSeconds: " + *q);
    out.grace_period_seconds = v;
  }
  if (out.grace_period_seconds && *out.grace_period_seconds < 0) out.grace_period_seconds = 0;
  out.propagation = body.propagationpolicy();
  if (auto q = req.query_value("propagationPolicy"); q && !q->empty()) out.propagation = *q;
  if (body.has_orphandependents() && out.propagation.empty())
    out.propagation = body.orphandependents() ? "Orphan" : "Background";
  if (auto q = req.query_value("orphanDependents"); q && out.propagation.empty())
    out.propagation = (*q == "true" || *q == "True") ? "Orphan" : "Background";
  if (!out.propagation.empty() && out.propagation != "Orphan" && out.propagation != "Background" &&
      out.propagation != "Foreground")
    return bad_request("propagationPolicy: Unsupported value: \"" + out.propagation +
                       "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
  if (body.has_preconditions()) {
    if (body.preconditions().has_uid()) out.uid = body.preconditions().uid();
    if (body.preconditions().has_resourceversion())
      out.resource_version = body.preconditions().resourceversion();
  }
  return out;
}

}  // namespace kactor::rest
