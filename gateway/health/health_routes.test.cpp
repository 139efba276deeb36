#include "gateway/health/health_routes.hpp"

#include <doctest/doctest.h>

#include <atomic>

using namespace kactor;

namespace {

struct fixture {
  std::shared_ptr<health::health_checks> checks = std::make_shared<health::health_checks>();
  http::router routes;
  std::atomic<bool> bus_up{true};

  fixture() {
    checks->add("bus", health::scope::readiness, [this]() -> std::optional<std::string> {
      if (!bus_up) return "not connected to nats://127.0.0.1:4222";
      return std::nullopt;
    });
    health::add_health_routes(routes, checks);
  }

  http::response get(std::string target) {
    http::request req;
    req.method = "GET";
    req.target = target;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = http::parse_query(target.substr(q + 1));
    http::response out;
    routes.dispatch(std::move(req),
                    http::responder{[&](http::response res) { out = std::move(res); }});
    return out;
  }
};

}  // namespace

TEST_CASE("all checks pass: 200 ok; verbose lists them") {
  fixture f;
  for (auto path : {"/livez", "/healthz", "/readyz"}) {
    auto res = f.get(path);
    CHECK(res.status == 200);
    CHECK(res.body == "ok");
  }
  auto verbose = f.get("/readyz?verbose");
  CHECK(verbose.status == 200);
  CHECK(verbose.body == "[+]ping ok\n[+]shutdown ok\n[+]bus ok\nreadyz check passed\n");
  CHECK(f.get("/livez?verbose").body == "[+]ping ok\nlivez check passed\n");
}

TEST_CASE("a failing check gives 503 naming it, with the reason only when verbose") {
  fixture f;
  f.bus_up = false;
  auto res = f.get("/readyz");
  CHECK(res.status == 503);
  CHECK(res.body ==
        "[+]ping ok\n[+]shutdown ok\n[-]bus failed: reason withheld\nreadyz check failed\n");
  auto verbose = f.get("/readyz?verbose=1");
  CHECK(verbose.body.find("[-]bus failed: not connected to nats://127.0.0.1:4222\n") !=
        std::string::npos);
  CHECK(f.get("/healthz").status == 503);
  CHECK(f.get("/livez").status == 200);  // the bus is a readiness concern
}

TEST_CASE("exclude and single-check paths") {
  fixture f;
  f.bus_up = false;
  auto quiet = f.get("/readyz?exclude=bus");
  CHECK(quiet.status == 200);
  CHECK(quiet.body == "ok");
  auto excluded = f.get("/readyz?exclude=bus&exclude=nope&verbose");
  CHECK(excluded.status == 200);
  CHECK(excluded.body ==
        "[+]ping ok\n[+]shutdown ok\n[+]bus excluded: ok\n"
        "warn: some health checks cannot be excluded: no matches for \"nope\"\nreadyz check "
        "passed\n");
  auto one = f.get("/readyz/bus");
  CHECK(one.status == 503);
  CHECK(one.body == "[-]bus failed: not connected to nats://127.0.0.1:4222\n");
  CHECK(f.get("/readyz/ping").body == "ok");
  CHECK(f.get("/readyz/unknown").status == 404);
  CHECK(f.get("/livez/bus").status == 404);
}

TEST_CASE("shutdown fails readyz but not healthz or livez") {
  fixture f;
  f.checks->begin_shutdown();
  CHECK(f.get("/readyz").status == 503);
  CHECK(f.get("/readyz").body.find("[-]shutdown failed") != std::string::npos);
  CHECK(f.get("/healthz").status == 200);
  CHECK(f.get("/livez").status == 200);
  CHECK(f.get("/readyz").find_header("Cache-Control") == "no-cache, private");
}
