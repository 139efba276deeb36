#include <map>
#include <ostream>

#include <caf/after.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/bus/subjects.hpp"
#include "storage/cli/commands.hpp"
#include "storage/cli/object_output.hpp"
#include "storage/state/state_verbs.hpp"

// `kactor store watch PREFIX [--rev N]`: subscribes to the stream first, then reads where to
// start (the current revision, or catches up from N - 1 with watch-from), then prints live
// events whose revision is above the last printed. A sequence gap, a bookmark ahead of what
// was received, or a new epoch triggers a catch-up from the last printed revision
// (docs/bus.md, "Delivery guarantees and recovery").
namespace kactor::store_cli {

namespace v1 = kactor::bus::v1;
namespace verbs = state::verbs;
namespace subjects = bus::subjects;

namespace {

class watcher {
 public:
  watcher(session& s, state_client& client, std::string group, std::string resource, std::string ns)
      : s_(s),
        client_(client),
        group_(std::move(group)),
        resource_(std::move(resource)),
        ns_(std::move(ns)) {}

  std::uint64_t last = 0;  // every change up to it has been printed (or skipped)
  bool done = false;       // max_events reached
  int failure = 0;         // non-zero: stop with this exit code

  // Prints the changes after `last` from the state actor's history, page by page.
  void catch_up() {
    v1::WatchFromRequest req;
    req.set_group(group_);
    req.set_resource(resource_);
    req.set_namespace_(ns_);
    while (!done && failure == 0) {
      req.set_after_revision(last);
      auto reply = client_.call<v1::WatchFromReply>(verbs::watch_from, req);
      if (!reply) {
        failure = s_.fail(verbs::watch_from, reply.error());
        return;
      }
      if (reply->error().code() == v1::Error::COMPACTED) {
        failure = s_.fail("revision " + std::to_string(last + 1) +
                          " is compacted; the oldest revision to watch from is " +
                          std::to_string(reply->error().revision() + 1));
        return;
      }
      if (s_.failed(reply->error())) {
        failure = 1;
        return;
      }
      for (const auto& event : reply->events())
        print(event);
      if (!reply->more()) return;
    }
  }

  // Handles one message of the subscription.
  void on_message(const std::string& subject, const std::string& data) {
    v1::WatchEvent event;
    if (!event.ParseFromString(data)) return;
    // The stream: kactor.v1.events.<group>.<resource> (the first five tokens).
    std::size_t end = 0;
    for (int dots = 0; dots < 5 && end != std::string::npos; ++dots)
      end = subject.find('.', end + 1);
    auto& seen = streams_[subject.substr(0, end)];
    bool gap = false;
    if (seen.epoch != event.epoch()) {
      gap = seen.epoch != 0;  // a restart: whatever was published meanwhile may be missed
      seen = {event.epoch(), event.sequence()};
    } else if (event.type() == v1::WatchEvent::BOOKMARK) {
      gap = event.sequence() > seen.sequence;
      seen.sequence = std::max(seen.sequence, event.sequence());
    } else {
      gap = event.sequence() != seen.sequence + 1;
      seen.sequence = event.sequence();
    }
    if (gap) catch_up();
    if (event.type() != v1::WatchEvent::BOOKMARK && ns_matches(event)) print(event);
  }

 private:
  struct stream_state {
    std::uint64_t epoch = 0;
    std::uint64_t sequence = 0;
  };

  bool ns_matches(const v1::WatchEvent& event) const {
    return ns_.empty() || event.namespace_() == ns_;
  }

  void print(const v1::WatchEvent& event) {
    if (done || event.revision() <= last) return;
    last = event.revision();
    if (event.type() == v1::WatchEvent::BOOKMARK) return;
    state::object_ref ref{event.group(), event.resource(), event.namespace_(), event.name()};
    auto key = s_.keys().key_of(ref);
    s_.out << v1::WatchEvent::Type_Name(event.type()) << " " << (key ? *key : ref.name) << " "
           << event.revision() << "\n";
    if (auto info = s_.keys().resource(ref.group, ref.resource); info)
      print_object(s_.out, s_.keys().types(), **info, event.object(), s_.options.output, true);
    s_.out.flush();
    if (s_.options.max_events != 0 && ++printed_ >= s_.options.max_events) done = true;
  }

  session& s_;
  state_client& client_;
  std::string group_, resource_, ns_;
  std::map<std::string, stream_state> streams_;
  std::uint64_t printed_ = 0;
};

}  // namespace

int run_watch(session& s) {
  const auto& prefix = s.options.key;
  std::string group, resource, ns;
  std::string subject = subjects::all_events();
  if (prefix != "/registry" && prefix != "/registry/") {
    auto info = s.keys().parse_prefix(prefix);
    if (!info)
      return s.fail("\"" + prefix + "\" is not a watch prefix: expected /registry/, " +
                        "/registry/<resource> or /registry/<resource>/<namespace>",
                    2);
    group = info->ref.group;
    resource = info->ref.resource;
    ns = info->ref.ns;
    // The whole stream, even for one namespace: sequence numbers count the whole stream.
    subject = subjects::event_stream(group, resource);
  }
  auto client = s.client();
  if (!client) return s.fail(verbs::watch_from, client.error());
  caf::scoped_actor self{s.system()};
  auto sub = (*client)->connection().subscribe(subject, caf::actor_cast<caf::actor>(self));
  if (!sub) return s.fail("subscribe", sub.error());
  if (auto err = (*client)->connection().flush(s.options.timeout)) return s.fail("subscribe", err);

  watcher w(s, **client, group, resource, ns);
  if (s.options.revision > 0) {
    w.last = s.options.revision - 1;
    w.catch_up();
  } else {
    auto status = (*client)->call<v1::StatusReply>(verbs::status, v1::StatusRequest{});
    if (!status) return s.fail(verbs::status, status.error());
    if (s.failed(status->error())) return 1;
    w.last = status->revision();
  }
  while (!w.done && w.failure == 0) {
    if (s.options.interrupted && s.options.interrupted()) break;
    self->receive([&](bus::msg_atom, const std::string& from, const std::string&,
                      const std::string& data) { w.on_message(from, data); },
                  [&](bus::slow_atom, const std::string&) { w.catch_up(); },
                  caf::after(std::chrono::milliseconds(200)) >> [] {});
  }
  return w.failure;
}

}  // namespace kactor::store_cli
