#include "actors/bus/connection_core.hpp"

#include <algorithm>
#include <charconv>
#include <random>
#include <tuple>
#include <vector>

#include <caf/send.hpp>

#include "actors/bus/events.hpp"
#include "actors/bus/nats_status.hpp"
#include "actors/bus/subjects.hpp"
#include "actors/bus/subscription_impl.hpp"

namespace kactor::bus {

namespace {

connection_core* self_of(void* closure) {
  return static_cast<connection_core*>(closure);
}

std::vector<std::string> split_urls(const std::string& urls) {
  std::vector<std::string> result;
  size_t start = 0;
  while (start <= urls.size()) {
    auto end = std::min(urls.find(',', start), urls.size());
    auto url = urls.substr(start, end - start);
    url.erase(0, url.find_first_not_of(" \t"));
    url.erase(url.find_last_not_of(" \t") + 1);
    if (!url.empty()) result.push_back(std::move(url));
    start = end + 1;
  }
  return result;
}

// The library's explanation of the connection's current state, or `fallback`.
std::string last_error_of(natsConnection* nc, std::string_view fallback) {
  const char* text = nullptr;
  auto status = natsConnection_GetLastError(nc, &text);
  if (status == NATS_OK) return std::string{fallback};
  std::string result = natsStatus_GetText(status);
  if (text != nullptr && *text != '\0' && result != text) (result += ": ") += text;
  return result;
}

// The URL `nc` is connected to; "" when it is not.
std::string url_of(natsConnection* nc) {
  char buf[512] = {0};
  if (natsConnection_GetConnectedUrl(nc, buf, sizeof(buf)) != NATS_OK) return {};
  return buf;
}

}  // namespace

connection_core::connection_core(connection_options opts, caf::actor owner)
    : opts_(std::move(opts)), owner_(std::move(owner)) {}

connection_core::~connection_core() {
  close();
  // Closed: the reader thread has been joined, so every subscription can go now.
  for (auto* sub : retired_)
    natsSubscription_Destroy(sub);
  for (auto& orphan : orphans_)
    natsSubscription_Destroy(orphan->sub);
  if (inbox_sub_ != nullptr) natsSubscription_Destroy(inbox_sub_);
  if (nc_ != nullptr) natsConnection_Destroy(nc_);
  if (nats_opts_ != nullptr) natsOptions_Destroy(nats_opts_);
}

caf::expected<std::shared_ptr<connection_core>> connection_core::open(connection_options opts,
                                                                      caf::actor owner) {
  if (!owner) return make_error(errc::invalid_argument, "nats: open: the owner actor is invalid");
  if (auto err = validate(opts)) return err;
  auto core = std::make_shared<connection_core>(std::move(opts), std::move(owner));
  if (auto err = core->connect()) return err;
  return core;
}

caf::error connection_core::connect() {
  auto what = "connect to " + opts_.url;
  auto check = [&](natsStatus s) { return detail::from_status(s, what); };
  if (auto err = check(natsOptions_Create(&nats_opts_))) return err;
  auto urls = split_urls(opts_.url);
  std::vector<const char*> servers;
  for (auto& url : urls)
    servers.push_back(url.c_str());
  auto* o = nats_opts_;
  auto err = caf::error::eval(
      [&] { return check(natsOptions_SetServers(o, servers.data(), int(servers.size()))); },
      [&] {
        return opts_.name.empty() ? caf::error{}
                                  : check(natsOptions_SetName(o, opts_.name.c_str()));
      },
      [&] { return check(natsOptions_SetTimeout(o, opts_.connect_timeout.count())); },
      [&] { return check(natsOptions_SetAllowReconnect(o, true)); },
      [&] { return check(natsOptions_SetMaxReconnect(o, opts_.max_reconnects)); },
      [&] { return check(natsOptions_SetCustomReconnectDelay(o, reconnect_delay, this)); },
      [&] { return check(natsOptions_SetReconnectBufSize(o, opts_.reconnect_buffer_bytes)); },
      [&] { return check(natsOptions_SetPingInterval(o, opts_.ping_interval.count())); },
      [&] { return check(natsOptions_SetSendAsap(o, opts_.low_latency)); },
      [&] { return check(natsOptions_SetDisconnectedCB(o, on_disconnected, this)); },
      [&] { return check(natsOptions_SetReconnectedCB(o, on_connected, this)); },
      [&] { return check(natsOptions_SetClosedCB(o, on_closed, this)); },
      [&] { return check(natsOptions_SetErrorHandler(o, on_error, this)); },
      [&] {
        return check(natsOptions_SetRetryOnFailedConnect(o, opts_.retry_initial_connect,
                                                         on_connected, this));
      });
  if (err) return err;
  auto status = natsConnection_Connect(&nc_, nats_opts_);
  if (status == NATS_NOT_YET_CONNECTED) {
    caf::anon_send(owner_, down_atom::value,
                   "nats: " + what + ": not reachable yet, retrying in the background");
    return {};
  }
  if (auto err = check(status)) return err;
  send_up(nc_);
  return {};
}

void connection_core::send_up(natsConnection* nc) {
  caf::anon_send(owner_, up_atom::value, url_of(nc));
}

bool connection_core::connected() const {
  return natsConnection_Status(nc_) == NATS_CONN_STATUS_CONNECTED;
}

bool connection_core::closed() const {
  return natsConnection_IsClosed(nc_);
}

std::string connection_core::connected_url() const {
  return url_of(nc_);
}

caf::error connection_core::publish(std::string_view subject, std::string_view reply,
                                    std::string_view data) {
  std::string subj{subject};
  if (!subjects::valid_subject(subject, false))
    return make_error(errc::invalid_argument, "nats: publish: invalid subject \"" + subj + "\"");
  std::string what = "publish " + subj;
  if (reply.empty())
    return detail::from_status(
        natsConnection_Publish(nc_, subj.c_str(), data.data(), int(data.size())), what);
  std::string rep{reply};
  if (!subjects::valid_subject(reply, false))
    return make_error(errc::invalid_argument,
                      "nats: publish: invalid reply subject \"" + rep + "\"");
  return detail::from_status(
      natsConnection_PublishRequest(nc_, subj.c_str(), rep.c_str(), data.data(), int(data.size())),
      what);
}

caf::error connection_core::flush(std::chrono::milliseconds timeout) {
  return detail::from_status(natsConnection_FlushTimeout(nc_, timeout.count()), "flush");
}

caf::error connection_core::ensure_inbox() {
  std::lock_guard<std::mutex> guard{mtx_};
  if (inbox_sub_ != nullptr) return {};
  if (close_requested_) return make_error(errc::closed, "nats: request: connection closed");
  natsInbox* inbox = nullptr;
  if (auto err = detail::from_status(natsInbox_Create(&inbox), "create inbox")) return err;
  inbox_ = inbox;
  natsInbox_Destroy(inbox);
  auto pattern = inbox_ + ".*";
  natsSubscription* sub = nullptr;
  auto what = "subscribe " + pattern;
  if (auto err = detail::from_status(
          natsConnection_Subscribe(&sub, nc_, pattern.c_str(), on_reply, this), what))
    return err;
  auto err = caf::error::eval(
      [&] { return detail::from_status(natsSubscription_SetPendingLimits(sub, -1, -1), what); },
      [&] {
        return detail::from_status(natsSubscription_SetOnCompleteCB(sub, on_inbox_complete, this),
                                   what);
      });
  if (err) {
    // No request used this inbox yet, so no delivery can be running.
    natsSubscription_Destroy(sub);
    return err;
  }
  inbox_sub_ = sub;
  return {};
}

caf::expected<uint64_t> connection_core::request(std::string_view subject, std::string_view data,
                                                 std::chrono::milliseconds timeout,
                                                 caf::actor requester) {
  if (!requester)
    return make_error(errc::invalid_argument, "nats: request: the requester actor is invalid");
  if (timeout.count() <= 0)
    return make_error(errc::invalid_argument, "nats: request: the timeout must be positive");
  if (auto err = ensure_inbox()) return err;
  auto id = requests_.add(std::move(requester), std::string{subject}, timeout);
  // inbox_ is written once, under the lock, before the first add.
  auto reply = inbox_ + "." + std::to_string(id);
  if (auto err = publish(subject, reply, data)) {
    requests_.take(id);
    return err;
  }
  return id;
}

bool connection_core::cancel(uint64_t id) {
  return requests_.take(id).has_value();
}

caf::expected<std::string> connection_core::request_blocking(std::string_view subject,
                                                             std::string_view data,
                                                             std::chrono::milliseconds timeout) {
  std::string subj{subject};
  if (!subjects::valid_subject(subject, false))
    return make_error(errc::invalid_argument, "nats: request: invalid subject \"" + subj + "\"");
  if (timeout.count() <= 0)
    return make_error(errc::invalid_argument, "nats: request: the timeout must be positive");
  natsMsg* reply = nullptr;
  auto status = natsConnection_Request(&reply, nc_, subj.c_str(), data.data(), int(data.size()),
                                       timeout.count());
  if (auto err = detail::from_status(status, "request " + subj)) return err;
  auto result = detail::payload_of(reply);
  natsMsg_Destroy(reply);
  return result;
}

void connection_core::close() {
  if (nc_ == nullptr) return;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    close_requested_ = true;
  }
  natsConnection_Close(nc_);
  // The library guarantees the closed callback (queued after every other connection callback)
  // and, for the inbox, the completion callback after its last delivery: until both ran they
  // may still use `this`.
  std::unique_lock<std::mutex> lock{mtx_};
  cv_.wait(lock, [this] { return closed_cb_ran_ && (inbox_sub_ == nullptr || inbox_done_); });
}

