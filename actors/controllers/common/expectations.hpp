#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "actors/controllers/common/work_queue.hpp"

// What a controller wrote and has not yet seen in its informer cache (ReplicaSet's
// ControllerExpectations): a sync that created 3 pods must not create them again just because
// the cache does not show them yet. Per controller key ("namespace/name"): the creations not
// yet observed, and the uids of the pods whose deletion is not yet observed. One actor owns it.
namespace kactor::controllers {

class expectations {
 public:
  // Records older than this count as satisfied (a lost watch event must not block a
  // controller for ever). Kubernetes' 5 minutes.
  static constexpr std::chrono::minutes timeout{5};

  // Expects `creations` new objects and the deletion of `deleted_uids` for `key` (replaces
  // any earlier record; its clock starts at `now`).
  void expect(const std::string& key, int creations, const std::vector<std::string>& deleted_uids,
              steady::time_point now);
  // One creation of `key` was seen in the cache (or failed and will never be seen).
  void creation_observed(const std::string& key);
  // The deletion of the object `uid` was seen (or failed). Unknown uids are ignored, so a
  // deletion seen twice counts once.
  void deletion_observed(const std::string& key, const std::string& uid);

  // True when the cache reflects everything expected for `key`: no record, all observed, or
  // the record is older than `timeout`. A controller syncs replicas only when satisfied.
  bool satisfied(const std::string& key, steady::time_point now) const;
  // Drops the record (the controller object is gone).
  void forget(const std::string& key) { records_.erase(key); }

  // The pending creations and deletions of `key` (0 without a record), for logs and tests.
  int pending_creations(const std::string& key) const;
  int pending_deletions(const std::string& key) const;

 private:
  struct record {
    int creations = 0;
    std::set<std::string> deletions;  // uids
    steady::time_point since;
  };
  std::map<std::string, record> records_;
};

}  // namespace kactor::controllers
