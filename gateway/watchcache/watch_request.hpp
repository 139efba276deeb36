#pragma once

#include "actors/informer/cached_object.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>
#include <caf/actor_addr.hpp>

#include "gateway/selectors/field_selector.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "messages/basic_result.hpp"

// What the REST layer hands the watch cache to open one watch stream (GET ...?watch=true), and
// the sink through which the stream's events leave. docs/watchcache.md has the semantics.
namespace kactor::watchcache {

struct watch_request {
  std::string group;     // API group of the stored resource ("" = core)
  std::string resource;  // plural: "pods"
  std::string ns;        // "" = every namespace (and cluster-scoped resources)
  // labelSelector, parsed by the REST layer; nullopt = everything.
  std::optional<selectors::label_selector> labels;
  // fieldSelector, parsed by the REST layer; start_watch binds it to the resource's kind.
  std::optional<selectors::field_selector> fields;
  // nullopt or 0: an ADDED event for every current object first, then the changes.
  // N: only the changes after revision N (replayed from the change log when N is older than
  // the cache; ERROR 410 Expired when the log no longer reaches back to N).
  std::optional<std::uint64_t> resource_version;
  bool bookmarks = false;                       // allowWatchBookmarks
  std::optional<std::chrono::seconds> timeout;  // timeoutSeconds: the stream ends then
  std::string name;                             // "" or a metadata.name the objects must have
};

// Encodes one event as the bytes to write (one JSON line including '\n', or a Table row
// event); supplied by the REST layer. type: "ADDED", "MODIFIED", "DELETED", "BOOKMARK".
// For BOOKMARK the object is a message of the kind with only metadata.resourceVersion set.
using event_encoder =
    std::function<std::string(std::string_view type, const google::protobuf::Message& object)>;

// Where one watch's events go. All four are called from the watch's own actor (a CAF worker
// thread, one call at a time, never concurrently for one watch) and must not block: queue the
// bytes and return. After end() or error() nothing more is called. A call may still happen
// shortly after watch_handle::cancel(): the sink must tolerate it (write returns false).
// Optional faster form for an event whose object is the cached version itself (its
// resourceVersion is the event's): the REST layer reuses the object's cached JSON text
// (informer::cached_object::derived_text) instead of encoding it again for every watcher.
using cached_event_encoder =
    std::function<std::string(std::string_view type, const informer::cached_object& object)>;

struct watch_sink {
  event_encoder encode;
  cached_event_encoder encode_cached;  // may be empty
  // Writes encoded bytes; false = the client is gone: the watch stops at once (no end()).
  std::function<bool(std::string bytes)> write;
  // The server ends the stream (timeoutSeconds reached, the cache stopped).
  std::function<void()> end;
  // Sends an ERROR event whose object is this metav1.Status (JSON), then ends the stream.
  std::function<void(std::string status_json)> error;
};

// The handle of a running watch. Copyable; does not keep the watch alive.
class watch_handle {
 public:
  watch_handle() = default;
  explicit watch_handle(caf::actor_addr actor) : actor_(std::move(actor)) {}

  // The client is gone: stop the watch and free it. The sink is not called afterwards (except
  // a call already under way). Idempotent; any thread; no-op on a default handle.
  void cancel() const;

  // The watch's actor (for tests and metrics); invalid on a default handle.
  const caf::actor_addr& address() const { return actor_; }

 private:
  caf::actor_addr actor_;
};

// Why start_watch refused a watch before any event: code and reason are those of the
// metav1.Status the REST layer answers with (404 NotFound for a resource the cache does not
// serve, 400 BadRequest for a field selector the kind does not support or a missing sink).
struct watch_error {
  int code = 400;
  std::string reason;   // "NotFound", "BadRequest"
  std::string message;  // Kubernetes' text ("field label not supported: spec.foo")
};

using watch_result = messages::basic_result<watch_handle, watch_error>;

}  // namespace kactor::watchcache
