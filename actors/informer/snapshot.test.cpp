#include "actors/informer/snapshot.hpp"

#include <doctest/doctest.h>

#include <thread>

#include "k8s/core/v1/config.pb.h"

namespace {

using namespace kactor::informer;

object_ptr config_map(const std::string& ns, const std::string& name, std::uint64_t rev) {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name(name);
  cm.mutable_metadata()->set_namespace_(ns);
  auto obj =
      decode_object(k8s::core::v1::ConfigMap::default_instance(), cm.SerializeAsString(), rev);
  REQUIRE(obj);
  return *obj;
}

object_map sample() {
  object_map m;
  for (auto [ns, name] :
       {std::pair{"default", "a"}, {"default", "b"}, {"kube-system", "a"}, {"default-2", "c"}}) {
    auto obj = config_map(ns, name, 3);
    m.set(obj->key(), obj);
  }
  return m;
}

}  // namespace

TEST_CASE("snapshot: get, list, list by namespace, typed access") {
  snapshot snap{sample(), 9, true};
  CHECK(snap.revision() == 9);
  CHECK(snap.synced());
  CHECK(snap.size() == 4);
  REQUIRE(snap.get("default/a"));
  CHECK(snap.get("default", "b")->name == "b");
  CHECK(snap.get("default/zz") == nullptr);
  CHECK(snap.list().size() == 4);
  auto in_default = snap.list("default");
  REQUIRE(in_default.size() == 2);  // not default-2/c
  CHECK(in_default[0]->key() == "default/a");
  CHECK(in_default[1]->key() == "default/b");
  CHECK(snap.list("").size() == 4);
  auto typed = snap.get_as<k8s::core::v1::ConfigMap>("kube-system/a");
  REQUIRE(typed);
  CHECK(typed->metadata().namespace_() == "kube-system");
}

TEST_CASE("cache: starts empty and unsynced; readers see whole snapshots while it publishes") {
  cache c;
  REQUIRE(c.current());
  CHECK_FALSE(c.has_synced());
  CHECK(c.current()->size() == 0);

  // Invariant of every published snapshot here: size() == revision(). A reader that saw a
  // half-built one would find them different.
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    while (!done.load()) {
      auto snap = c.current();
      if (snap->size() != snap->revision()) ++bad;
    }
  });
  object_map m;
  for (std::uint64_t i = 1; i <= 2000; ++i) {
    auto obj = config_map("ns", "o" + std::to_string(i), i);
    m.set(obj->key(), obj);
    c.publish(std::make_shared<const snapshot>(m, i, true));
  }
  done = true;
  reader.join();
  CHECK(bad.load() == 0);
  CHECK(c.has_synced());
  CHECK(c.current()->size() == 2000);
}
