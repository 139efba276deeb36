// The streaming phase of a session (see session.hpp): the head, then batches of chunks taken
// from the stream's channel, while a read stays pending on the socket so that a peer closing
// its end is noticed at once, even when nothing is being written.

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <cstdio>

#include "gateway/http/session.hpp"

namespace kactor::http {

namespace bhttp = beast::http;

namespace {

// While streaming, bytes the peer sends (a pipelined request) are kept for after the stream;
// past this many the session stops reading, and with it stops noticing a close promptly.
constexpr std::size_t max_buffered_while_streaming = 64 * 1024;

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view last_chunk = "0\r\n\r\n";

std::string chunk_size_line(std::size_t size) {
  char line[24];
  int n = std::snprintf(line, sizeof line, "%zx\r\n", size);
  return std::string(line, static_cast<std::size_t>(n));
}

}  // namespace

stream session::open_stream(response head) {
  std::weak_ptr<session> weak = shared_from_this();
  auto channel = std::make_shared<stream_channel>(max_stream_queue_bytes, [weak] {
    auto self = weak.lock();
    // Stopping: the loop may no longer run; stop() closes the channel through shutdown().
    if (!self || self->server_->stopping) return;
    asio::post(self->stream_.get_executor(), [self] { self->pump(); });
  });
  if (server_->stopping) {
    channel->close();
    return stream{channel};
  }
  asio::post(stream_.get_executor(),
             [self = shared_from_this(), head = std::move(head), channel]() mutable {
               self->start_stream(std::move(head), std::move(channel));
             });
  return stream{channel};
}

void session::start_stream(response head, std::shared_ptr<stream_channel> channel) {
  if (phase_ == phase::closed) return channel->close();
  phase_ = phase::streaming;
  channel_ = std::move(channel);
  // HTTP/1.0 knows no chunked framing: the body runs until the connection closes.
  chunked_ = version_ >= 11;
  stream_keep_alive_ = keep_alive_ && chunked_ && !server_->draining;
  // HEAD gets the headers GET would, and nothing else; a draining server ends a new stream.
  if (head_ || server_->draining) channel_->end();
  stream_head_ = {};
  stream_head_.version(11);
  stream_head_.result(static_cast<unsigned>(head.status));
  for (auto& h : head.headers)
    if (!iequals(h.name, "Content-Length") && !iequals(h.name, "Transfer-Encoding"))
      stream_head_.set(h.name, h.value);
  stream_head_.chunked(chunked_);
  stream_head_.keep_alive(stream_keep_alive_);
  head_serializer_.emplace(stream_head_);
  stream_writing_ = true;
  stream_.expires_after(server_->cfg.write_timeout);
  bhttp::async_write_header(stream_, *head_serializer_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_head_written(ec);
                            });
  if (!head_) watch_peer();
}

void session::on_head_written(beast::error_code ec) {
  stream_writing_ = false;
  if (phase_ != phase::streaming) return;
  if (ec) return shutdown();
  pump();
}

// Keeps one read pending with no timeout (the write timer is separate in tcp_stream), so EOF or
// a reset ends the stream while it is idle.
void session::watch_peer() {
  if (peer_read_pending_ || buffer_.size() >= max_buffered_while_streaming) return;
  peer_read_pending_ = true;
  stream_.expires_never();  // touches only the read timer while a write is pending
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->on_peer_read(ec, n);
                          });
}

void session::on_peer_read(beast::error_code ec, std::size_t n) {
  peer_read_pending_ = false;
  buffer_.commit(n);
  if (phase_ == phase::closed) return;
  if (phase_ == phase::streaming) {
    if (ec) return shutdown();  // the peer closed or reset: the stream is gone
    return watch_peer();
  }
  // The stream finished and finish_stream() cancelled this read to serve the next request.
  if (ec && ec != asio::error::operation_aborted) return shutdown();
  await_request();
}

// Writes everything the producer queued as one batch; called on each wake-up and after
// every write, so nothing queued meanwhile waits for another wake-up.
void session::pump() {
  if (phase_ != phase::streaming) return;
  // Too slow a reader: close now (aborting a stuck write), without a final chunk.
  if (channel_->dropped()) return shutdown();
  if (stream_writing_) return;
  auto batch = channel_->take();
  if (batch.dropped) return shutdown();
  if (batch.end) channel_->fire();
  wire_.clear();
  buffers_.clear();
  in_flight_bytes_ = 0;
  if (!head_) {
    for (auto& chunk : batch.chunks) {
      in_flight_bytes_ += chunk.size();
      if (chunked_) wire_.push_back(chunk_size_line(chunk.size()));
      wire_.push_back(std::move(chunk));
    }
    // wire_ is complete: its strings no longer move, so buffers may point into them.
    for (std::size_t i = 0; i < wire_.size(); ++i) {
      buffers_.push_back(asio::buffer(wire_[i]));
      if (chunked_ && i % 2 == 1) buffers_.push_back(asio::buffer(crlf));  // ends a chunk
    }
  }
  ending_ = batch.end;
  if (ending_ && chunked_ && !head_) buffers_.push_back(asio::buffer(last_chunk));
  if (buffers_.empty()) return ending_ ? finish_stream() : void();
  stream_writing_ = true;
  stream_.expires_after(server_->cfg.write_timeout);
  asio::async_write(stream_, buffers_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->on_chunks_written(ec);
                    });
}

void session::on_chunks_written(beast::error_code ec) {
  stream_writing_ = false;
  if (phase_ != phase::streaming) return;
  channel_->written(in_flight_bytes_);
  if (ec) return shutdown();  // includes the write timeout: the peer stopped reading
  if (ending_) return finish_stream();
  pump();
}

void session::finish_stream() {
  channel_ = nullptr;
  phase_ = phase::writing;
  if (!stream_keep_alive_ || server_->draining || server_->stopping) return shutdown();
  beast::error_code ec;
  // The pending read continues into await_request() (on_peer_read) once cancelled.
  if (peer_read_pending_) return void(stream_.socket().cancel(ec));
  await_request();
}

}  // namespace kactor::http
