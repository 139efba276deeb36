#pragma once

#include <optional>

#include <google/protobuf/message.h>

#include "gateway/http/message.hpp"
#include "gateway/rest/request_scope.hpp"
#include "gateway/selectors/field_matcher.hpp"
#include "gateway/selectors/field_selector.hpp"
#include "gateway/selectors/label_selector.hpp"

// The labelSelector and fieldSelector of a list or watch, parsed and bound to the kind.
namespace kactor::rest {

struct list_filter {
  std::optional<selectors::label_selector> labels;
  std::optional<selectors::field_selector> fields;
  selectors::field_matcher field_match;
  // metadata.name=<x> pinned by the field selector ("" if none): a list becomes a lookup.
  std::string name;

  bool matches(const google::protobuf::Message& object) const;
  bool empty() const { return !labels && !fields; }
};

// Reads labelSelector and fieldSelector; a bad selector is a 400 with Kubernetes' text.
result<list_filter> parse_list_filter(const http::request& req,
                                      const google::protobuf::Descriptor* kind);

}  // namespace kactor::rest
