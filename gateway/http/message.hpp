#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/http/query.hpp"

// The HTTP request and response as handlers see them: plain values, no Beast types, so
// handler code compiles fast and does not depend on the HTTP library.
namespace kactor::http {

struct header {
  std::string name;
  std::string value;
};

// One received request. The server fills every field but `params`, which the router fills.
struct request {
  std::string method;             // "GET", "POST" ... as received (HTTP methods are case-sensitive)
  std::string target;             // the raw request-target: "/readyz?verbose"
  std::string path;               // target up to '?', still percent-encoded
  std::vector<query_item> query;  // the decoded query items, in order
  std::vector<header> headers;    // in order, names as received
  std::string body;
  unsigned version = 11;  // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::string remote;     // peer "address:port"
  // Values of the pattern's `{name}` / `{name...}` segments, percent-decoded.
  std::map<std::string, std::string> params;

  // The first header called `name` (case-insensitive), or nullopt.
  std::optional<std::string_view> find_header(std::string_view name) const;
  // True when the query has an item with key `name` (with or without a value: `?verbose`).
  bool has_query(std::string_view name) const;
  // The value of the first query item with key `name`, or nullopt.
  std::optional<std::string> query_value(std::string_view name) const;
  // The values of every query item with key `name`, in order (`?exclude=a&exclude=b`).
  std::vector<std::string> query_values(std::string_view name) const;
};

// One response. The server adds Content-Length and the Connection header.
struct response {
  int status = 200;
  std::vector<header> headers;
  std::string body;

  // Replaces every header called `name` (case-insensitive) by one with `value`.
  response& set_header(std::string_view name, std::string value);
  std::optional<std::string_view> find_header(std::string_view name) const;

  // A response with Content-Type `text/plain; charset=utf-8`.
  static response text(int status, std::string body);
  // A response with Content-Type `application/json`.
  static response json(int status, std::string body);
};

// ASCII case-insensitive equality, as header names compare.
bool iequals(std::string_view a, std::string_view b);

}  // namespace kactor::http
