#include "actors/informer/relist_diff.hpp"

#include <doctest/doctest.h>

#include "k8s/core/v1/config.pb.h"

namespace {

using namespace kactor::informer;

object_ptr cm(const std::string& name, std::uint64_t rev) {
  k8s::core::v1::ConfigMap m;
  m.mutable_metadata()->set_name(name);
  m.mutable_metadata()->set_namespace_("ns");
  auto obj =
      decode_object(k8s::core::v1::ConfigMap::default_instance(), m.SerializeAsString(), rev);
  REQUIRE(obj);
  return *obj;
}

object_map map_of(std::initializer_list<object_ptr> objs) {
  object_map m;
  for (const auto& o : objs)
    m.set(o->key(), o);
  return m;
}

std::string render(const std::vector<notification>& changes) {
  std::string out;
  for (const auto& n : changes) {
    out += std::string{to_string(n.type)} + " " + n.key() + "@" + std::to_string(n.revision);
    if (n.old) out += " (was " + std::to_string(n.old->revision) + ")";
    out += ";";
  }
  return out;
}

}  // namespace

TEST_CASE("relist_diff reports added, updated and deleted objects, nothing for unchanged ones") {
  auto before = map_of({cm("a", 1), cm("b", 2), cm("c", 3), cm("e", 5)});
  auto after = map_of({cm("b", 2), cm("c", 7), cm("d", 8), cm("e", 5), cm("f", 9)});
  auto changes = relist_diff(before, after, 10);
  CHECK(render(changes) ==
        "deleted ns/a@10 (was 1);updated ns/c@10 (was 3);added ns/d@10;added ns/f@10;");
  REQUIRE(changes.size() == 4);
  CHECK(changes[0].object == changes[0].old);  // a deletion seen by a relist: last cached state
  CHECK(changes[1].object->revision == 7);
}

TEST_CASE("relist_diff of equal or empty maps") {
  auto same = map_of({cm("a", 1), cm("b", 2)});
  CHECK(relist_diff(same, same, 4).empty());
  CHECK(relist_diff(object_map{}, object_map{}, 4).empty());
  CHECK(render(relist_diff(object_map{}, same, 4)) == "added ns/a@4;added ns/b@4;");
  CHECK(render(relist_diff(same, object_map{}, 4)) ==
        "deleted ns/a@4 (was 1);deleted ns/b@4 (was 2);");
}
