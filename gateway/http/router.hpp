#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/http/message.hpp"
#include "gateway/http/responder.hpp"

namespace kactor::http {

// Answers a request, now or later, through the responder. Runs on an HTTP I/O thread: it must
// not block (hand slow work to an actor and answer from there). It gets the request by value
// so it can move it into an asynchronous continuation.
using handler = std::function<void(request req, responder res)>;

// A handler that can answer at once.
using sync_handler = std::function<response(const request& req)>;

// Maps method + path to handlers. Built before the server starts, then read-only: the server
// shares it between its I/O threads without locking.
//
// A pattern is a path whose segments are literals, `{name}` (exactly one segment) or, as the
// last segment only, `{name...}` (the rest of the path, possibly empty: "/api/{rest...}"
// matches "/api", "/api/" and "/api/v1/pods"). When several
// patterns match, the most specific wins: comparing segment by segment from the left, a
// literal beats `{name}`, which beats `{name...}`. Captured values land in request::params,
// percent-decoded. Examples: "/readyz", "/readyz/{check}",
// "/api/v1/namespaces/{namespace}/{resource}/{name}", "/apis/{rest...}".
//
// HEAD requests use the GET handler when there is no HEAD route (the server drops the body).
// A path that matches no pattern gets the not-found handler (default: 404 "404 page not
// found", like Go's net/http); a path that matches only with other methods gets 405 with an
// Allow header.
class router {
 public:
  router();

  // Adds a route. Precondition: `pattern` starts with '/' and a `{name...}` segment is last;
  // a pattern registered twice for one method keeps the first (the later one is a bug and
  // aborts, so it shows in any test that builds the router).
  void add(std::string_view method, std::string_view pattern, handler h);
  void add_sync(std::string_view method, std::string_view pattern, sync_handler h);

  // Replaces the handler for paths no pattern matches.
  void set_not_found(handler h);

  // Routes `req` and calls the chosen handler (on the calling thread).
  void dispatch(request req, responder res) const;

 private:
  struct segment {
    enum kind_t { literal, param, rest } kind;
    std::string text;  // the literal, or the parameter name
  };
  struct route {
    std::string method;
    std::vector<segment> segments;
    handler h;
  };

  // Fills `params` and returns a specificity score vector when `r` matches `path_segments`.
  static bool match(const route& r, const std::vector<std::string_view>& path_segments,
                    std::vector<int>& score, std::map<std::string, std::string>& params);

  std::vector<route> routes_;
  handler not_found_;
};

}  // namespace kactor::http
