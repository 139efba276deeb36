#include "gateway/http/router.hpp"

#include <doctest/doctest.h>

using namespace kactor::http;

namespace {

// Dispatches synchronously and returns what the handler sent.
response call(const router& r, std::string method, std::string path) {
  request req;
  req.method = std::move(method);
  req.path = std::move(path);
  req.target = req.path;
  response out;
  r.dispatch(std::move(req), responder{[&](response res) { out = std::move(res); }});
  return out;
}

// A handler answering with its name and the captured params.
sync_handler named(std::string name) {
  return [name](const request& req) {
    std::string body = name;
    for (auto& [k, v] : req.params)
      body += " " + k + "=" + v;
    return response::text(200, body);
  };
}

}  // namespace

TEST_CASE("exact paths, parameters and rest captures; the most specific wins") {
  router r;
  r.add_sync("GET", "/readyz", named("readyz"));
  r.add_sync("GET", "/readyz/{check}", named("check"));
  r.add_sync("GET", "/api/v1/namespaces/{namespace}/{resource}", named("list"));
  r.add_sync("GET", "/api/v1/namespaces/{namespace}/pods", named("pods"));
  r.add_sync("GET", "/api/{rest...}", named("api"));
  r.add_sync("GET", "/", named("root"));
  CHECK(call(r, "GET", "/readyz").body == "readyz");
  CHECK(call(r, "GET", "/readyz/bus").body == "check check=bus");
  CHECK(call(r, "GET", "/readyz/a%20b").body == "check check=a b");
  CHECK(call(r, "GET", "/api/v1/namespaces/default/pods").body == "pods namespace=default");
  CHECK(call(r, "GET", "/api/v1/namespaces/default/services").body ==
        "list namespace=default resource=services");
  CHECK(call(r, "GET", "/api/v1").body == "api rest=v1");
  CHECK(call(r, "GET", "/api").body == "api rest=");  // {rest...} may match nothing
  CHECK(call(r, "GET", "/api/").body == "api rest=");
  CHECK(call(r, "GET", "/").body == "root");
  CHECK(call(r, "GET", "/readyz/").status == 404);  // {check} does not match an empty segment
}

TEST_CASE("unknown paths get 404, known paths with another method 405 with Allow") {
  router r;
  r.add_sync("GET", "/x", named("get"));
  r.add_sync("PUT", "/x", named("put"));
  auto missing = call(r, "GET", "/nope");
  CHECK(missing.status == 404);
  CHECK(missing.body == "404 page not found\n");
  auto wrong = call(r, "DELETE", "/x");
  CHECK(wrong.status == 405);
  CHECK(wrong.find_header("Allow") == "GET, PUT, HEAD");
  r.set_not_found([](request, responder res) { res.send(response::json(404, "{}")); });
  CHECK(call(r, "GET", "/nope").find_header("Content-Type") == "application/json");
  CHECK(call(r, "GET", "no-slash").status == 404);
}

TEST_CASE("HEAD falls back to GET unless a HEAD route exists") {
  router r;
  r.add_sync("GET", "/a", named("get-a"));
  r.add_sync("GET", "/b", named("get-b"));
  r.add_sync("HEAD", "/b", named("head-b"));
  CHECK(call(r, "HEAD", "/a").body == "get-a");
  CHECK(call(r, "HEAD", "/b").body == "head-b");
}

TEST_CASE("asynchronous handlers answer after dispatch returns") {
  router r;
  responder* kept = nullptr;
  std::optional<responder> later;
  r.add("POST", "/slow", [&](request req, responder res) {
    later.emplace(res);
    kept = &*later;
  });
  request req;
  req.method = "POST";
  req.path = "/slow";
  int status = 0;
  r.dispatch(std::move(req), responder{[&](response res) { status = res.status; }});
  CHECK(status == 0);
  REQUIRE(kept != nullptr);
  kept->send(response::text(202, "accepted"));
  CHECK(status == 202);
}

TEST_CASE("the same pattern under another method is a separate route") {
  router r;
  r.add_sync("GET", "/a/{x}", named("a"));
  r.add_sync("PUT", "/a/{x}", named("b"));  // another method is fine
  CHECK(call(r, "PUT", "/a/1").body == "b x=1");
}
