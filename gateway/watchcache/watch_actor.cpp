#include "gateway/watchcache/watch_actor.hpp"

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/bus/events.hpp"
#include "actors/bus/subjects.hpp"
#include "gateway/watchcache/watch_status.hpp"

namespace kactor::watchcache {
namespace {

namespace bus_v1 = kactor::bus::v1;

informer::change_type change_of(bus_v1::WatchEvent::Type type) {
  switch (type) {
    case bus_v1::WatchEvent::MODIFIED:
      return informer::change_type::updated;
    case bus_v1::WatchEvent::DELETED:
      return informer::change_type::deleted;
    default:
      return informer::change_type::added;
  }
}

}  // namespace

watch_actor::watch_actor(caf::actor_config& cfg, watch_request request, watch_filter filter,
                         watch_sink sink, watch_context context)
    : caf::event_based_actor(cfg),
      request_(std::move(request)),
      filter_(std::move(filter)),
      sink_(std::move(sink)),
      context_(std::move(context)) {
  if (!context_.log) context_.log = spdlog::default_logger();
}

caf::behavior watch_actor::make_behavior() {
  set_down_handler([this](caf::down_msg& msg) {
    if (msg.source == context_.informer.address()) finish();
  });
  monitor(context_.informer);
  // One sender's messages arrive in order: the wait_synced reply comes after the replay that
  // the listen triggers (docs/watchcache.md, "Starting a watch").
  // A watch from a resourceVersion reads what it missed from the change log: it does not need
  // the informer's `added` for every cached object (with many objects, that replay would
  // dominate the cost of starting many watches).
  bool replay = request_.resource_version.value_or(0) == 0;
  send(context_.informer, informer::listen_atom::value, caf::actor_cast<caf::actor>(this), replay);
  request(context_.informer, caf::infinite, informer::wait_synced_atom::value)
      .then([this](informer::synced_atom, std::uint64_t revision) { on_synced(revision); },
            [this](caf::error&) { finish(); });
  if (request_.timeout) delayed_send(this, *request_.timeout, timeout_atom::value);
  schedule_bookmark();
  return {
      [this](informer::event_atom, const informer::notification& n) { on_notification(n); },
      [this](bus::reply_atom, std::uint64_t id, const std::string& data) {
        if (id != request_id_ || stopped_) return;
        request_id_ = 0;
        on_changes(data);
      },
      [this](bus::reply_atom, std::uint64_t id, const caf::error& err) {
        if (id != request_id_ || stopped_) return;
        request_id_ = 0;
        on_request_failed(bus::describe(err));
      },
      [this](retry_atom) { request_changes(); },
      [this](bookmark_atom) {
        if (stopped_) return;
        if (phase_ != phase::live) return schedule_bookmark();
        // The informer answers after every notification it sent before: all of them are
        // written by the time the reply is handled, so its revision is safe to announce.
        request(context_.informer, caf::infinite, informer::wait_synced_atom::value)
            .then(
                [this](informer::synced_atom, std::uint64_t revision) {
                  send_bookmark(std::max(revision, covered_));
                  schedule_bookmark();
                },
                [this](caf::error&) { finish(); });
      },
      [this](timeout_atom) { finish(); },
  };
}

void watch_actor::on_exit() {
  // Free what the sink holds (the HTTP session) now, not when the last reference goes.
  sink_ = {};
  waiting_.clear();
}

void watch_actor::on_synced(std::uint64_t revision) {
  if (stopped_) return;
  auto n = request_.resource_version.value_or(0);
  if (n == 0) {
    // Everything received so far (the replay, then changes) is already written.
    phase_ = phase::live;
    return;
  }
  covered_ = n;
  if (n >= revision) {
    phase_ = phase::live;
    return;
  }
  phase_ = phase::catching_up;
  after_ = n;
  request_changes();
}

void watch_actor::on_notification(const informer::notification& n) {
  if (stopped_) return;
  switch (phase_) {
    case phase::starting:
      // With a resourceVersion the replay and anything before the sync reply are covered by
      // the catch-up read (or were before N); without one they are the initial state.
      if (request_.resource_version.value_or(0) == 0)
        send_change(n.type, n.object, n.old, n.revision);
      return;
    case phase::catching_up:
      waiting_.push_back(n);
      return;
    case phase::live:
      if (n.revision > covered_) send_change(n.type, n.object, n.old, n.revision);
      return;
  }
}

void watch_actor::request_changes() {
  if (stopped_) return;
  bus_v1::WatchFromRequest req;
  req.set_group(request_.group);
  req.set_resource(request_.resource);
  req.set_namespace_(request_.ns);
  req.set_after_revision(after_);
  req.set_limit(context_.page_size);
  auto id = context_.rpc->request(bus::subjects::state(bus::subjects::state_verb::watch_from),
                                  req.SerializeAsString(), context_.request_timeout,
                                  caf::actor_cast<caf::actor>(this));
  if (!id) return on_request_failed(bus::describe(id.error()));
  request_id_ = *id;
}

void watch_actor::on_changes(const std::string& data) {
  bus_v1::WatchFromReply reply;
  if (!reply.ParseFromString(data)) return on_request_failed("unreadable watch-from reply");
  auto code = reply.error().code();
  if (code == bus_v1::Error::COMPACTED)
    return finish(expired_status(request_.resource_version.value_or(0), reply.error().revision()));
  if (code != bus_v1::Error::CODE_UNSPECIFIED)
    return on_request_failed(bus_v1::Error::Code_Name(code) + ": " + reply.error().message());
  failures_ = 0;
  std::uint64_t last = 0;
  const auto& kind = *context_.prototype;
  for (auto& e : *reply.mutable_events()) {
    last = std::max(last, e.revision());
    if (e.type() == bus_v1::WatchEvent::BOOKMARK) continue;  // how far the read examined
    auto current = informer::decode_object(kind, std::move(*e.mutable_object()), e.revision(),
                                           e.namespace_(), e.name());
    informer::object_ptr previous;
    if (!e.previous_object().empty()) {
      auto decoded = informer::decode_object(kind, std::move(*e.mutable_previous_object()), 0,
                                             e.namespace_(), e.name());
      if (decoded) previous = *decoded;
    }
    if (!current) {
      context_.log->warn("watch {}: {}/{} at revision {}: {}", request_.resource, e.namespace_(),
                         e.name(), e.revision(), current.error().message);
      continue;
    }
    if (!send_change(change_of(e.type()), *current, previous, e.revision())) return;
  }
  if (reply.more() && last > 0) {
    // Pages never split a revision: everything through `last` is sent.
    after_ = last;
    covered_ = last;
    return request_changes();
  }
  finish_catch_up(std::max(reply.revision(), last));
}

void watch_actor::on_request_failed(const std::string& why) {
  if (stopped_) return;
  ++failures_;
  context_.log->warn("watch {}: watch-from after {}: {}", request_.resource, after_, why);
  if (failures_ > context_.max_request_failures)
    return finish(status_json(500, "InternalError", "unable to read the change log: " + why));
  delayed_send(this, std::chrono::milliseconds(100 * failures_), retry_atom::value);
}

void watch_actor::finish_catch_up(std::uint64_t through) {
  covered_ = std::max(covered_, through);
  phase_ = phase::live;
  auto waiting = std::move(waiting_);
  waiting_.clear();
  for (const auto& n : waiting)
    if (n.revision > covered_ && !send_change(n.type, n.object, n.old, n.revision)) return;
}

bool watch_actor::send_change(informer::change_type type, const informer::object_ptr& current,
                              const informer::object_ptr& previous, std::uint64_t revision) {
  auto event = filter_.classify(type, current, previous, revision);
  if (!event) return true;
  const auto& message = *event->object->message;
  if (resource_version_of(message) == std::to_string(event->revision)) {
    if (sink_.encode_cached && !stopped_) {
      if (sink_.write(sink_.encode_cached(to_string(event->type), *event->object))) return true;
      stopped_ = true;
      quit();
      return false;
    }
    return write(to_string(event->type), message);
  }
  auto stamped = with_resource_version(message, event->revision);
  return write(to_string(event->type), *stamped);
}

bool watch_actor::write(std::string_view type, const google::protobuf::Message& object) {
  if (stopped_) return false;
  if (sink_.write(sink_.encode(type, object))) return true;
  // The client is gone: nobody to tell.
  stopped_ = true;
  quit();
  return false;
}

void watch_actor::send_bookmark(std::uint64_t revision) {
  if (stopped_ || revision == 0) return;
  auto marker = with_resource_version(*context_.prototype, revision);
  write("BOOKMARK", *marker);
}

void watch_actor::schedule_bookmark() {
  if (request_.bookmarks && !stopped_)
    delayed_send(this, context_.bookmark_interval, bookmark_atom::value);
}

void watch_actor::finish(std::string status_json) {
  if (stopped_) return;
  stopped_ = true;
  if (status_json.empty())
    sink_.end();
  else
    sink_.error(std::move(status_json));
  quit();
}

}  // namespace kactor::watchcache
