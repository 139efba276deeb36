#include "gateway/http/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace kactor::http {

namespace bhttp = beast::http;

namespace {

// Converts Beast's parsed request into the handler-facing value.
request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
  request req;
  req.method = std::string{in.method_string()};
  req.target = std::string{in.target()};
  auto q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos) req.query = parse_query(std::string_view{req.target}.substr(q + 1));
  for (auto& field : in)
    req.headers.push_back(header{std::string{field.name_string()}, std::string{field.value()}});
  req.body = std::move(in.body());
  req.version = in.version();
  req.remote = remote;
  return req;
}

}  // namespace

session::session(tcp::socket socket, std::shared_ptr<http_server::impl> server)
    : server_(std::move(server)), stream_(std::move(socket)) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
}

session::~session() {
  // Every path closes through shutdown(); this only guards the count against a missed one.
  if (phase_ != phase::closed) server_->connection_closed();
}

void session::start() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->await_request(); });
}

void session::close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] { self->shutdown(); });
}

void session::drain() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->phase_ == phase::idle) return self->shutdown();
    // The wake-up of end() posts pump(), which sends the final chunk and then closes.
    if (self->phase_ == phase::streaming) self->channel_->end();
    if (self->phase_ == phase::websocket) self->ws_channel_->close();
  });
}

// Waits for the first byte of the next request under the idle timeout, so an idle keep-alive
// connection and a slow request get different limits.
void session::await_request() {
  if (server_->stopping || server_->draining) return shutdown();
  phase_ = phase::idle;
  if (buffer_.size() > 0) return read_request();  // a pipelined request is already here
  stream_.expires_after(server_->cfg.idle_timeout);
  stream_.async_read_some(
      buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        if (ec) return self->shutdown();  // idle timeout, peer closed, or server stopping
        self->buffer_.commit(n);
        self->read_request();
      });
}

void session::read_request() {
  phase_ = phase::reading;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::uint64_t>(server_->cfg.max_header_bytes, UINT32_MAX)));
  parser_->body_limit(server_->cfg.max_body_bytes);
  stream_.expires_after(server_->cfg.read_timeout);
  bhttp::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void session::on_read(beast::error_code ec) {
  if (phase_ == phase::closed) return;
  if (ec == bhttp::error::header_limit) return reject(431, "431 request header fields too large\n");
  if (ec == bhttp::error::body_limit) {
    // As kube-apiserver answers it: a Status, so kubectl prints the reason.
    head_ = false;
    keep_alive_ = false;
    return write(response::json(
        413,
        R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
        R"("message":"the request body is too large","reason":"RequestEntityTooLarge","code":413})"));
  }
  if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
      ec == asio::error::eof)
    return shutdown();
  if (ec) return reject(400, "400 bad request\n");
  phase_ = phase::handling;
  auto msg = parser_->release();
  head_ = msg.method() == bhttp::verb::head;
  keep_alive_ = msg.keep_alive();
  version_ = msg.version();
  upgrade_request_.reset();
  if (beast::websocket::is_upgrade(msg)) upgrade_request_.emplace(msg.base());
  server_->routes->dispatch(to_request(std::move(msg), remote_), make_responder());
}

responder session::make_responder() {
  auto self = shared_from_this();
  auto deliver = [self](response out) {
    if (self->server_->stopping) return;  // the loop may no longer run: drop, do not queue
    asio::post(self->stream_.get_executor(),
               [self, out = std::move(out)]() mutable { self->write(std::move(out)); });
  };
  return responder{std::move(deliver),
                   [self](response head) { return self->open_stream(std::move(head)); },
                   [self](std::string sub) { return self->open_websocket(std::move(sub)); }};
}

void session::reject(unsigned status, const char* body) {
  head_ = false;
  keep_alive_ = false;
  write(response::text(static_cast<int>(status), body));
}

void session::write(response res) {
  if (phase_ == phase::closed) return;  // closed while the handler worked: drop the answer
  phase_ = phase::writing;
  out_ = {};
  out_.version(11);
  out_.result(static_cast<unsigned>(res.status));
  for (auto& h : res.headers)
    out_.set(h.name, h.value);
  bool keep_alive = keep_alive_ && !server_->stopping && !server_->draining;
  out_.keep_alive(keep_alive);
  if (head_) {
    out_.content_length(res.body.size());  // what GET would send; no body follows
  } else {
    out_.body() = std::move(res.body);
    out_.prepare_payload();
  }
  stream_.expires_after(server_->cfg.write_timeout);
  bhttp::async_write(stream_, out_,
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       self->on_write(keep_alive, ec);
                     });
}

void session::on_write(bool keep_alive, beast::error_code ec) {
  if (ec || !keep_alive) return shutdown();
  await_request();
}

// Closes once: the open stream (its on_close callbacks run here), then the socket.
void session::shutdown() {
  if (phase_ == phase::closed) return;
  phase_ = phase::closed;
  if (auto channel = std::exchange(channel_, nullptr)) channel->close();
  if (auto ws = std::exchange(ws_channel_, nullptr)) ws->closed_by_peer();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
  server_->connection_closed();
}

}  // namespace kactor::http
