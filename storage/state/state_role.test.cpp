#include "storage/state/state_role.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "storage/state/testing/objects.hpp"
#include "storage/state/testing/role_fixture.hpp"

namespace kactor::state {

namespace {

using namespace kactor::state::testing;

v1::CreateRequest create_pod(const std::string& name, const std::string& node = "",
                             const std::string& image = "host:v1") {
  v1::CreateRequest req;
  *req.mutable_ref() = wire_ref("", "pods", "default", name);
  req.set_object(pod("default", name, node, image));
  return req;
}

v1::UpdateRequest update_pod(const std::string& name, const std::string& node,
                             const std::string& image, std::uint64_t expected) {
  v1::UpdateRequest req;
  *req.mutable_ref() = wire_ref("", "pods", "default", name);
  req.set_object(pod("default", name, node, image));
  req.set_expected_revision(expected);
  return req;
}

v1::DeleteRequest delete_pod(const std::string& name, std::uint64_t expected = 0) {
  v1::DeleteRequest req;
  *req.mutable_ref() = wire_ref("", "pods", "default", name);
  req.set_expected_revision(expected);
  return req;
}

v1::GetRequest get_pod(const std::string& name, std::uint64_t rev = 0) {
  v1::GetRequest req;
  *req.mutable_ref() = wire_ref("", "pods", "default", name);
  req.set_revision(rev);
  return req;
}

constexpr auto ok = v1::Error::CODE_UNSPECIFIED;

}  // namespace

TEST_CASE_FIXTURE(role_fixture, "every state command over the bus") {
  auto created = ask<v1::WriteReply>(verbs::create, create_pod("web"));
  REQUIRE(created.error().code() == ok);
  CHECK(rv_of(created.object()) == std::to_string(created.revision()));

  auto got = ask<v1::GetReply>(verbs::get, get_pod("web"));
  REQUIRE(got.error().code() == ok);
  CHECK(got.mod_revision() == created.revision());
  CHECK(rv_of(got.object()) == std::to_string(created.revision()));

  auto updated =
      ask<v1::WriteReply>(verbs::update, update_pod("web", "", "host:v2", created.revision()));
  REQUIRE(updated.error().code() == ok);
  CHECK(updated.revision() == created.revision() + 1);

  v1::ListRequest list;
  list.set_resource("pods");
  list.set_namespace_("default");
  auto listed = ask<v1::ListReply>(verbs::list, list);
  REQUIRE(listed.items_size() == 1);
  CHECK(image_of(listed.items(0).object()) == "host:v2");
  CHECK(listed.revision() == updated.revision());

  v1::TxnRequest txn;
  *txn.add_ops()->mutable_create() = create_pod("a");
  *txn.add_ops()->mutable_delete_() = delete_pod("web", updated.revision());
  auto committed = ask<v1::TxnReply>(verbs::txn, txn);
  REQUIRE(committed.error().code() == ok);
  CHECK(committed.results_size() == 2);
  CHECK(committed.revision() == updated.revision() + 1);

  v1::HistoryRequest history;
  *history.mutable_ref() = wire_ref("", "pods", "default", "web");
  auto versions = ask<v1::HistoryReply>(verbs::history, history);
  REQUIRE(versions.entries_size() == 3);
  CHECK(versions.entries(2).deleted());

  v1::RangeRequest range;
  range.set_prefix("/registry/pods/");
  range.set_keys_only(true);
  auto keys = ask<v1::RangeReply>(verbs::range, range);
  REQUIRE(keys.kvs_size() == 1);
  CHECK(keys.kvs(0).key() == "/registry/pods/default/a");

  v1::WatchFromRequest watch;
  watch.set_resource("pods");
  watch.set_after_revision(created.revision() - 1);
  auto changes = ask<v1::WatchFromReply>(verbs::watch_from, watch);
  REQUIRE(changes.events_size() == 4);
  CHECK(changes.events(0).type() == v1::WatchEvent::ADDED);
  CHECK(changes.events(1).type() == v1::WatchEvent::MODIFIED);
  CHECK(changes.events(3).revision() == committed.revision());

  auto status = ask<v1::StatusReply>(verbs::status, v1::StatusRequest{});
  CHECK(status.revision() == committed.revision());
  CHECK(status.keys() == 1);
  CHECK(status.version() == "test");
  CHECK(status.epoch() == role->epoch());
  CHECK(status.db_size_bytes() > 0);

  v1::CompactRequest compact;
  compact.set_revision(committed.revision());
  CHECK(ask<v1::CompactReply>(verbs::compact, compact).compacted_revision() ==
        committed.revision());
  CHECK(ask<v1::StatusReply>(verbs::status, v1::StatusRequest{}).compacted_revision() ==
        committed.revision());
}

TEST_CASE_FIXTURE(role_fixture, "every error code over the bus") {
  auto created = ask<v1::WriteReply>(verbs::create, create_pod("web"));
  REQUIRE(created.error().code() == ok);
  CHECK(ask<v1::WriteReply>(verbs::create, create_pod("web")).error().code() ==
        v1::Error::ALREADY_EXISTS);
  CHECK(ask<v1::GetReply>(verbs::get, get_pod("nope")).error().code() == v1::Error::NOT_FOUND);
  CHECK(ask<v1::WriteReply>(verbs::remove, delete_pod("nope")).error().code() ==
        v1::Error::NOT_FOUND);

  auto conflict =
      ask<v1::WriteReply>(verbs::update, update_pod("web", "", "host:v2", created.revision() - 1));
  CHECK(conflict.error().code() == v1::Error::CONFLICT);
  CHECK(conflict.error().revision() == created.revision());

  auto mismatch = create_pod("db");
  mismatch.mutable_ref()->set_name("other");
  CHECK(ask<v1::WriteReply>(verbs::create, mismatch).error().code() == v1::Error::INVALID);
  auto malformed =
      client->request_blocking(verbs::subject(verbs::create), "\xff\xff", std::chrono::seconds(10));
  REQUIRE(malformed);
  v1::WriteReply reply;
  REQUIRE(reply.ParseFromString(*malformed));
  CHECK(reply.error().code() == v1::Error::INVALID);

  auto huge = create_pod("huge", "", std::string(1600 * 1024, 'x'));
  auto too_large = ask<v1::WriteReply>(verbs::create, huge);
  CHECK(too_large.error().code() == v1::Error::TOO_LARGE);
  CHECK(ask<v1::GetReply>(verbs::get, get_pod("huge")).error().code() == v1::Error::NOT_FOUND);

  auto second = ask<v1::WriteReply>(verbs::create, create_pod("db"));
  ask<v1::WriteReply>(verbs::create, create_pod("cache"));
  v1::CompactRequest compact;
  compact.set_revision(second.revision());
  ask<v1::CompactReply>(verbs::compact, compact);
  v1::WatchFromRequest watch;
  watch.set_resource("pods");
  watch.set_after_revision(created.revision());
  auto compacted = ask<v1::WatchFromReply>(verbs::watch_from, watch);
  CHECK(compacted.error().code() == v1::Error::COMPACTED);
  CHECK(compacted.error().revision() == second.revision());
  CHECK(ask<v1::GetReply>(verbs::get, get_pod("web", created.revision())).error().code() ==
        v1::Error::COMPACTED);
  CHECK(ask<v1::GetReply>(verbs::get, get_pod("web", second.revision() + 100)).error().code() ==
        v1::Error::NOT_FOUND);
}

TEST_CASE_FIXTURE(role_fixture, "a full store answers STORAGE_FULL and keeps serving reads") {
  storage::testing::temp_dir small;
  auto o = options();
  o.data_dir = small.path();
  o.store.initial_map_bytes = 256 << 10;
  o.store.max_map_bytes = 256 << 10;
  start(o);
  std::string big(60 << 10, 'x');
  v1::Error::Code last = ok;
  int stored = 0;
  for (int i = 0; i < 20 && last == ok; ++i) {
    last = ask<v1::WriteReply>(verbs::create, create_pod(numbered("p", i), "", big)).error().code();
    if (last == ok) ++stored;
  }
  CHECK(last == v1::Error::STORAGE_FULL);
  CHECK(stored > 0);
  CHECK(ask<v1::GetReply>(verbs::get, get_pod("p0")).error().code() == ok);
  CHECK(ask<v1::StatusReply>(verbs::status, v1::StatusRequest{}).keys() ==
        static_cast<unsigned>(stored));
}

TEST_CASE_FIXTURE(role_fixture,
                  "concurrent writes publish in revision order with contiguous sequences") {
  subscribe("kactor.v1.events.>");
  caf::scoped_actor requester{sys};
  constexpr int writes = 200;
  for (int i = 0; i < writes; ++i) {
    std::string bytes;
    std::string_view verb;
    if (i % 4 == 3) {  // every fourth write is a deployment: a stream of its own
      v1::CreateRequest req;
      *req.mutable_ref() = wire_ref("apps", "deployments", "default", numbered("d", i));
      req.set_object(deployment("default", numbered("d", i)));
      bytes = req.SerializeAsString();
    } else {
      bytes = create_pod(numbered("p", i)).SerializeAsString();
    }
    auto id = client->request(verbs::subject(verbs::create), bytes, std::chrono::seconds(30),
                              caf::actor_cast<caf::actor>(requester));
    REQUIRE(id);
  }
  std::set<std::uint64_t> acknowledged;
  for (int i = 0; i < writes; ++i) {
    auto msg = kactor::testing::await_atom(requester, bus::reply_atom::value);
    REQUIRE(msg.match_elements<bus::reply_atom, std::uint64_t, std::string>());
    v1::WriteReply reply;
    REQUIRE(reply.ParseFromString(msg.get_as<std::string>(2)));
    REQUIRE(reply.error().code() == ok);
    acknowledged.insert(reply.revision());
  }
  CHECK(acknowledged.size() == writes);

  std::map<std::string, std::uint64_t> last_sequence;  // by resource
  std::set<std::uint64_t> published;
  std::uint64_t last_revision = 0, epoch = 0;
  for (int i = 0; i < writes; ++i) {
    auto ev = next_change();
    REQUIRE(ev);
    const auto& [subject, event] = *ev;
    CHECK(event.revision() > last_revision);
    last_revision = event.revision();
    CHECK(event.sequence() == last_sequence[event.resource()] + 1);
    last_sequence[event.resource()] = event.sequence();
    if (epoch == 0) epoch = event.epoch();
    CHECK(event.epoch() == epoch);
    CHECK(event.type() == v1::WatchEvent::ADDED);
    CHECK(subject.ends_with("." + event.name()));
    published.insert(event.revision());
    if (event.resource() == "pods")
      CHECK(rv_of(event.object()) == std::to_string(event.revision()));
  }
  CHECK(published == acknowledged);
  CHECK(last_sequence["pods"] == 150);
  CHECK(last_sequence["deployments"] == 50);
  CHECK(epoch == role->epoch());
}

TEST_CASE_FIXTURE(role_fixture, "pods bound to a node are copied to the node's stream") {
  subscribe("kactor.v1.nodes.*.pods.default.*");
  auto created = ask<v1::WriteReply>(verbs::create, create_pod("web", "node1"));
  auto ev = next_event();
  REQUIRE(ev);
  CHECK(ev->first == "kactor.v1.nodes.node1.pods.default.web");
  CHECK(ev->second.type() == v1::WatchEvent::ADDED);
  CHECK(ev->second.sequence() == 1);
  CHECK(ev->second.revision() == created.revision());

  auto moved = ask<v1::WriteReply>(verbs::update, update_pod("web", "node2", "host:v1", 0));
  auto left = next_event();
  auto arrived = next_event();
  REQUIRE(left);
  REQUIRE(arrived);
  CHECK(left->first == "kactor.v1.nodes.node1.pods.default.web");
  CHECK(left->second.type() == v1::WatchEvent::DELETED);
  CHECK(left->second.sequence() == 2);
  CHECK(left->second.revision() == moved.revision());
  CHECK(arrived->first == "kactor.v1.nodes.node2.pods.default.web");
  CHECK(arrived->second.type() == v1::WatchEvent::ADDED);
  CHECK(arrived->second.sequence() == 1);

  ask<v1::WriteReply>(verbs::create, create_pod("unbound"));
  auto deleted = ask<v1::WriteReply>(verbs::remove, delete_pod("web"));
  auto gone = next_event();
  REQUIRE(gone);
  CHECK(gone->first == "kactor.v1.nodes.node2.pods.default.web");
  CHECK(gone->second.type() == v1::WatchEvent::DELETED);
  CHECK(gone->second.revision() == deleted.revision());
  CHECK(gone->second.sequence() == 2);
}

TEST_CASE_FIXTURE(role_fixture, "bookmarks carry each stream's last sequence and the revision") {
  subscribe("kactor.v1.events.core.pods._bookmark");
  subscribe("kactor.v1.nodes.node1.pods._bookmark");
  ask<v1::WriteReply>(verbs::create, create_pod("a", "node1"));
  auto second = ask<v1::WriteReply>(verbs::create, create_pod("b"));
  bool pods = false, node = false;
  while (!(pods && node)) {
    auto ev = next_event();
    REQUIRE(ev);
    CHECK(ev->second.type() == v1::WatchEvent::BOOKMARK);
    CHECK(ev->second.epoch() == role->epoch());
    if (ev->first.starts_with("kactor.v1.events") && ev->second.sequence() == 2) {
      CHECK(ev->second.revision() >= second.revision());
      pods = true;
    }
    if (ev->first.starts_with("kactor.v1.nodes") && ev->second.sequence() == 1) {
      CHECK(ev->second.revision() >= second.revision());
      node = true;
    }
  }
}

TEST_CASE_FIXTURE(role_fixture,
                  "a restart keeps the data, changes the epoch and restarts sequences") {
  subscribe("kactor.v1.events.core.pods.>");
  auto first = ask<v1::WriteReply>(verbs::create, create_pod("a"));
  auto before = next_change();
  REQUIRE(before);
  auto old_epoch = role->epoch();
  auto o = options();
  o.epoch = old_epoch + 1;
  start(o);
  CHECK(ask<v1::GetReply>(verbs::get, get_pod("a")).mod_revision() == first.revision());
  auto second = ask<v1::WriteReply>(verbs::create, create_pod("b"));
  CHECK(second.revision() == first.revision() + 1);
  auto after = next_change();
  REQUIRE(after);
  CHECK(after->second.epoch() == old_epoch + 1);
  CHECK(after->second.sequence() == 1);
  CHECK(after->second.revision() == second.revision());
}

TEST_CASE("a corrupt or foreign data directory is refused at start with a clear error") {
  storage::testing::temp_dir dir;
  std::filesystem::create_directories(state_store_dir(dir.path()));
  std::ofstream(state_store_dir(dir.path()) / "data.mdb") << std::string(8192, 'z');
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  state_role_options options;
  options.data_dir = dir.path();
  options.nats_url = "nats://127.0.0.1:1";
  auto role = start_state_role(sys, options);
  REQUIRE_FALSE(role);
  CHECK(code_of(role.error()) == errc::store);
  auto text = describe(role.error());
  CHECK_MESSAGE(text.find(state_store_dir(dir.path()).string()) != std::string::npos, text);
  CHECK_MESSAGE(text.find("corrupt") != std::string::npos, text);

  options.data_dir.clear();
  auto missing = start_state_role(sys, options);
  REQUIRE_FALSE(missing);
  CHECK(code_of(missing.error()) == errc::invalid_options);
}

}  // namespace kactor::state
