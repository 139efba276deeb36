#include "actors/informer/informer_actor.hpp"

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/bus/events.hpp"
#include "actors/bus/subjects.hpp"

namespace kactor::informer {
namespace {

stream_point point_of(const bus_v1::WatchEvent& e) {
  return {e.epoch(), e.sequence(), e.revision()};
}

}  // namespace

informer_actor::informer_actor(caf::actor_config& cfg, informer_options options, informer_deps deps,
                               const google::protobuf::Message* prototype)
    : caf::event_based_actor(cfg),
      options_(std::move(options)),
      deps_(std::move(deps)),
      prototype_(prototype),
      log_(deps_.log ? deps_.log : spdlog::default_logger()),
      backoff_(options_.retry_min) {}

bool informer_actor::start() {
  set_down_handler([this](caf::down_msg& msg) {
    std::erase_if(listeners_, [&](const caf::actor& l) { return l.address() == msg.source; });
  });
  bus::subscribe_options sub_opts;
  sub_opts.pending_msgs_limit = options_.pending_msgs_limit;
  sub_opts.pending_bytes_limit = options_.pending_bytes_limit;
  auto stream = options_.stream_subject.empty()
                    ? bus::subjects::event_stream(options_.group, options_.resource)
                    : options_.stream_subject;
  auto sub = deps_.events->subscribe(stream, caf::actor_cast<caf::actor>(this), sub_opts);
  if (!sub) {
    log_->error("informer {}/{}: subscribe: {}", options_.group, options_.resource,
                bus::describe(sub.error()));
    quit(sub.error());
    return false;
  }
  subscription_ = std::move(*sub);
  for (auto& l : options_.listeners)
    add_listener(l, false);
  // A previous incarnation's snapshot: resume from it instead of listing everything again.
  auto previous = deps_.cache->current();
  if (previous->synced()) {
    objects_ = previous->objects();
    position_.reset(previous->revision());
    synced_ = true;
    phase_ = phase::watching;
    start_catch_up("restart");
  } else {
    start_list(false);
  }
  return true;
}

caf::behavior informer_actor::make_behavior() {
  if (!start()) return {};
  return {
      [this](bus::msg_atom, const std::string&, const std::string&, const std::string& data) {
        on_delivery(data);
        flush();
      },
      [this](bus::reply_atom, std::uint64_t id, const std::string& data) {
        on_reply(id, data);
        flush();
      },
      [this](bus::reply_atom, std::uint64_t id, const caf::error& err) {
        on_request_failed(id, err);
      },
      [this](retry_atom, std::uint64_t generation) { on_retry(generation); },
      [this](bus::down_atom, const std::string& reason) {
        log_->debug("informer {}: bus down ({})", options_.resource, reason);
      },
      [this](bus::up_atom, const std::string&) {
        // Events may have been lost while either connection was away (the events connection
        // and the rpc one report separately): catch up after every up.
        ++counters_.reconnects;
        if (request_id_ == 0 && phase_ != phase::watching) {
          backoff_ = options_.retry_min;  // a retry was waiting for the bus: do it now
          send_request();
        }
        request_resync("reconnect");
      },
      [this](bus::slow_atom, const std::string&) {
        ++counters_.slow_consumers;
        request_resync("slow consumer");
      },
      [this](bus::closed_atom) { quit(bus::make_error(bus::errc::closed, "connection closed")); },
      [this](bus::error_atom, const std::string&) {},
      [this](resync_atom) { request_resync("requested"); },
      [this](listen_atom, caf::actor listener) { add_listener(std::move(listener), true); },
      [this](listen_atom, caf::actor listener, bool replay) {
        add_listener(std::move(listener), replay);
      },
      [this](unlisten_atom, const caf::actor& listener) {
        demonitor(listener);
        std::erase(listeners_, listener);
      },
      [this](wait_synced_atom) -> caf::result<synced_atom, std::uint64_t> {
        if (synced_) return {synced_atom::value, position_.applied_revision()};
        auto promise = make_response_promise();
        sync_waiters_.push_back(promise);
        return promise;
      },
      [this](stats_atom) { return stats(); },
  };
}

// --- live events ---

void informer_actor::on_delivery(const std::string& data) {
  bus_v1::WatchEvent e;
  if (!e.ParseFromString(data)) {
    // Something was published that we cannot read: whatever it said is in the change log.
    log_->warn("informer {}: unreadable event ({} bytes); catching up", options_.resource,
               data.size());
    ++counters_.decode_errors;
    request_resync("unreadable event");
    return;
  }
  if (phase_ != phase::watching) {
    buffer(std::move(e));
    return;
  }
  process_live({std::move(e), false});
  drain();
}

void informer_actor::buffer(bus_v1::WatchEvent e) {
  if (pending_.size() >= options_.max_buffered_events) {
    // The change log has all of them: drop the buffer and read it once more afterwards.
    ++counters_.buffer_overflows;
    pending_.clear();
    resync_wanted_ = true;
    return;
  }
  pending_.push_back({std::move(e), false});
}

void informer_actor::process_live(pending_event p) {
  const auto& e = p.event;
  bool bookmark = e.type() == bus_v1::WatchEvent::BOOKMARK;
  bool gap = false;
  if (bookmark) {
    ++counters_.bookmarks;
    auto verdict = position_.accept_bookmark(point_of(e));
    if (verdict == bookmark_verdict::advanced) changed_ = true;
    gap = verdict == bookmark_verdict::gap;
  } else {
    auto decoded = decode(e);
    if (!decoded && e.type() != bus_v1::WatchEvent::DELETED && in_scope(e.namespace_())) {
      // Unreadable: it must not move the stream position. The change log has the truth.
      ++counters_.decode_errors;
      log_->warn("informer {}: {}/{} at revision {}: {}; catching up", options_.resource,
                 e.namespace_(), e.name(), e.revision(), decoded.error().message);
      if (!p.covered) start_catch_up("unreadable object");
      return;
    }
    auto key = object_key(e.namespace_(), e.name());
    switch (position_.accept_live(point_of(e), key)) {
      case live_verdict::apply:
        ++counters_.live_applied;
        apply_change(e, decoded);
        return;
      case live_verdict::duplicate:
        ++counters_.duplicates;
        return;
      case live_verdict::gap:
        gap = true;
        break;
    }
  }
  if (!gap) return;
  if (p.covered) {
    // Received before the last read started, so that read included it: nothing is missing.
    if (!bookmark) ++counters_.duplicates;
    return;
  }
  ++counters_.gaps;
  log_->debug(
      "informer {}: {} {} (epoch {}, sequence {}, revision {}) after sequence {}: "
      "catching up",
      options_.resource, bookmark ? "bookmark" : "event", bookmark ? "ahead" : "out of sequence",
      e.epoch(), e.sequence(), e.revision(), position_.last_sequence());
  pending_.push_front(std::move(p));
  start_catch_up("gap");
}

void informer_actor::drain() {
  while (phase_ == phase::watching && !pending_.empty()) {
    auto next = std::move(pending_.front());
    pending_.pop_front();
    process_live(std::move(next));
  }
}

// --- cache ---

bool informer_actor::in_scope(const std::string& ns) const {
  return options_.ns.empty() || ns == options_.ns;
}

bool informer_actor::passes(const cached_object& obj) const {
  return !options_.filter || options_.filter(obj);
}

messages::result<object_ptr> informer_actor::decode(const bus_v1::WatchEvent& e) const {
  return decode_object(*prototype_, e.object(), e.revision(), e.namespace_(), e.name(),
                       options_.lean);
}

void informer_actor::apply_change(const bus_v1::WatchEvent& e,
                                  const messages::result<object_ptr>& decoded) {
  if (!in_scope(e.namespace_())) return;
  auto key = object_key(e.namespace_(), e.name());
  const object_ptr* found = objects_.find(key);
  object_ptr old = found ? *found : nullptr;
  if (e.type() == bus_v1::WatchEvent::DELETED) {
    if (!old) return;
    objects_.erase(key);
    emit(change_type::deleted, e.revision(), decoded ? *decoded : old, old);
    return;
  }
  if (!decoded) {
    // Bad bytes in the store itself (a replayed change): keep what we have rather than invent
    // a state.
    ++counters_.decode_errors;
    log_->error("informer {}: {} at revision {}: {}", options_.resource, key, e.revision(),
                decoded.error().message);
    return;
  }
  auto obj = *decoded;
  if (!passes(*obj)) {
    if (!old) return;
    objects_.erase(key);
    emit(change_type::deleted, e.revision(), obj, old);
    return;
  }
  objects_.set(key, obj);
  emit(old ? change_type::updated : change_type::added, e.revision(), obj, old);
}

void informer_actor::emit(change_type type, std::uint64_t revision, object_ptr object,
                          object_ptr old) {
  notification n;
  n.type = type;
  n.revision = revision;
  n.object = std::move(object);
  n.old = std::move(old);
  notify(std::move(n));
}

void informer_actor::notify(notification n) {
  changed_ = true;
  n.group = options_.group;
  n.resource = options_.resource;
  outbox_.push_back(std::move(n));
}

void informer_actor::flush() {
  if (!changed_) return;
  changed_ = false;
  // Publish first: whoever a notification wakes must find the change in the cache.
  deps_.cache->publish(
      std::make_shared<const snapshot>(objects_, position_.applied_revision(), synced_));
  auto out = std::move(outbox_);
  outbox_.clear();
  for (auto& n : out) {
    ++counters_.notifications;
    if (options_.on_change) options_.on_change(n);
    for (const auto& l : listeners_)
      send(l, event_atom::value, n);
  }
  if (synced_ && !sync_waiters_.empty()) {
    for (auto& w : sync_waiters_)
      w.deliver(synced_atom::value, position_.applied_revision());
    sync_waiters_.clear();
  }
}

void informer_actor::add_listener(caf::actor listener, bool replay) {
  if (!listener) return;
  if (std::find(listeners_.begin(), listeners_.end(), listener) != listeners_.end()) return;
  monitor(listener);
  listeners_.push_back(listener);
  if (!replay || !synced_) return;  // not synced: the first list will report every object
  objects_.for_each([&](const std::string&, const object_ptr& obj) {
    notification n;
    n.type = change_type::added;
    n.group = options_.group;
    n.resource = options_.resource;
    n.revision = obj->revision;
    n.object = obj;
    send(listener, event_atom::value, std::move(n));
  });
}

informer_stats informer_actor::stats() const {
  auto out = counters_;
  out.synced = synced_;
  out.revision = position_.applied_revision();
  out.epoch = position_.epoch();
  out.last_sequence = position_.last_sequence();
  out.anchored = position_.anchored();
  out.objects = objects_.size();
  out.listeners = listeners_.size();
  out.buffered = pending_.size();
  return out;
}

}  // namespace kactor::informer
