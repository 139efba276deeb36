#include "storage/state/event_streams.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "actors/bus/subjects.hpp"
#include "storage/state/resource_version.hpp"
#include "storage/state/watch_events.hpp"

namespace kactor::state {

namespace subjects = bus::subjects;
using bus::v1::WatchEvent;

event_streams::event_streams(const key_space& keys, std::uint64_t epoch, storage::revision start)
    : keys_(keys), epoch_(epoch), last_(start) {}

event_streams::stream& event_streams::resource_stream(const std::string& group,
                                                      const std::string& resource) {
  auto [it, added] = resources_.try_emplace(group + "/" + resource);
  if (added) it->second.bookmark_subject = subjects::event_bookmark(group, resource);
  return it->second;
}

event_streams::stream& event_streams::node_stream(const std::string& node) {
  auto [it, added] = nodes_.try_emplace(node);
  if (added) it->second.bookmark_subject = subjects::node_pod_bookmark(node);
  return it->second;
}

void event_streams::emit(std::vector<publication>& out, stream& s, std::string subject,
                         WatchEvent event) {
  event.set_sequence(++s.sequence);
  event.set_epoch(epoch_);
  out.push_back({std::move(subject), event.SerializeAsString()});
}

std::vector<publication> event_streams::on_commit(const storage::write_result& result) {
  std::vector<publication> out;
  if (result.rev <= last_) {
    spdlog::error("state: commit at revision {} arrived after revision {}: not published",
                  result.rev, last_);
    return out;
  }
  last_ = result.rev;
  for (const auto& change : result.events) {
    auto event = to_watch_event(change, keys_);
    if (!event) {
      spdlog::error("state: revision {}: key {} is not an API object key: not published",
                    result.rev, change.kv.key);
      continue;
    }
    auto& s = resource_stream(event->group(), event->resource());
    subjects::object_ref ref{event->group(), event->resource(), event->namespace_(), event->name()};
    emit(out, s, subjects::event(ref), *event);
    if (is_pod(*event)) add_node_copies(out, *event, change);
  }
  return out;
}

void event_streams::add_node_copies(std::vector<publication>& out, const WatchEvent& event,
                                    const storage::event& change) {
  std::string before = change.prev ? node_of_pod(change.prev->value) : "";
  std::string after = change.type == storage::event::kind::put ? node_of_pod(change.kv.value) : "";
  if (!before.empty() && before == after) {
    emit(out, node_stream(after), subjects::node_pod(after, event.namespace_(), event.name()),
         event);
    return;
  }
  if (!before.empty()) {
    // The pod leaves this node's view: deleted, showing its last state there.
    WatchEvent gone = event;
    gone.set_type(WatchEvent::DELETED);
    gone.set_object(with_resource_version(change.prev->value, change.kv.mod_revision));
    emit(out, node_stream(before), subjects::node_pod(before, event.namespace_(), event.name()),
         std::move(gone));
  }
  if (!after.empty()) {
    WatchEvent added = event;
    added.set_type(WatchEvent::ADDED);
    added.clear_previous_object();
    emit(out, node_stream(after), subjects::node_pod(after, event.namespace_(), event.name()),
         std::move(added));
  }
}

publication event_streams::bookmark(stream& s) {
  WatchEvent event;
  event.set_type(WatchEvent::BOOKMARK);
  event.set_revision(last_);
  event.set_sequence(s.sequence);
  event.set_epoch(epoch_);
  s.bookmarked = s.sequence;
  return {s.bookmark_subject, event.SerializeAsString()};
}

std::vector<publication> event_streams::bookmarks(bool all) {
  std::vector<publication> out;
  if (all) {
    for (const auto* info : keys_.resources()) {
      const auto& verbs = info->verbs;
      if (std::find(verbs.begin(), verbs.end(), "watch") != verbs.end())
        resource_stream(info->group, info->plural);
    }
  }
  for (auto* streams : {&resources_, &nodes_})
    for (auto& [name, s] : *streams)
      if (all || s.sequence != s.bookmarked) out.push_back(bookmark(s));
  return out;
}

std::uint64_t event_streams::resource_sequence(const std::string& group,
                                               const std::string& resource) const {
  auto found = resources_.find(group + "/" + resource);
  return found == resources_.end() ? 0 : found->second.sequence;
}

std::uint64_t event_streams::node_sequence(const std::string& node) const {
  auto found = nodes_.find(node);
  return found == nodes_.end() ? 0 : found->second.sequence;
}

}  // namespace kactor::state
