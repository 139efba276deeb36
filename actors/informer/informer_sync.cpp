// The informer's conversations with the state actor: the paged list (first list and relists)
// and the paged catch-up read of the change log (watch-from). See informer_actor.hpp.

#include <algorithm>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/bus/subjects.hpp"
#include "actors/informer/informer_actor.hpp"
#include "actors/informer/relist_diff.hpp"

namespace kactor::informer {
namespace {

std::string describe(const bus_v1::Error& err) {
  return bus_v1::Error::Code_Name(err.code()) + (err.message().empty() ? "" : ": " + err.message());
}

}  // namespace

void informer_actor::start_list(bool relist) {
  phase_ = relist ? phase::relisting : phase::listing;
  list_continue_.clear();
  list_objects_ = object_map{};
  // Everything buffered so far happened before this read: the list includes it.
  for (auto& p : pending_)
    p.covered = true;
  resync_wanted_ = false;
  if (relist)
    log_->info("informer {}: change log compacted past revision {}; relisting", options_.resource,
               position_.resume_after());
  send_request();
}

void informer_actor::start_catch_up(const char* reason) {
  if (phase_ != phase::watching) {
    resync_wanted_ = true;
    return;
  }
  phase_ = phase::catching_up;
  catch_up_after_ = position_.resume_after();
  for (auto& p : pending_)
    p.covered = true;
  resync_wanted_ = false;
  log_->debug("informer {}: catching up after revision {} ({})", options_.resource, catch_up_after_,
              reason);
  send_request();
}

void informer_actor::request_resync(const char* reason) {
  if (phase_ == phase::watching)
    start_catch_up(reason);
  else
    resync_wanted_ = true;  // the running read may have started before the loss
}

void informer_actor::send_request() {
  ++retry_generation_;  // a retry scheduled earlier is void now
  namespace subjects = bus::subjects;
  std::string subject;
  std::string body;
  if (phase_ == phase::catching_up) {
    bus_v1::WatchFromRequest req;
    req.set_group(options_.group);
    req.set_resource(options_.resource);
    req.set_namespace_(options_.ns);
    req.set_after_revision(catch_up_after_);
    req.set_limit(options_.page_size);
    subject = subjects::state(subjects::state_verb::watch_from);
    body = req.SerializeAsString();
  } else {
    bus_v1::ListRequest req;
    req.set_group(options_.group);
    req.set_resource(options_.resource);
    req.set_namespace_(options_.ns);
    req.set_limit(options_.page_size);
    req.set_continue_token(list_continue_);
    subject = subjects::state(subjects::state_verb::list);
    body = req.SerializeAsString();
  }
  auto id = deps_.rpc->request(subject, body, options_.request_timeout,
                               caf::actor_cast<caf::actor>(this));
  if (!id) {
    if (bus::code_of(id.error()) == bus::errc::closed) {
      quit(id.error());
      return;
    }
    retry_later(bus::describe(id.error()));
    return;
  }
  request_id_ = *id;
}

void informer_actor::on_reply(std::uint64_t id, const std::string& data) {
  if (id != request_id_ || id == 0) return;  // an abandoned request
  request_id_ = 0;
  if (phase_ == phase::catching_up) {
    bus_v1::WatchFromReply reply;
    if (!reply.ParseFromString(data)) return retry_later("unreadable watch-from reply");
    on_watch_page(reply);
  } else {
    bus_v1::ListReply reply;
    if (!reply.ParseFromString(data)) return retry_later("unreadable list reply");
    on_list_page(reply);
  }
}

void informer_actor::on_request_failed(std::uint64_t id, const caf::error& err) {
  if (id != request_id_ || id == 0) return;
  request_id_ = 0;
  if (bus::code_of(err) == bus::errc::closed) {
    quit(err);
    return;
  }
  retry_later(bus::describe(err));
}

void informer_actor::on_list_page(bus_v1::ListReply& reply) {
  auto code = reply.error().code();
  if (code == bus_v1::Error::COMPACTED && !list_continue_.empty()) {
    // The list's snapshot revision was compacted between pages: start over at a newer one.
    list_continue_.clear();
    list_objects_ = object_map{};
    send_request();
    return;
  }
  if (code != bus_v1::Error::CODE_UNSPECIFIED)
    return retry_later("list: " + describe(reply.error()));
  backoff_ = options_.retry_min;
  for (auto& item : *reply.mutable_items()) {
    auto obj = decode_object(*prototype_, std::move(*item.mutable_object()), item.mod_revision(),
                             {}, {}, options_.lean);
    if (!obj) {
      ++counters_.decode_errors;
      log_->error("informer {}: list item at revision {}: {}", options_.resource,
                  item.mod_revision(), obj.error().message);
      continue;
    }
    if (in_scope((*obj)->ns) && passes(**obj)) list_objects_.set((*obj)->key(), *obj);
  }
  if (!reply.continue_token().empty()) {
    list_continue_ = reply.continue_token();
    send_request();
    return;
  }
  // Complete, at one revision. A first list reports everything as added; a relist only what
  // differs from the cache (no events for unchanged objects).
  auto revision = reply.revision();
  ++counters_.lists;
  if (phase_ == phase::relisting) ++counters_.relists;
  for (auto& n : relist_diff(objects_, list_objects_, revision))
    notify(std::move(n));
  objects_ = std::move(list_objects_);
  list_objects_ = object_map{};
  position_.reset(revision);
  synced_ = true;
  changed_ = true;
  log_->debug("informer {}: listed {} objects at revision {}", options_.resource, objects_.size(),
              revision);
  finish_operation();
}

void informer_actor::on_watch_page(bus_v1::WatchFromReply& reply) {
  auto code = reply.error().code();
  // COMPACTED: the changes we need are gone. NOT_FOUND: our revision is in the store's future
  // (a store replaced by an older or empty one). Either way only a relist can tell the truth.
  if (code == bus_v1::Error::COMPACTED || code == bus_v1::Error::NOT_FOUND) {
    start_list(true);
    return;
  }
  if (code != bus_v1::Error::CODE_UNSPECIFIED)
    return retry_later("watch-from: " + describe(reply.error()));
  backoff_ = options_.retry_min;
  std::uint64_t last = 0;
  for (const auto& e : reply.events()) {
    // A trailing BOOKMARK marks how far the read examined the log beyond its last change.
    last = std::max(last, e.revision());
    if (e.type() == bus_v1::WatchEvent::BOOKMARK) continue;
    if (!position_.accept_replayed(e.revision(), object_key(e.namespace_(), e.name()))) continue;
    ++counters_.replayed_applied;
    apply_change(e, decode(e));
  }
  if (reply.more() && last > 0) {
    // Pages never split a revision: everything through `last` is in.
    position_.complete_through(last);
    catch_up_after_ = last;
    changed_ = true;
    send_request();
    return;
  }
  position_.complete_through(std::max(reply.revision(), last));
  ++counters_.catch_ups;
  changed_ = true;
  finish_operation();
}

void informer_actor::finish_operation() {
  phase_ = phase::watching;
  if (resync_wanted_) {
    start_catch_up("loss during the last read");
    return;
  }
  drain();
}

void informer_actor::retry_later(const std::string& why) {
  ++counters_.request_failures;
  auto delay = backoff_;
  backoff_ = std::min(backoff_ * 2, options_.retry_max);
  log_->warn("informer {}: {}; retrying in {} ms", options_.resource, why, delay.count());
  ++retry_generation_;
  delayed_send(this, delay, retry_atom::value, retry_generation_);
}

void informer_actor::on_retry(std::uint64_t generation) {
  if (generation != retry_generation_ || request_id_ != 0 || phase_ == phase::watching) return;
  send_request();
}

}  // namespace kactor::informer
