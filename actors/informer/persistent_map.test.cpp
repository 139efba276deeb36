#include "actors/informer/persistent_map.hpp"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using kactor::informer::persistent_map;
using entries = std::vector<std::pair<std::string, int>>;

entries contents(const persistent_map<int>& m) {
  entries out;
  m.for_each([&](const std::string& k, int v) { out.emplace_back(k, v); });
  return out;
}

entries contents(const std::map<std::string, int>& m) {
  return {m.begin(), m.end()};
}

}  // namespace

TEST_CASE("persistent_map: set, replace, find, erase") {
  persistent_map<int> m;
  CHECK(m.empty());
  CHECK(m.find("a") == nullptr);
  m.set("b", 2);
  m.set("a", 1);
  m.set("c", 3);
  m.set("b", 20);
  CHECK(m.size() == 3);
  REQUIRE(m.find("b"));
  CHECK(*m.find("b") == 20);
  CHECK(contents(m) == entries{{"a", 1}, {"b", 20}, {"c", 3}});
  CHECK(m.erase("a"));
  CHECK_FALSE(m.erase("a"));
  CHECK_FALSE(m.erase("zz"));
  CHECK(contents(m) == entries{{"b", 20}, {"c", 3}});
  CHECK(m.size() == 2);
}

TEST_CASE("persistent_map: copies are immutable versions") {
  persistent_map<int> v1;
  for (int i = 0; i < 100; ++i)
    v1.set("k" + std::to_string(i), i);
  auto v2 = v1;
  v2.set("k5", 500);
  v2.erase("k7");
  v2.set("new", 1);
  CHECK(*v1.find("k5") == 5);
  CHECK(v1.find("k7") != nullptr);
  CHECK(v1.find("new") == nullptr);
  CHECK(v1.size() == 100);
  CHECK(*v2.find("k5") == 500);
  CHECK(v2.find("k7") == nullptr);
  CHECK(v2.size() == 100);
}

TEST_CASE("persistent_map: matches std::map under random operations, old versions intact") {
  std::mt19937 rng(42);
  persistent_map<int> m;
  std::map<std::string, int> ref;
  std::vector<std::pair<persistent_map<int>, std::map<std::string, int>>> versions;
  for (int step = 0; step < 5000; ++step) {
    auto key = "ns" + std::to_string(rng() % 5) + "/obj" + std::to_string(rng() % 300);
    if (rng() % 3 == 0) {
      CHECK(m.erase(key) == (ref.erase(key) == 1));
    } else {
      int value = static_cast<int>(rng() % 1000);
      m.set(key, value);
      ref[key] = value;
    }
    if (step % 500 == 0) versions.emplace_back(m, ref);
  }
  CHECK(m.size() == ref.size());
  CHECK(contents(m) == contents(ref));
  for (auto& [old, old_ref] : versions) {
    CHECK(old.size() == old_ref.size());
    CHECK(contents(old) == contents(old_ref));
  }
}

TEST_CASE("persistent_map: prefix walk visits exactly the keys with the prefix, in order") {
  persistent_map<int> m;
  std::vector<std::string> keys = {"a",      "default/x", "default/y", "default",  "defaults/z",
                                   "kube/a", "default/",  "def",       "defaultz", "z"};
  for (std::size_t i = 0; i < keys.size(); ++i)
    m.set(keys[i], static_cast<int>(i));
  std::vector<std::string> seen;
  m.for_each_prefix("default/", [&](const std::string& k, int) { seen.push_back(k); });
  CHECK(seen == std::vector<std::string>{"default/", "default/x", "default/y"});
  seen.clear();
  m.for_each_prefix("", [&](const std::string& k, int) { seen.push_back(k); });
  CHECK(seen.size() == keys.size());
  seen.clear();
  m.for_each_prefix("nothing", [&](const std::string& k, int) { seen.push_back(k); });
  CHECK(seen.empty());
}
