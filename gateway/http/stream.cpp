#include "gateway/http/stream.hpp"

#include "gateway/http/stream_channel.hpp"

namespace kactor::http {

stream::stream(std::shared_ptr<stream_channel> channel) : channel_(std::move(channel)) {}

bool stream::write(std::string chunk) const {
  return channel_->write(std::move(chunk));
}

void stream::end() const {
  channel_->end();
}

bool stream::closed() const {
  return channel_->closed();
}

void stream::on_close(std::function<void()> fn) const {
  channel_->on_close(std::move(fn));
}

}  // namespace kactor::http
