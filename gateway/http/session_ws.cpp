// The WebSocket phase of a session: the only file that includes Beast's websocket headers.
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>

#include "gateway/http/session.hpp"

namespace kactor::http {

namespace ws = beast::websocket;

struct session::ws_state {
  explicit ws_state(beast::tcp_stream& s) : stream(s) {}
  ws::stream<beast::tcp_stream&> stream;
  beast::http::request<beast::http::empty_body> request;
  beast::flat_buffer in;
  std::deque<std::string> outbox;
  bool writing = false;
  bool closing = false;
};

std::optional<websocket> session::open_websocket(std::string subprotocol) {
  if (!upgrade_request_) return std::nullopt;
  std::weak_ptr<session> weak = weak_from_this();
  auto channel = std::make_shared<websocket_channel>([weak] {
    if (auto self = weak.lock())
      asio::post(self->stream_.get_executor(), [self] { self->ws_pump(); });
  });
  asio::post(stream_.get_executor(),
             [self = shared_from_this(), subprotocol = std::move(subprotocol), channel]() mutable {
               self->start_websocket(std::move(subprotocol), std::move(channel));
             });
  return websocket(channel);
}

void session::start_websocket(std::string subprotocol, std::shared_ptr<websocket_channel> channel) {
  if (phase_ == phase::closed || !upgrade_request_) return channel->closed_by_peer();
  phase_ = phase::websocket;
  ws_channel_ = std::move(channel);
  stream_.expires_never();  // the websocket stream keeps its own timeouts
  ws_ = std::make_shared<ws_state>(stream_);
  ws_->request = std::move(*upgrade_request_);
  upgrade_request_.reset();
  ws_->stream.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
  ws_->stream.set_option(ws::stream_base::decorator([subprotocol](ws::response_type& res) {
    if (!subprotocol.empty()) res.set(beast::http::field::sec_websocket_protocol, subprotocol);
  }));
  ws_->stream.binary(true);
  ws_->stream.async_accept(ws_->request, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return self->shutdown();
    self->ws_read();
    self->ws_pump();
  });
}

void session::ws_read() {
  if (!ws_ || phase_ != phase::websocket) return;
  ws_->stream.async_read(ws_->in, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec || !self->ws_) return self->shutdown();
    auto& in = self->ws_->in;
    if (self->ws_channel_) self->ws_channel_->received(beast::buffers_to_string(in.data()));
    in.consume(in.size());
    self->ws_read();
  });
}

void session::ws_pump() {
  if (!ws_ || phase_ != phase::websocket || ws_->writing || !ws_channel_) return;
  auto batch = ws_channel_->take();
  for (auto& m : batch.messages)
    ws_->outbox.push_back(std::move(m));
  ws_->closing = ws_->closing || batch.close;
  if (!ws_->outbox.empty()) {
    ws_->writing = true;
    ws_->stream.async_write(asio::buffer(ws_->outbox.front()),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || !self->ws_) return self->shutdown();
                              self->ws_->writing = false;
                              self->ws_->outbox.pop_front();
                              self->ws_pump();
                            });
    return;
  }
  if (ws_->closing) {
    ws_->writing = true;
    ws_->stream.async_close(ws::close_code::normal,
                            [self = shared_from_this()](beast::error_code) { self->shutdown(); });
  }
}

}  // namespace kactor::http
