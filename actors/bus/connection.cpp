#include "actors/bus/connection.hpp"

#include "actors/bus/connection_core.hpp"
#include "actors/bus/subscription_impl.hpp"

#include <nats/nats.h>

#include "actors/bus/nats_status.hpp"

namespace kactor::bus {

namespace {

caf::error bad_option(std::string_view field, std::string_view problem) {
  return make_error(errc::invalid_argument,
                    "nats: option " + std::string{field} + ": " + std::string{problem});
}

}  // namespace

caf::error validate(const connection_options& opts) {
  if (opts.url.find_first_not_of(", \t") == std::string::npos)
    return bad_option("url", "no server URL given");
  if (opts.reconnect_wait.count() <= 0) return bad_option("reconnect_wait", "must be positive");
  if (opts.reconnect_wait_max < opts.reconnect_wait)
    return bad_option("reconnect_wait_max", "must be at least reconnect_wait");
  if (opts.reconnect_jitter.count() < 0)
    return bad_option("reconnect_jitter", "must not be negative");
  if (opts.max_reconnects < -1) return bad_option("max_reconnects", "must be -1 or more");
  if (opts.reconnect_buffer_bytes <= 0)
    return bad_option("reconnect_buffer_bytes", "must be positive");
  if (opts.connect_timeout.count() <= 0) return bad_option("connect_timeout", "must be positive");
  if (opts.ping_interval.count() <= 0) return bad_option("ping_interval", "must be positive");
  if (opts.pending_msgs_limit == 0 || opts.pending_msgs_limit < -1)
    return bad_option("pending_msgs_limit", "must be -1 (unlimited) or positive");
  if (opts.pending_bytes_limit == 0 || opts.pending_bytes_limit < -1)
    return bad_option("pending_bytes_limit", "must be -1 (unlimited) or positive");
  return {};
}

caf::error shutdown_library(std::chrono::milliseconds timeout) {
  return detail::from_status(nats_CloseAndWait(timeout.count()), "shut down the library");
}

caf::expected<std::shared_ptr<connection>> connection::open(connection_options opts,
                                                            caf::actor owner) {
  auto core = connection_core::open(std::move(opts), std::move(owner));
  if (!core) return std::move(core.error());
  return std::make_shared<connection>(std::move(*core));
}

connection::connection(std::shared_ptr<connection_core> core) : core_(std::move(core)) {}

connection::~connection() {
  core_->close();
}

bool connection::connected() const {
  return core_->connected();
}

bool connection::closed() const {
  return core_->closed();
}

std::string connection::connected_url() const {
  return core_->connected_url();
}

const connection_options& connection::options() const {
  return core_->options();
}

caf::error connection::publish(std::string_view subject, std::string_view data) {
  return core_->publish(subject, {}, data);
}

caf::error connection::respond(std::string_view reply, std::string_view data) {
  return core_->publish(reply, {}, data);
}

caf::error connection::flush(std::chrono::milliseconds timeout) {
  return core_->flush(timeout);
}

caf::expected<subscription> connection::subscribe(std::string_view subject, caf::actor target,
                                                  subscribe_options opts) {
  return make_subscription(core_, subject, std::move(target), std::move(opts));
}

caf::expected<uint64_t> connection::request(std::string_view subject, std::string_view data,
                                            std::chrono::milliseconds timeout,
                                            caf::actor requester) {
  return core_->request(subject, data, timeout, std::move(requester));
}

bool connection::cancel(uint64_t id) {
  return core_->cancel(id);
}

caf::expected<std::string> connection::request_blocking(std::string_view subject,
                                                        std::string_view data,
                                                        std::chrono::milliseconds timeout) {
  return core_->request_blocking(subject, data, timeout);
}

void connection::close() {
  core_->close();
}

}  // namespace kactor::bus
