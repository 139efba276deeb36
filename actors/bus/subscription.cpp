#include "actors/bus/subscription.hpp"

#include <spdlog/spdlog.h>
#include <caf/send.hpp>

#include "actors/bus/connection_core.hpp"
#include "actors/bus/events.hpp"
#include "actors/bus/nats_status.hpp"
#include "actors/bus/subjects.hpp"
#include "actors/bus/subscription_impl.hpp"

namespace kactor::bus {

namespace {

// Runs on the subscription's delivery thread: copy, free the message, post. Never blocks.
void on_msg(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
  auto* x = static_cast<subscription::impl*>(closure);
  std::string subject = natsMsg_GetSubject(msg);
  const char* reply = natsMsg_GetReply(msg);
  auto payload = detail::payload_of(msg);
  std::string reply_to = reply != nullptr ? reply : "";
  natsMsg_Destroy(msg);
  caf::anon_send(x->target, msg_atom::value, std::move(subject), std::move(reply_to),
                 std::move(payload));
}

// Runs once, after the last delivery of a closed subscription has returned.
void on_complete(void* closure) {
  auto* x = static_cast<subscription::impl*>(closure);
  // Notify under the lock: the waiter frees `x` as soon as it sees the flag.
  std::lock_guard<std::mutex> guard{x->mtx};
  x->complete = true;
  x->cv.notify_all();
}

}  // namespace

void subscription::impl::stop() noexcept {
  if (sub == nullptr) return;
  core->unwatch_slow(sub);
  auto status = natsSubscription_Unsubscribe(sub);
  // Closed and invalid mean the library already closed it (connection closed); in every case
  // the subscription is closed now and its completion callback will run.
  if (status != NATS_OK && status != NATS_CONNECTION_CLOSED && status != NATS_INVALID_SUBSCRIPTION)
    spdlog::warn("{}", describe(detail::from_status(status, "unsubscribe " + subject)));
  {
    std::unique_lock<std::mutex> lock{mtx};
    cv.wait(lock, [this] { return complete; });
  }
  core->retire(sub);
  sub = nullptr;
}

caf::expected<subscription> make_subscription(std::shared_ptr<connection_core> core,
                                              std::string_view subject, caf::actor target,
                                              subscribe_options opts) {
  auto what = "subscribe " + std::string{subject};
  if (!subjects::valid_subject(subject, true))
    return make_error(errc::invalid_argument, "nats: " + what + ": invalid subject");
  if (!opts.queue_group.empty() && !subjects::valid_subject(opts.queue_group, false))
    return make_error(errc::invalid_argument,
                      "nats: " + what + ": invalid queue group \"" + opts.queue_group + "\"");
  if (!target) return make_error(errc::invalid_argument, "nats: " + what + ": invalid target");
  if (opts.pending_msgs_limit < -1 || opts.pending_bytes_limit < -1)
    return make_error(errc::invalid_argument, "nats: " + what + ": invalid pending limits");
  auto x = std::make_unique<subscription::impl>();
  x->core = core;
  x->target = std::move(target);
  x->subject = std::string{subject};
  x->queue_group = opts.queue_group;
  auto* nc = core->handle();
  auto status = opts.queue_group.empty()
                    ? natsConnection_Subscribe(&x->sub, nc, x->subject.c_str(), on_msg, x.get())
                    : natsConnection_QueueSubscribe(&x->sub, nc, x->subject.c_str(),
                                                    x->queue_group.c_str(), on_msg, x.get());
  if (auto err = detail::from_status(status, what)) return err;
  // Set the completion callback first: from now on stop() can always wait for it.
  if (auto err = detail::from_status(natsSubscription_SetOnCompleteCB(x->sub, on_complete, x.get()),
                                     what)) {
    // Only possible when the connection closed right after subscribing. The delivery thread
    // may still be inside on_msg, so `x` cannot be freed safely: park it with the core.
    core->adopt_orphan(std::move(x));
    return err;
  }
  auto& impl = *x;
  subscription result{std::move(x)};
  auto msgs =
      opts.pending_msgs_limit != 0 ? opts.pending_msgs_limit : core->options().pending_msgs_limit;
  auto bytes = opts.pending_bytes_limit != 0 ? opts.pending_bytes_limit
                                             : core->options().pending_bytes_limit;
  if (auto err =
          detail::from_status(natsSubscription_SetPendingLimits(impl.sub, msgs, bytes), what))
    return err;  // `result` unsubscribes
  core->watch_slow(impl.sub, impl.subject, impl.target);
  return result;
}

subscription::subscription() noexcept = default;

subscription::subscription(std::unique_ptr<impl> x) noexcept : impl_(std::move(x)) {}

subscription::subscription(subscription&&) noexcept = default;

subscription& subscription::operator=(subscription&& other) noexcept {
  if (this != &other) {
    unsubscribe();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

subscription::~subscription() {
  unsubscribe();
}

void subscription::unsubscribe() noexcept {
  if (impl_) impl_->stop();
}

bool subscription::active() const noexcept {
  return impl_ && impl_->sub != nullptr;
}

const std::string& subscription::subject() const noexcept {
  static const std::string none;
  return impl_ ? impl_->subject : none;
}

const std::string& subscription::queue_group() const noexcept {
  static const std::string none;
  return impl_ ? impl_->queue_group : none;
}

int64_t subscription::dropped() const noexcept {
  if (!active()) return 0;
  int64_t msgs = 0;
  if (natsSubscription_GetDropped(impl_->sub, &msgs) != NATS_OK) return 0;
  return msgs;
}

}  // namespace kactor::bus