void connection_core::watch_slow(natsSubscription* sub, std::string subject, caf::actor target) {
  std::lock_guard<std::mutex> guard{mtx_};
  slow_targets_[sub] = {std::move(subject), std::move(target)};
}

void connection_core::unwatch_slow(natsSubscription* sub) {
  std::lock_guard<std::mutex> guard{mtx_};
  slow_targets_.erase(sub);
}

void connection_core::retire(natsSubscription* sub) {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    retired_.push_back(sub);
  }
  reap_retired();
}

void connection_core::reap_retired() {
  std::vector<natsSubscription*> batch;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    batch.swap(retired_);
  }
  if (batch.empty()) return;
  // Every batch member was removed from the library's table before this PING was sent.
  if (connected() && natsConnection_FlushTimeout(nc_, 2000) == NATS_OK) {
    for (auto* sub : batch)
      natsSubscription_Destroy(sub);
    return;
  }
  std::lock_guard<std::mutex> guard{mtx_};
  retired_.insert(retired_.end(), batch.begin(), batch.end());
}

void connection_core::adopt_orphan(std::unique_ptr<subscription::impl> orphan) {
  orphan->core.reset();  // the core owns it now: no cycle
  std::lock_guard<std::mutex> guard{mtx_};
  orphans_.push_back(std::move(orphan));
}

