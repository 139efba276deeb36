#include "bench/gateway/closed_loop.hpp"

#include <limits>
#include <memory>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace kactor::bench::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock_type = std::chrono::steady_clock;

namespace {

// Shared by every connection of one run; touched only on the run's thread.
struct run_state {
  load_options opts;
  request_source source;
  clock_type::time_point deadline;
  std::vector<double> samples_ms;
  load_result result;
  clock_type::time_point last_response;
};

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(asio::io_context& io, run_state& run, std::size_t index)
      : stream_(io), run_(run), index_(index) {}

  beast::tcp_stream& stream() { return stream_; }

  void next() {
    auto item = clock_type::now() < run_.deadline ? run_.source(index_, seq_) : std::nullopt;
    if (!item) return;
    ++seq_;
    req_ = {item->method, item->target, 11};
    req_.set(http::field::host, "127.0.0.1");
    req_.set(http::field::accept, "application/json");
    if (!item->body.empty()) req_.set(http::field::content_type, "application/json");
    if (!item->user_agent.empty()) req_.set(http::field::user_agent, item->user_agent);
    req_.body() = std::move(item->body);
    req_.prepare_payload();
    parser_.emplace();
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    started_ = clock_type::now();
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, auto) {
      if (ec) return self->fail("write: " + ec.message());
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](beast::error_code ec, auto) { self->on_read(ec); });
    });
  }

 private:
  void on_read(beast::error_code ec) {
    auto now = clock_type::now();
    if (ec) return fail("read: " + ec.message());
    auto& res = parser_->get();
    run_.last_response = now;
    if (res.result_int() == run_.opts.expected_status) {
      ++run_.result.ok;
      run_.result.response_bytes += res.body().size();
      run_.samples_ms.push_back(elapsed_ms(started_, now));
    } else {
      count_failure("HTTP " + std::to_string(res.result_int()) + ": " + res.body().substr(0, 300));
    }
    if (!res.keep_alive()) return fail("server closed the connection");
    next();
  }

  void fail(const std::string& why) {
    count_failure(why);
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }

  void count_failure(const std::string& why) {
    if (run_.result.first_failure.empty()) run_.result.first_failure = why;
    ++run_.result.failed;
  }

  beast::tcp_stream stream_;
  run_state& run_;
  std::size_t index_;
  std::uint64_t seq_ = 0;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  std::optional<http::response_parser<http::string_body>> parser_;
  clock_type::time_point started_;
};

}  // namespace

load_result run_closed_loop(const endpoint& ep, const load_options& opts, request_source source) {
  asio::io_context io;
  run_state run{opts, std::move(source), {}, {}, {}, {}};
  std::vector<std::shared_ptr<connection>> connections;
  asio::ip::tcp::endpoint target(asio::ip::make_address(ep.host), ep.port);
  for (std::size_t i = 0; i < opts.clients; ++i) {
    auto c = std::make_shared<connection>(io, run, i);
    beast::error_code ec;
    c->stream().socket().connect(target, ec);
    if (ec) {
      run.result.failed++;
      if (run.result.first_failure.empty()) run.result.first_failure = "connect: " + ec.message();
      continue;
    }
    c->stream().socket().set_option(asio::ip::tcp::no_delay(true));
    connections.push_back(std::move(c));
  }
  auto start = clock_type::now();
  run.deadline = start + opts.duration;
  run.last_response = start;
  for (auto& c : connections)
    c->next();
  connections.clear();  // each connection now lives as long as its pending operation
  io.run();
  run.result.seconds = elapsed_ms(start, run.last_response) / 1000.0;
  run.result.latency = summarize(run.samples_ms);
  return run.result;
}

}  // namespace kactor::bench::gateway
