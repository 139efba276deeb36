#include "actors/informer/relist_diff.hpp"

#include <string>
#include <utility>

namespace kactor::informer {
namespace {

using entry = std::pair<const std::string*, const object_ptr*>;

std::vector<entry> entries_of(const object_map& m) {
  std::vector<entry> out;
  out.reserve(m.size());
  m.for_each([&](const std::string& key, const object_ptr& obj) { out.emplace_back(&key, &obj); });
  return out;
}

notification make(change_type type, std::uint64_t revision, object_ptr object, object_ptr old) {
  notification n;
  n.type = type;
  n.revision = revision;
  n.object = std::move(object);
  n.old = std::move(old);
  return n;
}

}  // namespace

std::vector<notification> relist_diff(const object_map& before, const object_map& after,
                                      std::uint64_t revision) {
  auto old_entries = entries_of(before);
  auto new_entries = entries_of(after);
  std::vector<notification> out;
  std::size_t i = 0;
  std::size_t j = 0;
  // Both are in key order: one merge pass.
  while (i < old_entries.size() || j < new_entries.size()) {
    int cmp = i == old_entries.size()   ? 1
              : j == new_entries.size() ? -1
                                        : old_entries[i].first->compare(*new_entries[j].first);
    if (cmp < 0) {
      const auto& gone = *old_entries[i++].second;
      out.push_back(make(change_type::deleted, revision, gone, gone));
    } else if (cmp > 0) {
      out.push_back(make(change_type::added, revision, *new_entries[j++].second, nullptr));
    } else {
      const auto& was = *old_entries[i++].second;
      const auto& now = *new_entries[j++].second;
      if (was->revision != now->revision)
        out.push_back(make(change_type::updated, revision, now, was));
    }
  }
  return out;
}

}  // namespace kactor::informer
