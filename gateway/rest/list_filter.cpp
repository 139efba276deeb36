#include "gateway/rest/list_filter.hpp"

#include "gateway/rest/object_meta.hpp"

namespace kactor::rest {

bool list_filter::matches(const google::protobuf::Message& object) const {
  if (labels) {
    auto* meta = metadata_of(object);
    if (!meta || !labels->matches(meta->labels())) return false;
  }
  return field_match.matches(object);
}

result<list_filter> parse_list_filter(const http::request& req,
                                      const google::protobuf::Descriptor* kind) {
  list_filter f;
  if (auto text = req.query_value("labelSelector"); text && !text->empty()) {
    auto parsed = selectors::parse_label_selector(*text);
    if (!parsed) return bad_request(parsed.error().message);
    if (!parsed->empty()) f.labels = std::move(*parsed);
  }
  if (auto text = req.query_value("fieldSelector"); text && !text->empty()) {
    auto parsed = selectors::parse_field_selector(*text);
    if (!parsed) return bad_request(parsed.error().message);
    auto bound = selectors::bind_field_selector(*parsed, kind);
    if (!bound) return bad_request(bound.error().message);
    if (auto name = parsed->exact_match("metadata.name")) f.name = std::string{*name};
    f.field_match = std::move(*bound);
    if (!parsed->empty()) f.fields = std::move(*parsed);
  }
  return f;
}

}  // namespace kactor::rest
