#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

// An ordered map from string keys to values with O(1) copies: every copy is an immutable
// version that later changes never affect. Changes copy only the O(log n) nodes on the path
// they touch (path copying) and share everything else with older versions.
//
// Why: the informer changes its cache on every event while controllers read it from other
// threads. It publishes a copy after each change (a pointer copy), so a reader holds a
// consistent point-in-time view for as long as it likes, with no lock and no O(n) copy.
//
// Structure: a treap whose priorities are a hash of the key, so the shape depends only on the
// set of keys (expected depth ~2 log2 n, no rebalancing state). Ties of the hash are broken by
// the key, so (priority, key) is a strict heap order.
//
// Thread safety: one version may be read from any number of threads at once; a version must
// not be read while it is being changed (set/erase on the same object). Versions share nodes,
// which are never changed after construction, so changing one version never affects others.
namespace kactor::informer {

template <class V>
class persistent_map {
 public:
  persistent_map() = default;

  std::size_t size() const noexcept { return root_ ? root_->size : 0; }
  bool empty() const noexcept { return !root_; }

  // The value of `key`, or null when absent. Valid as long as this version (or any copy of it)
  // lives.
  const V* find(std::string_view key) const {
    const node* at = root_.get();
    while (at) {
      int cmp = key.compare(at->key);
      if (cmp == 0) return &at->value;
      at = cmp < 0 ? at->left.get() : at->right.get();
    }
    return nullptr;
  }

  // Inserts `key` or replaces its value.
  void set(std::string key, V value) {
    auto prio = priority(key);
    root_ = insert(root_, std::move(key), std::move(value), prio);
  }

  // Removes `key`; returns false when it was absent (nothing changes then).
  bool erase(std::string_view key) {
    if (!find(key)) return false;
    root_ = remove(root_, key);
    return true;
  }

  // Calls fn(key, value) for every entry in key order.
  template <class F>
  void for_each(F&& fn) const {
    walk(root_.get(), {}, fn);
  }

  // Calls fn(key, value) for every entry whose key starts with `prefix`, in key order.
  template <class F>
  void for_each_prefix(std::string_view prefix, F&& fn) const {
    walk(root_.get(), prefix, fn);
  }

 private:
  struct node;
  using link = std::shared_ptr<const node>;

  struct node {
    std::string key;
    V value;
    std::uint64_t prio;
    link left;
    link right;
    std::size_t size;
  };

  static std::uint64_t priority(std::string_view key) {
    // splitmix64 over std::hash: spreads the bits so that similar keys get unrelated priorities.
    std::uint64_t x = std::hash<std::string_view>{}(key) + 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  }

  // True when (prio, key) of a ranks above b in the heap order.
  static bool above(std::uint64_t prio, std::string_view key, const node& b) {
    return prio != b.prio ? prio > b.prio : key < b.key;
  }

  static std::size_t size_of(const link& x) { return x ? x->size : 0; }

  static link make(std::string key, V value, std::uint64_t prio, link left, link right) {
    auto size = 1 + size_of(left) + size_of(right);
    return std::make_shared<const node>(
        node{std::move(key), std::move(value), prio, std::move(left), std::move(right), size});
  }

  static link with_children(const node& x, link left, link right) {
    return make(x.key, x.value, x.prio, std::move(left), std::move(right));
  }

  // Splits t into the keys below `key` and the keys above it; `key` itself must be absent.
  static std::pair<link, link> split(const link& t, std::string_view key) {
    if (!t) return {};
    if (key < t->key) {
      auto [l, r] = split(t->left, key);
      return {std::move(l), with_children(*t, std::move(r), t->right)};
    }
    auto [l, r] = split(t->right, key);
    return {with_children(*t, t->left, std::move(l)), std::move(r)};
  }

  // Joins a and b, where every key of a is below every key of b.
  static link merge(const link& a, const link& b) {
    if (!a) return b;
    if (!b) return a;
    if (above(a->prio, a->key, *b)) return with_children(*a, a->left, merge(a->right, b));
    return with_children(*b, merge(a, b->left), b->right);
  }

  // An existing key is found before any node ranking below it is met (its ancestors all rank
  // above it), so reaching a lower-ranked node proves the key absent and a split is safe.
  static link insert(const link& t, std::string key, V value, std::uint64_t prio) {
    if (!t || above(prio, key, *t)) {
      auto [l, r] = split(t, key);
      return make(std::move(key), std::move(value), prio, std::move(l), std::move(r));
    }
    int cmp = std::string_view{key}.compare(t->key);
    if (cmp == 0) return make(std::move(key), std::move(value), prio, t->left, t->right);
    if (cmp < 0)
      return with_children(*t, insert(t->left, std::move(key), std::move(value), prio), t->right);
    return with_children(*t, t->left, insert(t->right, std::move(key), std::move(value), prio));
  }

  // Precondition: `key` is present.
  static link remove(const link& t, std::string_view key) {
    int cmp = key.compare(t->key);
    if (cmp == 0) return merge(t->left, t->right);
    if (cmp < 0) return with_children(*t, remove(t->left, key), t->right);
    return with_children(*t, t->left, remove(t->right, key));
  }

  template <class F>
  static void walk(const node* t, std::string_view prefix, F& fn) {
    if (!t) return;
    std::string_view key = t->key;
    // Keys with the prefix form one contiguous range [prefix, prefix + 0xff...): skip subtrees
    // entirely below or above it.
    bool below = key.compare(0, prefix.size(), prefix) < 0;
    bool beyond = key.compare(0, prefix.size(), prefix) > 0;
    if (!below) walk(t->left.get(), prefix, fn);
    if (!below && !beyond) fn(t->key, t->value);
    if (!beyond) walk(t->right.get(), prefix, fn);
  }

  link root_;
};

}  // namespace kactor::informer
