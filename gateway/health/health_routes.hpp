#pragma once

#include <memory>

#include "gateway/health/health_checks.hpp"
#include "gateway/http/router.hpp"

namespace kactor::health {

// Adds GET /livez, /healthz, /readyz and /livez/{check}, /healthz/{check}, /readyz/{check},
// answering like kube-apiserver:
//   all pass:      200 `ok`
//   ?verbose:      200, one line per check (`[+]ping ok`, `[+]bus excluded: ok`), then
//                  `readyz check passed`
//   a check fails: 503, one line per check with `[-]bus failed: reason withheld` (the reason
//                  itself with ?verbose), then `readyz check failed`
//   ?exclude=NAME: skips NAME (repeatable); unknown names are reported in a `warn:` line
//   /readyz/NAME:  that check alone: 200 `ok`, 503 `[-]NAME failed: <reason>`, 404 if unknown
void add_health_routes(http::router& routes, std::shared_ptr<const health_checks> checks);

}  // namespace kactor::health
