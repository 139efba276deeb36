#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <boost/beast/http/verb.hpp>

#include "bench/gateway/http_client.hpp"
#include "bench/gateway/latency.hpp"

// Closed-loop HTTP load: N keep-alive connections, each with exactly one request in flight,
// all driven by one Asio thread (the caller's).
namespace kactor::bench::gateway {

struct load_request {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string target;
  std::string body;        // sent as application/json when not empty
  std::string user_agent;  // the User-Agent header when not empty (names the field manager)
};

// Gives the next request of connection `client` (its `seq`-th, from 0), or nullopt when the
// load is done for that connection. Called on the load's thread only.
using request_source =
    std::function<std::optional<load_request>(std::size_t client, std::uint64_t seq)>;

struct load_options {
  std::size_t clients = 1;
  // No request starts after this long (requests in flight then still complete and count).
  std::chrono::milliseconds duration = std::chrono::seconds(5);
  unsigned expected_status = 200;  // any other status counts as failed
};

struct load_result {
  latency_summary latency;  // of the requests that got the expected status
  std::uint64_t ok = 0;
  std::uint64_t failed = 0;          // other status or transport error
  std::uint64_t response_bytes = 0;  // bodies of the successful requests
  double seconds = 0;                // from the first request to the last response
  std::string first_failure;         // what the first failure was, for the report
  double per_second() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
};

// Connects `opts.clients` connections to `ep` (all before the clock starts), then runs them in
// closed loop until the duration ends or `source` is exhausted. A connection that fails (transport
// error or the server closing it) counts one failure and stops.
load_result run_closed_loop(const endpoint& ep, const load_options& opts, request_source source);

}  // namespace kactor::bench::gateway
