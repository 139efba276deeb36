#include "storage/read_view.hpp"

#include <doctest/doctest.h>

#include "storage/store.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using testing::must_apply;

namespace {

struct fixture {
  testing::temp_dir dir;
  testing::fake_clock clock;
  std::unique_ptr<store> db = testing::open_store(testing::options_for(dir.path(), clock));
};

std::vector<std::string> keys_of(const std::vector<key_value>& kvs) {
  std::vector<std::string> out;
  for (const auto& kv : kvs)
    out.push_back(kv.key);
  return out;
}

}  // namespace

TEST_CASE("reads at an older revision see the state of that revision") {
  fixture f;
  must_apply(*f.db, create_request("/registry/pods/ns/a", "a1"));  // 2
  must_apply(*f.db, update_request("/registry/pods/ns/a", "a2"));  // 3
  must_apply(*f.db, create_request("/registry/pods/ns/b", "b1"));  // 4
  must_apply(*f.db, remove_request("/registry/pods/ns/a"));        // 5

  CHECK(f.db->get("/registry/pods/ns/a", 2)->value == "a1");
  CHECK(f.db->get("/registry/pods/ns/a", 3)->value == "a2");
  CHECK(f.db->get("/registry/pods/ns/a", 4)->mod_revision == 3);
  CHECK(f.db->get("/registry/pods/ns/a", 5).code() == error_code::not_found);
  CHECK(f.db->get("/registry/pods/ns/b", 3).code() == error_code::not_found);
  CHECK(f.db->get("/registry/pods/ns/a", 1).code() == error_code::not_found);

  CHECK(keys_of(f.db->range({"/registry/pods/", 4, 0, {}})->kvs) ==
        std::vector<std::string>{"/registry/pods/ns/a", "/registry/pods/ns/b"});
  CHECK(keys_of(f.db->range({"/registry/pods/", 0, 0, {}})->kvs) ==
        std::vector<std::string>{"/registry/pods/ns/b"});
  CHECK(f.db->range({"/registry/pods/", 0, 0, {}})->rev == 5);

  auto future = f.db->get("/registry/pods/ns/b", 6);
  REQUIRE_FALSE(future);
  CHECK(future.code() == error_code::future_revision);
}

TEST_CASE("prefix ranges stop at the prefix boundary and skip deleted keys") {
  fixture f;
  for (auto key : {"/registry/pods/ns/a", "/registry/pods/ns/a-1", "/registry/pods/ns2/x",
                   "/registry/podsx/ns/a", "/registry/pod"})
    must_apply(*f.db, put_request(key, "v"));
  must_apply(*f.db, remove_request("/registry/pods/ns/a-1"));
  auto all = f.db->range({"/registry/pods/", 0, 0, {}});
  REQUIRE(all);
  CHECK(keys_of(all->kvs) ==
        std::vector<std::string>{"/registry/pods/ns/a", "/registry/pods/ns2/x"});
  CHECK_FALSE(all->more);
  CHECK(all->continue_token.empty());
  CHECK(f.db->range({"", 0, 0, {}})->kvs.size() == 4);
  CHECK(f.db->range({"/registry/nothing/", 0, 0, {}})->kvs.empty());
}

