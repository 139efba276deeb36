#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kactor/bus.pb.h"
#include "storage/state/keys.hpp"
#include "storage/types.hpp"

// The bookkeeping of event publication: which subject each change goes to, and the
// per-stream sequence numbers that let a subscriber detect a gap (docs/bus.md, docs/state.md).
//
// Streams: one per resource (kactor.v1.events.<group>.<resource>.>) and one per node
// (kactor.v1.nodes.<node>.pods.>). Each numbers its messages 1, 2, 3 ... within an epoch.
//
// Node-scoped copies show a pod the way a kubelet watching `spec.nodeName=<node>` sees it
// (as Kubernetes' watch cache filters by field): a pod appears on a node's stream as ADDED when
// it gets bound there, MODIFIED while it stays, and DELETED when it is deleted or leaves the
// node (its nodeName changed or was cleared); a pod that moves from node A to node B is DELETED
// on A's stream and ADDED on B's, at the same revision.
namespace kactor::state {

// One message to publish.
struct publication {
  std::string subject;
  std::string payload;  // a serialized bus.v1.WatchEvent
};

// Not thread-safe: owned by the state actor.
class event_streams {
 public:
  // `epoch`: this incarnation (WatchEvent.epoch); `start`: the store's revision when
  // publishing begins (bookmarks before the first commit report it).
  event_streams(const key_space& keys, std::uint64_t epoch, storage::revision start);

  // The publications of one committed write, in order: for each of its events the resource
  // stream's copy, then the node-scoped copies. Commits must be fed in revision order; one
  // that is not above last_revision() (a bug upstream) yields nothing.
  std::vector<publication> on_commit(const storage::write_result& result);

  // BOOKMARK messages ({revision = last_revision(), sequence = the stream's last}) on the
  // streams' _bookmark subjects. `all` false: only streams that published since their previous
  // bookmark; true: every watchable resource's stream and every node stream of this epoch.
  std::vector<publication> bookmarks(bool all);

  std::uint64_t epoch() const { return epoch_; }
  // The revision of the last commit fed (or `start`).
  storage::revision last_revision() const { return last_; }
  // The last sequence used on a resource's / a node's stream; 0 when none yet.
  std::uint64_t resource_sequence(const std::string& group, const std::string& resource) const;
  std::uint64_t node_sequence(const std::string& node) const;

 private:
  struct stream {
    std::string bookmark_subject;
    std::uint64_t sequence = 0;
    std::uint64_t bookmarked = 0;  // sequence of the last bookmark
  };

  stream& resource_stream(const std::string& group, const std::string& resource);
  stream& node_stream(const std::string& node);
  void emit(std::vector<publication>& out, stream& s, std::string subject,
            bus::v1::WatchEvent event);
  void add_node_copies(std::vector<publication>& out, const bus::v1::WatchEvent& event,
                       const storage::event& change);
  publication bookmark(stream& s);

  const key_space& keys_;
  std::uint64_t epoch_;
  storage::revision last_;
  std::map<std::string, stream> resources_;  // by "<group>/<resource>"
  std::map<std::string, stream> nodes_;      // by node name
};

}  // namespace kactor::state
