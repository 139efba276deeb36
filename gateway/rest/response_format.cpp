#include "gateway/rest/response_format.hpp"

#include "gateway/discovery/negotiation.hpp"
#include "k8s/meta/v1/object_meta.pb.h"
#include "messages/codec/json_writer.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/codec/yaml.hpp"
#include "messages/envelope.hpp"
#include "messages/time.hpp"

namespace kactor::rest {

namespace {

constexpr std::string_view offered =
    "application/json, application/yaml, application/vnd.kubernetes.protobuf, "
    "application/json;as=Table;v=v1;g=meta.k8s.io";

const messages::registry& types() {
  return messages::registry::generated();
}

http::response with_type(int code, std::string body, std::string content_type) {
  http::response res;
  res.status = code;
  res.body = std::move(body);
  res.set_header("Content-Type", std::move(content_type));
  return res;
}

}  // namespace

result<output_choice> negotiate_output(const http::request& req) {
  output_choice choice;
  if (auto inc = req.query_value("includeObject")) {
    auto parsed = printers::parse_include_object(*inc);
    if (!parsed) return bad_request("includeObject parameter unsupported: " + *inc);
    choice.rows = *parsed;
  }
  auto accept = req.find_header("Accept");
  if (!accept || accept->empty()) return choice;
  auto ranges = discovery::parse_accept(*accept);
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](auto& a, auto& b) { return a.quality > b.quality; });
  for (auto& r : ranges) {
    if (r.quality <= 0) continue;
    auto as = r.parameter("as");
    if (r.type == "application/json" && !as.empty()) {
      if (as == "Table" && r.parameter("g") == "meta.k8s.io" &&
          (r.parameter("v") == "v1" || r.parameter("v") == "v1beta1")) {
        choice.format = output_format::table;
        return choice;
      }
      continue;  // PartialObjectMetadata and other conversions are not served
    }
    if (!as.empty()) continue;
    if (r.type == "application/json" || r.type == "*/*" || r.type == "application/*") {
      choice.format = output_format::json;
      return choice;
    }
    if (r.type == "application/vnd.kubernetes.protobuf") {
      choice.format = output_format::protobuf;
      return choice;
    }
    if (r.type == "application/yaml") {
      choice.format = output_format::yaml;
      return choice;
    }
  }
  return not_acceptable(offered);
}

std::string object_json_text(const google::protobuf::Message& object) {
  return messages::to_json_object_text(object, types());
}

http::response object_response(int code, const google::protobuf::Message& object,
                               const output_choice& out) {
  switch (out.format) {
    case output_format::table: {
      printers::table_options opts;
      opts.now = messages::now();
      opts.rows = out.rows;
      return with_type(code, printers::table_for_object(object, opts, types()).dump(),
                       "application/json");
    }
    case output_format::protobuf: {
      auto bytes = messages::encode_envelope(object, types());
      if (bytes) return with_type(code, std::move(*bytes), "application/vnd.kubernetes.protobuf");
      break;  // no TypeMeta known: answer JSON
    }
    case output_format::yaml:
      return with_type(code, messages::to_yaml(messages::to_json_object(object, types())),
                       "application/yaml");
    case output_format::json:
      break;
  }
  return with_type(code, object_json_text(object), "application/json");
}

namespace {

std::string member_text(const google::protobuf::Message& m) {
  return messages::to_json_text(m);
}

}  // namespace

http::response cached_list_json(const messages::resource_info& info,
                                const std::vector<informer::object_ptr>& items,
                                const list_meta& meta) {
  k8s::meta::v1::ListMeta lm;
  lm.set_resourceversion(std::to_string(meta.revision));
  if (!meta.continue_token.empty()) lm.set_continue_(meta.continue_token);
  if (meta.remaining) lm.set_remainingitemcount(*meta.remaining);
  std::vector<std::shared_ptr<const std::string>> texts;
  texts.reserve(items.size());
  std::size_t size = 128;
  for (auto& item : items) {
    texts.push_back(item->derived_text(member_text));
    size += texts.back()->size() + 1;
  }
  std::string body;
  body.reserve(size);
  body += "{\"kind\":\"";
  body += info.kind;
  body += "List\",\"apiVersion\":\"";
  body += info.api_version();
  body += "\",\"metadata\":";
  body += messages::to_json(lm).dump();
  body += ",\"items\":[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) body += ',';
    body += *texts[i];
  }
  body += "]}";
  return with_type(200, std::move(body), "application/json");
}

std::string cached_object_text(const messages::resource_info& info,
                               const informer::cached_object& object) {
  auto text = object.derived_text(member_text);
  std::string body =
      "{\"kind\":\"" + info.kind + "\",\"apiVersion\":\"" + info.api_version() + "\"";
  if (text->size() > 2) {
    body += ',';
    body.append(*text, 1, std::string::npos);
  } else {
    body += '}';
  }
  return body;
}

http::response cached_object_json(const messages::resource_info& info,
                                  const informer::object_ptr& object) {
  return with_type(200, cached_object_text(info, *object), "application/json");
}

http::response list_response(const messages::resource_info& info,
                             std::span<const google::protobuf::Message* const> items,
                             const list_meta& meta, const output_choice& out) {
  k8s::meta::v1::ListMeta lm;
  lm.set_resourceversion(std::to_string(meta.revision));
  if (!meta.continue_token.empty()) lm.set_continue_(meta.continue_token);
  if (meta.remaining) lm.set_remainingitemcount(*meta.remaining);
  if (out.format == output_format::table) {
    printers::table_options opts;
    opts.now = messages::now();
    opts.rows = out.rows;
    return with_type(200,
                     printers::table_for_objects(info.descriptor, items, lm, opts, types()).dump(),
                     "application/json");
  }
  if (out.format == output_format::json || !info.list_descriptor) {
    std::string body = "{\"kind\":\"" + info.kind + "List\",\"apiVersion\":\"" +
                       info.api_version() + "\",\"metadata\":" + messages::to_json(lm).dump() +
                       ",\"items\":[";
    bool first = true;
    for (auto* item : items) {
      if (!first) body += ',';
      first = false;
      body += messages::to_json_text(*item);
    }
    body += "]}";
    return with_type(200, std::move(body), "application/json");
  }
  // protobuf and yaml: build the list message.
  auto list = types().new_message(info.list_descriptor);
  auto* d = info.list_descriptor;
  auto* refl = list->GetReflection();
  if (auto* f = d->FindFieldByName("metadata")) refl->MutableMessage(list.get(), f)->CopyFrom(lm);
  if (auto* f = d->FindFieldByName("items"))
    for (auto* item : items)
      refl->AddMessage(list.get(), f)->CopyFrom(*item);
  return object_response(200, *list, out);
}

}  // namespace kactor::rest
