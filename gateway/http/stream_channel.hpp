#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace kactor::http {

// Largest number of bytes a stream may hold that the socket has not yet taken (queued chunks
// plus the batch being written). A producer that gets further ahead than this has a peer too
// slow to follow: the stream is closed and the connection dropped, as kube-apiserver drops a
// watcher whose buffer is full. 16 MiB holds thousands of watch events of typical size.
// (A constant, not an http_config field, because config/ is owned elsewhere: move it there when
// it needs tuning per deployment.)
inline constexpr std::size_t max_stream_queue_bytes = 16 * 1024 * 1024;

// The shared state of one streaming response: the queue between the producer (stream::write,
// any thread) and the connection that writes it (an HTTP I/O strand). Thread-safe. The server
// creates one per begin_stream(); a handler test may create one to capture what a handler
// streams, without a socket.
class stream_channel {
 public:
  // Called (on the producer's thread, outside every lock) when the connection has work: chunks
  // queued while it was idle, end(), or the queue limit was hit. Coalesced: at most one call
  // until the connection calls take(), except that a drop always calls it.
  using wake_fn = std::function<void()>;

  // What the connection takes out in one go.
  struct batch {
    std::vector<std::string> chunks;  // in write() order, none empty
    bool end = false;                 // end() was called: the final chunk follows these
    bool dropped = false;  // closed by the limit (or close()): drop the connection, no final chunk
  };

  stream_channel(std::size_t max_queued_bytes, wake_fn wake);

  // --- producer side (what stream forwards to) ---

  // Queues `chunk`. False once closed; an empty chunk is accepted and ignored (a zero-length
  // chunk would end the body). Closes the stream (dropped) when the queue would exceed the limit.
  bool write(std::string chunk);
  // Closes for writing; what was queued is still sent, then the final chunk. Idempotent.
  void end();
  // True after end(), the limit, or close().
  bool closed() const;
  // Runs `fn` once when the stream closes; at once (on the calling thread) when the close
  // callbacks already ran. Callbacks run from fire(), never inside write() or end().
  void on_close(std::function<void()> fn);

  // --- connection side ---

  // True when the limit (or close()) dropped the stream: the connection should close at once,
  // even in the middle of a write. A drop always wakes the connection, armed or not.
  bool dropped() const;
  // Moves out everything queued since the last take() and re-arms the wake-up.
  batch take();
  // The socket took `bytes` of earlier batches: they no longer count against the limit.
  void written(std::size_t bytes);
  // The connection is gone (peer closed, timeout, server stopping): closes, discards the queue
  // and runs the close callbacks on the calling thread.
  void close();
  // Runs the close callbacks registered so far, once each, on the calling thread, if the
  // stream is closed. The connection calls it after it saw end() or the drop in a batch.
  void fire();

 private:
  const std::size_t max_queued_bytes_;
  const wake_fn wake_;
  mutable std::mutex mutex_;
  std::vector<std::string> queue_;
  std::size_t queued_bytes_ = 0;  // accepted by write(), not yet confirmed by written()
  bool wake_armed_ = true;        // the next write() or end() calls wake_
  bool ended_ = false;
  bool dropped_ = false;
  bool fired_ = false;  // the close callbacks ran; later on_close() calls run at once
  std::vector<std::function<void()>> on_close_;
};

}  // namespace kactor::http
