#pragma once

#include <functional>
#include <memory>
#include <string>

namespace kactor::http {

class stream_channel;

// The body of a streaming response (watch, logs -f), begun by responder::begin_stream(): a
// chunked HTTP/1.1 body written piece by piece, from any thread, for as long as the producer
// likes. Copies share one stream. Thread-safe.
//
// Each write() is one HTTP chunk, sent in order. Nothing blocks: chunks queue in memory and
// the connection's I/O thread writes them as fast as the peer reads. The stream closes when
// the producer calls end(), the peer closes its socket (noticed at once, even while idle),
// the peer falls behind by more than max_stream_queue_bytes (stream_channel.hpp) or does not
// take a write for http_config::write_timeout (both drop the connection without a final
// chunk), or the server stops or drains (drain ends streams with the final chunk).
class stream {
 public:
  explicit stream(std::shared_ptr<stream_channel> channel);

  // Queues one chunk. Returns false once the stream is closed (client gone, server stopping,
  // ended, or this chunk would pass the queue limit: then the stream is closed and the
  // connection dropped, as kube-apiserver drops a too-slow watcher). An empty chunk is
  // ignored (it would end the body) and returns !closed().
  bool write(std::string chunk) const;

  // Sends what is queued, then the final zero-length chunk; the connection may then serve the
  // next request. Closes the stream (the on_close callbacks run). Idempotent.
  void end() const;

  // True once the stream is closed for any reason; write() then returns false.
  bool closed() const;

  // Runs `fn` once when the stream closes for any reason, including end(); at once, on the
  // calling thread, when it already closed. Otherwise it runs on an HTTP I/O thread (never
  // inside write() or end()), so it must not block: use it to cancel the producer. May be
  // called several times; every callback runs.
  void on_close(std::function<void()> fn) const;

 private:
  std::shared_ptr<stream_channel> channel_;
};

}  // namespace kactor::http
