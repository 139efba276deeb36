#include "bench/gateway/watch_fanout.hpp"

#include <limits>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "bench/gateway/event_line.hpp"

namespace kactor::bench::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// One watch stream: connect, send the GET, read the head, then read the chunked body forever,
// splitting it into event lines.
class watch_fanout::watcher : public std::enable_shared_from_this<watcher> {
 public:
  explicit watcher(watch_fanout& owner) : owner_(owner), stream_(owner.io_) {
    on_chunk_ = [this](std::uint64_t, beast::string_view body, beast::error_code&) {
      auto now = std::chrono::steady_clock::now();
      lines_.feed({body.data(), body.size()}, [&](std::string_view line) {
        deliveries_.push_back(
            {std::string(event_object_name(line)), std::string(event_type(line)), now});
        owner_.delivered_.fetch_add(1, std::memory_order_relaxed);
      });
      return body.size();
    };
  }

  void start() {
    asio::ip::tcp::endpoint target(asio::ip::make_address(owner_.ep_.host), owner_.ep_.port);
    stream_.async_connect(target, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail("connect: " + ec.message());
      self->stream_.socket().set_option(asio::ip::tcp::no_delay(true));
      self->send();
    });
  }

  void close() {
    beast::error_code ignored;
    closed_ = true;
    stream_.socket().close(ignored);
  }

  std::vector<delivery> take() { return std::move(deliveries_); }

 private:
  void send() {
    req_ = {http::verb::get, owner_.target_, 11};
    req_.set(http::field::host, owner_.ep_.host);
    req_.set(http::field::accept, "application/json");
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, auto) {
      if (ec) return self->fail("write: " + ec.message());
      self->parser_.body_limit(std::numeric_limits<std::uint64_t>::max());
      self->parser_.on_chunk_body(self->on_chunk_);
      http::async_read_header(self->stream_, self->buffer_, self->parser_,
                              [self](beast::error_code ec, auto) { self->on_head(ec); });
    });
  }

  void on_head(beast::error_code ec) {
    if (ec) return fail("read head: " + ec.message());
    if (parser_.get().result_int() != 200)
      return fail("watch answered HTTP " + std::to_string(parser_.get().result_int()));
    owner_.open_.fetch_add(1);
    read_more();
  }

  void read_more() {
    http::async_read_some(stream_, buffer_, parser_,
                          [self = shared_from_this()](beast::error_code ec, auto) {
                            if (ec) return self->fail("read: " + ec.message());
                            if (self->parser_.is_done()) return self->fail("stream ended");
                            self->read_more();
                          });
  }

  void fail(const std::string& why) {
    if (closed_) return;  // stop() closed it: not a failure
    if (owner_.first_failure_.empty()) owner_.first_failure_ = why;
    owner_.broken_.fetch_add(1);
    close();
  }

  watch_fanout& owner_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> req_;
  http::response_parser<http::empty_body> parser_;
  std::function<std::size_t(std::uint64_t, beast::string_view, beast::error_code&)> on_chunk_;
  line_splitter lines_;
  std::vector<delivery> deliveries_;
  bool closed_ = false;
};

watch_fanout::watch_fanout(endpoint ep, std::string target, std::size_t watchers)
    : ep_(std::move(ep)), target_(std::move(target)) {
  for (std::size_t i = 0; i < watchers; ++i)
    watchers_.push_back(std::make_shared<watcher>(*this));
}

watch_fanout::~watch_fanout() {
  if (thread_.joinable()) stop();
}

std::size_t watch_fanout::open(std::chrono::milliseconds timeout) {
  for (auto& w : watchers_)
    w->start();
  thread_ = std::thread([this] { io_.run(); });
  // A bench, not a test: polling the counters with a deadline is the simplest bounded wait.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (open_.load() + broken_.load() < watchers_.size() &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return open_.load();
}

std::vector<std::vector<delivery>> watch_fanout::stop() {
  asio::post(io_, [this] {
    for (auto& w : watchers_)
      w->close();
  });
  // The closed sockets complete every pending read with an error, so run() returns.
  if (thread_.joinable()) thread_.join();
  std::vector<std::vector<delivery>> all;
  for (auto& w : watchers_)
    all.push_back(w->take());
  return all;
}

}  // namespace kactor::bench::gateway