TEST_CASE("continue tokens page through one revision while writes go on") {
  fixture f;
  for (int i = 0; i < 10; ++i)
    must_apply(*f.db, create_request("/registry/pods/ns/p" + std::to_string(i), "v1"));
  auto first = f.db->range({"/registry/pods/ns/", 0, 4, {}});
  REQUIRE(first);
  CHECK(first->rev == 11);
  CHECK(keys_of(first->kvs) ==
        std::vector<std::string>{"/registry/pods/ns/p0", "/registry/pods/ns/p1",
                                 "/registry/pods/ns/p2", "/registry/pods/ns/p3"});
  REQUIRE(first->more);

  // Concurrent writes: delete an item of the next page, add one, update one.
  must_apply(*f.db, remove_request("/registry/pods/ns/p5"));
  must_apply(*f.db, create_request("/registry/pods/ns/p45", "new"));
  must_apply(*f.db, update_request("/registry/pods/ns/p6", "v2"));

  std::vector<key_value> rest;
  std::string token = first->continue_token;
  while (!token.empty()) {
    auto page = f.db->range({"/registry/pods/ns/", 0, 4, token});
    REQUIRE_MESSAGE(page, describe(page.error()));
    CHECK(page->rev == 11);
    rest.insert(rest.end(), page->kvs.begin(), page->kvs.end());
    token = page->continue_token;
    CHECK(page->more == !token.empty());
  }
  CHECK(keys_of(rest) == std::vector<std::string>{"/registry/pods/ns/p4", "/registry/pods/ns/p5",
                                                  "/registry/pods/ns/p6", "/registry/pods/ns/p7",
                                                  "/registry/pods/ns/p8", "/registry/pods/ns/p9"});
  CHECK(rest[2].value == "v1");

  // A fresh listing sees the new state.
  auto now = f.db->range({"/registry/pods/ns/", 0, 0, {}});
  CHECK(now->rev == 14);
  CHECK(now->kvs.size() == 10);
}

TEST_CASE("bad continue tokens are invalid and expired ones are compacted") {
  fixture f;
  for (int i = 0; i < 3; ++i)
    must_apply(*f.db, put_request("/p/" + std::to_string(i), "v"));
  auto first = f.db->range({"/p/", 0, 1, {}});
  REQUIRE(first->more);
  CHECK(f.db->range({"/p/", 0, 1, "nonsense"}).code() == error_code::invalid);
  CHECK(f.db->range({"/q/", 0, 1, first->continue_token}).code() == error_code::invalid);
  CHECK(f.db->range({"/p/", 2, 1, first->continue_token}).code() == error_code::invalid);
  CHECK(f.db->range({"/p/", first->rev, 1, first->continue_token}));

  must_apply(*f.db, put_request("/p/0", "v2"));
  REQUIRE(f.db->compact_to(f.db->stats()->current, 100));
  auto expired = f.db->range({"/p/", 0, 1, first->continue_token});
  REQUIRE_FALSE(expired);
  CHECK(expired.code() == error_code::compacted);
}

TEST_CASE("key history lists every retained version including deletions") {
  fixture f;
  must_apply(*f.db, create_request("/k", "1"));   // 2
  must_apply(*f.db, put_request("/other", "x"));  // 3
  must_apply(*f.db, update_request("/k", "2"));   // 4
  must_apply(*f.db, remove_request("/k"));        // 5
  must_apply(*f.db, create_request("/k", "3"));   // 6
  auto versions = f.db->history("/k");
  REQUIRE(versions);
  REQUIRE(versions->size() == 4);
  CHECK((*versions)[0] == key_version{false, {"/k", 2, 2, 1, "1"}});
  CHECK((*versions)[1] == key_version{false, {"/k", 2, 4, 2, "2"}});
  CHECK((*versions)[2] == key_version{true, {"/k", 0, 5, 0, ""}});
  CHECK((*versions)[3] == key_version{false, {"/k", 6, 6, 1, "3"}});
  CHECK(f.db->history("/k/")->empty());

  auto view = f.db->read(4);
  REQUIRE(view);
  CHECK(view->history("/k")->size() == 2);
}

TEST_CASE("a read view keeps its snapshot while the store moves on") {
  fixture f;
  must_apply(*f.db, put_request("/k", "old"));
  auto view = f.db->read();
  REQUIRE(view);
  must_apply(*f.db, put_request("/k", "new"));
  CHECK(view->get("/k")->value == "old");
  CHECK(view->current() == 2);
  CHECK(f.db->get("/k")->value == "new");
}

}  // namespace kactor::storage
