#include "actors/controllers/common/expectations.hpp"

namespace kactor::controllers {

void expectations::expect(const std::string& key, int creations,
                          const std::vector<std::string>& deleted_uids, steady::time_point now) {
  auto& r = records_[key];
  r.creations = creations;
  r.deletions = {deleted_uids.begin(), deleted_uids.end()};
  r.since = now;
}

void expectations::creation_observed(const std::string& key) {
  auto it = records_.find(key);
  if (it != records_.end() && it->second.creations > 0) --it->second.creations;
}

void expectations::deletion_observed(const std::string& key, const std::string& uid) {
  auto it = records_.find(key);
  if (it != records_.end()) it->second.deletions.erase(uid);
}

bool expectations::satisfied(const std::string& key, steady::time_point now) const {
  auto it = records_.find(key);
  if (it == records_.end()) return true;
  const auto& r = it->second;
  if (r.creations <= 0 && r.deletions.empty()) return true;
  return now - r.since > timeout;
}

int expectations::pending_creations(const std::string& key) const {
  auto it = records_.find(key);
  return it == records_.end() ? 0 : it->second.creations;
}

int expectations::pending_deletions(const std::string& key) const {
  auto it = records_.find(key);
  return it == records_.end() ? 0 : static_cast<int>(it->second.deletions.size());
}

}  // namespace kactor::controllers