// --- callbacks: run on NATS library threads; they only copy data and send messages ---

void connection_core::on_connected(natsConnection* nc, void* self) {
  // `nc`, not nc_: the first connect may complete before natsConnection_Connect returned.
  self_of(self)->send_up(nc);
}

void connection_core::on_disconnected(natsConnection* nc, void* self) {
  auto* core = self_of(self);
  auto reason = "nats: disconnected: " + last_error_of(nc, "connection lost");
  bool closing = false;
  {
    std::lock_guard<std::mutex> guard{core->mtx_};
    closing = core->close_requested_;
  }
  // close() also disconnects first; its requests end as closed (by on_closed).
  if (!closing)
    core->requests_.fail_all(make_error(errc::unavailable, reason + " (before the reply)"));
  caf::anon_send(core->owner_, down_atom::value, std::move(reason));
}

void connection_core::on_closed(natsConnection*, void* self) {
  auto* core = self_of(self);
  core->requests_.fail_all(make_error(errc::closed, "nats: connection closed before the reply"));
  caf::anon_send(core->owner_, closed_atom::value);
  // Notify under the lock: the waiter frees `core` as soon as it sees the flag.
  std::lock_guard<std::mutex> guard{core->mtx_};
  core->closed_cb_ran_ = true;
  core->cv_.notify_all();
}

void connection_core::on_error(natsConnection* nc, natsSubscription* sub, natsStatus err,
                               void* self) {
  auto* core = self_of(self);
  if (err == NATS_SLOW_CONSUMER && sub != nullptr) {
    // nats.c 3.4 may report a subscription that was destroyed meanwhile (nats.c PR #659):
    // never dereference `sub`, only look it up among the live ones.
    std::string subj;
    caf::actor target;
    {
      std::lock_guard<std::mutex> guard{core->mtx_};
      auto i = core->slow_targets_.find(sub);
      if (i != core->slow_targets_.end()) std::tie(subj, target) = i->second;
    }
    if (target) caf::anon_send(target, slow_atom::value, subj);
    caf::anon_send(core->owner_, slow_atom::value, std::move(subj));
    return;
  }
  caf::anon_send(core->owner_, error_atom::value,
                 "nats: " + last_error_of(nc, natsStatus_GetText(err)));
}

int64_t connection_core::reconnect_delay(natsConnection*, int attempts, void* self) {
  const auto& o = self_of(self)->opts_;
  thread_local std::minstd_rand rng{std::random_device{}()};
  auto delay = o.reconnect_wait.count();
  for (int i = 1; i < attempts && delay < o.reconnect_wait_max.count(); ++i)
    delay *= 2;
  delay = std::min<int64_t>(delay, o.reconnect_wait_max.count());
  auto jitter = o.reconnect_jitter.count();
  if (jitter > 0) delay += std::uniform_int_distribution<int64_t>{0, jitter}(rng);
  return delay;
}

void connection_core::on_reply(natsConnection*, natsSubscription*, natsMsg* msg, void* self) {
  auto* core = self_of(self);
  std::string_view subject = natsMsg_GetSubject(msg);
  uint64_t id = 0;
  auto token = subject.substr(std::min(subject.size(), core->inbox_.size() + 1));
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), id);
  auto entry = ec == std::errc{} ? core->requests_.take(id) : std::nullopt;
  if (!entry) {
    natsMsg_Destroy(msg);  // a late reply (expired or cancelled request) or a second reply
    return;
  }
  if (natsMsg_IsNoResponders(msg)) {
    natsMsg_Destroy(msg);
    caf::anon_send(
        entry->requester, reply_atom::value, id,
        make_error(errc::no_responders, "nats: request " + entry->subject + ": no responders"));
    return;
  }
  auto data = detail::payload_of(msg);
  natsMsg_Destroy(msg);
  caf::anon_send(entry->requester, reply_atom::value, id, std::move(data));
}

void connection_core::on_inbox_complete(void* self) {
  auto* core = self_of(self);
  // Notify under the lock: the waiter frees `core` as soon as it sees the flag.
  std::lock_guard<std::mutex> guard{core->mtx_};
  core->inbox_done_ = true;
  core->cv_.notify_all();
}

}  // namespace kactor::bus
