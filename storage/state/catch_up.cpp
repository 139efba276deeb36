#include "storage/state/catch_up.hpp"

#include "storage/state/watch_events.hpp"

namespace kactor::state {

storage::result<bus::v1::WatchFromReply> read_catch_up(storage::store& db, const key_space& keys,
                                                       const std::string& prefix,
                                                       storage::revision after,
                                                       const catch_up_limits& limits,
                                                       storage::revision* oldest) {
  // One read view for the whole page: the changes and `revision` come from one snapshot.
  auto view = db.read(0);
  if (!view) return view.error();
  if (oldest) *oldest = view->compacted();
  bus::v1::WatchFromReply reply;
  reply.set_revision(view->current());
  std::size_t bytes = 0, scanned = 0;
  auto full = [&] {
    return static_cast<std::size_t>(reply.events_size()) >= limits.max_events ||
           bytes >= limits.max_bytes || scanned >= limits.max_scan;
  };
  storage::revision examined = after;  // every change up to it has been looked at
  bool stopped = false, more = true;
  while (more && !stopped) {
    auto batch = view->changes_after(examined, 1024);
    if (!batch) return batch.error();
    storage::revision current = 0;  // the revision being examined
    for (const auto& change : batch->events) {
      if (change.kv.mod_revision != current) {
        if (current != 0) examined = current;
        if (full()) {
          stopped = true;
          break;
        }
        current = change.kv.mod_revision;
      }
      ++scanned;
      if (!change.kv.key.starts_with(prefix)) continue;
      auto event = to_watch_event(change, keys);
      if (!event) continue;
      bytes += event->object().size() + event->previous_object().size();
      *reply.add_events() = std::move(*event);
    }
    if (!stopped) examined = batch->through;  // a batch never splits a revision
    more = batch->more;
  }
  reply.set_more(stopped || more);
  auto last = reply.events_size() == 0 ? after : reply.events(reply.events_size() - 1).revision();
  if (reply.more() && examined > last) {
    auto* mark = reply.add_events();
    mark->set_type(bus::v1::WatchEvent::BOOKMARK);
    mark->set_revision(examined);
  }
  return reply;
}

}  // namespace kactor::state
