#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "actors/informer/cached_object.hpp"
#include "gateway/http/message.hpp"
#include "gateway/printers/table.hpp"
#include "gateway/rest/request_scope.hpp"

// Answer encodings: what the client's Accept asks for, and objects and lists written in it.
namespace kactor::rest {

enum class output_format { json, yaml, protobuf, table };

struct output_choice {
  output_format format = output_format::json;
  printers::include_object rows = printers::include_object::metadata;  // tables only
};

// Negotiates the Accept header (first acceptable range wins, by quality then order):
// `application/json;as=Table;v=v1;g=meta.k8s.io` (or v1beta1) -> table,
// application/vnd.kubernetes.protobuf -> protobuf, application/yaml -> yaml, application/json,
// `*/*`, `application/*` or no header -> json. Table requests of kinds in `as=` other than
// Table, or only unknown types: 406 NotAcceptable. `includeObject` is read from the query.
result<output_choice> negotiate_output(const http::request& req);

// One object as a response: JSON (with kind/apiVersion), YAML, the protobuf envelope, or a
// one-row Table.
http::response object_response(int code, const google::protobuf::Message& object,
                               const output_choice& out);

// A list of objects of `info`'s kind as a response: `<Kind>List` with metadata
// {resourceVersion, continue, remainingItemCount}, or a Table.
struct list_meta {
  std::uint64_t revision = 0;
  std::string continue_token;
  std::optional<std::int64_t> remaining;
};
http::response list_response(const messages::resource_info& info,
                             std::span<const google::protobuf::Message* const> items,
                             const list_meta& meta, const output_choice& out);

// Cached objects as JSON: each object's text is encoded once and kept with the cached object
// (informer::cached_object::derived_text), so a LIST of 10,000 pods concatenates texts.
http::response cached_list_json(const messages::resource_info& info,
                                const std::vector<informer::object_ptr>& items,
                                const list_meta& meta);
http::response cached_object_json(const messages::resource_info& info,
                                  const informer::object_ptr& object);
// The object's JSON with kind and apiVersion, from its cached text (a GET's body, a watch
// event's object).
std::string cached_object_text(const messages::resource_info& info,
                               const informer::cached_object& object);

// The compact JSON text of an object with its kind and apiVersion.
std::string object_json_text(const google::protobuf::Message& object);

}  // namespace kactor::rest
