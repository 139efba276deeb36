#include "gateway/rest/request_body.hpp"

#include "messages/codec/document.hpp"
#include "messages/codec/from_json.hpp"
#include "messages/envelope.hpp"

namespace kactor::rest {

namespace {

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr std::string_view accepted_bodies =
    "application/json, application/yaml, application/vnd.kubernetes.protobuf";

std::string cannot_handle(const messages::resource_info& r, std::string_view why) {
  return r.kind + " in version \"" + r.version + "\" cannot be handled as a " + r.kind + ": " +
         std::string{why};
}

// Checks the TypeMeta a body carries against the URL's resource.
std::optional<api_error> check_type_meta(const json& value, const messages::resource_info& r) {
  if (!value.is_object()) return bad_request(cannot_handle(r, "the body is not a JSON object"));
  auto api_version = value.find("apiVersion");
  if (api_version != value.end() && api_version->is_string() &&
      !api_version->get<std::string>().empty() &&
      api_version->get<std::string>() != r.api_version())
    return bad_request("the API version in the data (" + api_version->get<std::string>() +
                       ") does not match the expected API version (" + r.api_version() + ")");
  auto kind = value.find("kind");
  if (kind != value.end() && kind->is_string() && !kind->get<std::string>().empty() &&
      kind->get<std::string>() != r.kind)
    return bad_request("the kind in the data (" + kind->get<std::string>() +
                       ") does not match the expected kind (" + r.kind + ")");
  return std::nullopt;
}

result<decoded_body> from_document(const messages::document& doc, const messages::resource_info& r,
                                   const google::protobuf::Descriptor* type,
                                   field_validation mode) {
  if (auto err = check_type_meta(doc.value, r)) return *err;
  decoded_body out;
  out.object = messages::registry::generated().new_message(type);
  messages::decode_options opts;
  opts.strict = mode == field_validation::strict;
  opts.lines = &doc.lines;
  opts.duplicate_fields = doc.duplicate_fields;
  auto warnings = messages::from_json(doc.value, *out.object, opts);
  if (!warnings) return bad_request(cannot_handle(r, warnings.error().message));
  if (mode == field_validation::warn) out.warnings = std::move(*warnings);
  return out;
}

}  // namespace

result<field_validation> field_validation_of(const http::request& req) {
  auto v = req.query_value("fieldValidation");
  if (!v || v->empty() || *v == "Warn") return field_validation::warn;
  if (*v == "Strict") return field_validation::strict;
  if (*v == "Ignore") return field_validation::ignore;
  return bad_request("fieldValidation parameter unsupported: " + *v);
}

result<body_format> body_format_of(const http::request& req) {
  auto ct = req.find_header("Content-Type");
  if (!ct || ct->empty()) return body_format::json;
  auto media = lower(ct->substr(0, ct->find(';')));
  while (!media.empty() && media.back() == ' ')
    media.pop_back();
  if (media == "application/json" || media == "*/*") return body_format::json;
  if (media == "application/yaml" || media == "application/x-yaml" || media == "text/yaml")
    return body_format::yaml;
  if (media == "application/vnd.kubernetes.protobuf") return body_format::protobuf;
  return unsupported_media_type(*ct, accepted_bodies);
}

result<decoded_body> decode_object_body(const http::request& req,
                                        const messages::resource_info& expected,
                                        const google::protobuf::Descriptor* type,
                                        field_validation mode) {
  auto format = body_format_of(req);
  if (!format) return format.error();
  if (*format == body_format::protobuf) {
    auto decoded = messages::decode_envelope(req.body, messages::registry::generated());
    if (!decoded) return bad_request(cannot_handle(expected, decoded.error().message));
    if (decoded->object->GetDescriptor() != type)
      return bad_request("the kind in the data (" + decoded->kind +
                         ") does not match the expected kind (" + expected.kind + ")");
    decoded_body out;
    out.object = std::move(decoded->object);
    if (mode == field_validation::warn) out.warnings = std::move(decoded->warnings);
    return out;
  }
  auto docs = messages::parse_documents(req.body);
  if (!docs) return bad_request(cannot_handle(expected, docs.error().message));
  if (docs->size() != 1)
    return bad_request(cannot_handle(
        expected, docs->empty() ? "the body is empty" : "the body holds several objects"));
  return from_document((*docs)[0], expected, type, mode);
}

result<decoded_body> decode_object_json(const json& value, const messages::resource_info& expected,
                                        const google::protobuf::Descriptor* type,
                                        field_validation mode) {
  messages::document doc;
  doc.value = value;
  return from_document(doc, expected, type, mode);
}

result<json> parse_body_json(const http::request& req) {
  auto docs = messages::parse_documents(req.body);
  if (!docs) return bad_request(docs.error().message);
  if (docs->size() != 1)
    return bad_request(docs->empty() ? "the body of the request is empty"
                                     : "the body holds several documents");
  return std::move((*docs)[0].value);
}

std::vector<std::string> warning_headers(const std::vector<std::string>& warnings) {
  std::vector<std::string> out;
  for (auto& w : warnings) {
    std::string quoted = "\"";
    for (char c : w) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    out.push_back("299 - " + quoted + "\"");
  }
  return out;
}

}  // namespace kactor::rest
