#include "gateway/health/health_routes.hpp"

#include <algorithm>

namespace kactor::health {
namespace {

http::response plain(int status, std::string body) {
  auto res = http::response::text(status, std::move(body));
  res.set_header("Cache-Control", "no-cache, private");
  res.set_header("X-Content-Type-Options", "nosniff");
  return res;
}

http::response probe(const health_checks& checks, endpoint which, const char* name,
                     const http::request& req) {
  auto exclude = req.query_values("exclude");
  auto results = checks.run(which, exclude);
  bool failed =
      std::any_of(results.begin(), results.end(), [](auto& r) { return r.failure.has_value(); });
  bool verbose = req.has_query("verbose");
  if (!failed && !verbose) return plain(200, "ok");
  std::string body;
  for (auto& r : results) {
    if (r.excluded)
      body += "[+]" + r.name + " excluded: ok\n";
    else if (!r.failure)
      body += "[+]" + r.name + " ok\n";
    else
      body += "[-]" + r.name +
              " failed: " + (verbose ? *r.failure : std::string{"reason withheld"}) + "\n";
  }
  std::string unknown;
  for (auto& x : exclude)
    if (std::none_of(results.begin(), results.end(), [&](auto& r) { return r.name == x; }))
      unknown += (unknown.empty() ? "\"" : ", \"") + x + "\"";
  if (!unknown.empty())
    body += "warn: some health checks cannot be excluded: no matches for " + unknown + "\n";
  body += std::string{name} + (failed ? " check failed\n" : " check passed\n");
  return plain(failed ? 503 : 200, std::move(body));
}

http::response probe_one(const health_checks& checks, endpoint which, const http::request& req) {
  auto name = req.params.at("check");
  auto result = checks.run_one(which, name);
  if (!result) return plain(404, "404 page not found\n");
  if (!result->failure) return plain(200, "ok");
  return plain(503, "[-]" + name + " failed: " + *result->failure + "\n");
}

}  // namespace

void add_health_routes(http::router& routes, std::shared_ptr<const health_checks> checks) {
  const std::pair<endpoint, const char*> endpoints[] = {
      {endpoint::livez, "livez"}, {endpoint::healthz, "healthz"}, {endpoint::readyz, "readyz"}};
  for (auto [which, name] : endpoints) {
    std::string path = std::string{"/"} + name;
    routes.add_sync("GET", path, [checks, which, name](const http::request& req) {
      return probe(*checks, which, name, req);
    });
    routes.add_sync("GET", path + "/{check}", [checks, which](const http::request& req) {
      return probe_one(*checks, which, req);
    });
  }
}

}  // namespace kactor::health
