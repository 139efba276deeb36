#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "actors/informer/cached_object.hpp"
#include "actors/informer/persistent_map.hpp"

// What an informer publishes for readers: immutable snapshots of its cache, and the `cache`
// handle through which every reader gets the latest one.
namespace kactor::informer {

// Key ("namespace/name" or "name") -> object.
using object_map = persistent_map<object_ptr>;

// The content of an informer's cache at one point: never changes after construction, so any
// thread may read it without a lock and keep it as long as it likes. Objects are shared and
// immutable too: never cast their constness away.
class snapshot {
 public:
  snapshot() = default;
  snapshot(object_map objects, std::uint64_t revision, bool synced)
      : objects_(std::move(objects)), revision_(revision), synced_(synced) {}

  // The store revision the content reflects: every change of the resource up to it is applied
  // (0 before the first list).
  std::uint64_t revision() const { return revision_; }
  // True once the first list was applied (has_synced in client-go).
  bool synced() const { return synced_; }

  std::size_t size() const { return objects_.size(); }
  // The object of `key` ("namespace/name", or "name" when cluster-scoped); null when absent.
  object_ptr get(std::string_view key) const;
  object_ptr get(std::string_view ns, std::string_view name) const;
  // Every object, in key order.
  std::vector<object_ptr> list() const;
  // The objects of one namespace, in key order ("" = every object).
  std::vector<object_ptr> list(std::string_view ns) const;

  // The message of `key` as the generated class T (aliasing the cached object, so it stays
  // valid while the result lives); null when absent or not a T.
  template <class T>
  std::shared_ptr<const T> get_as(std::string_view key) const {
    auto obj = get(key);
    const T* typed = obj ? obj->as<T>() : nullptr;
    return typed ? std::shared_ptr<const T>(obj, typed) : nullptr;
  }

  // Calls fn(const object_ptr&) for every object in key order, without building a vector.
  template <class F>
  void for_each(F&& fn) const {
    objects_.for_each([&](const std::string&, const object_ptr& obj) { fn(obj); });
  }

  const object_map& objects() const { return objects_; }

 private:
  object_map objects_;
  std::uint64_t revision_ = 0;
  bool synced_ = false;
};

using snapshot_ptr = std::shared_ptr<const snapshot>;

// The publication point between one informer (the only writer) and any number of readers on
// any thread. Create it with std::make_shared and give it to the informer at spawn; keep it
// across informer restarts: a restarted informer resumes from its last snapshot (a catch-up
// instead of a relist, and notifications only for what changed meanwhile).
//
// Readers take current() once per unit of work (one reconcile) and read that snapshot: it is
// consistent (one revision) and costs one atomic load; the informer keeps publishing new ones.
class cache {
 public:
  cache();

  // The latest snapshot; never null (empty and unsynced before the first list). Any thread.
  snapshot_ptr current() const { return current_.load(std::memory_order_acquire); }
  // current()->synced(), for a quick check.
  bool has_synced() const { return current()->synced(); }

  // Replaces the latest snapshot. The informer only.
  void publish(snapshot_ptr next) { current_.store(std::move(next), std::memory_order_release); }

 private:
  std::atomic<snapshot_ptr> current_;
};

}  // namespace kactor::informer
