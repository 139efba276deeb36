#include "storage/state/write_plan.hpp"

#include <doctest/doctest.h>

#include "storage/state/reply_error.hpp"
#include "storage/state/state_verbs.hpp"
#include "storage/state/testing/objects.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::state {

namespace {

using namespace kactor::state::testing;

struct fixture {
  storage::testing::temp_dir dir;
  storage::testing::fake_clock clock;
  std::unique_ptr<storage::store> db =
      storage::testing::open_store(storage::testing::options_for(dir.path(), clock));

  revision_lookup lookup = [this](const std::string& key) -> std::optional<storage::revision> {
    auto kv = db->get(key);
    if (!kv) return std::nullopt;
    return kv->mod_revision;
  };

  // Plans, applies and answers like the state actor, without the bus.
  template <class Reply, class Request>
  Reply run(std::string_view verb, const Request& request) {
    int failed = 0;
    auto plan =
        plan_write(verb, request.SerializeAsString(), keys(), db->options().limits, &failed);
    Reply reply;
    if (!plan) {
      REQUIRE(reply.ParseFromString(rejection_reply(verb, to_bus_error(plan.error()), failed)));
      return reply;
    }
    REQUIRE(reply.ParseFromString(write_reply(*plan, db->apply(plan->request), lookup)));
    return reply;
  }
};

v1::ObjectRef pod_ref(const std::string& name, const std::string& ns = "default") {
  v1::ObjectRef r;
  r.set_resource("pods");
  r.set_namespace_(ns);
  r.set_name(name);
  return r;
}

v1::CreateRequest create(const std::string& name, const std::string& image = "host:v1") {
  v1::CreateRequest req;
  *req.mutable_ref() = pod_ref(name);
  req.set_object(pod("default", name, "", image));
  return req;
}

v1::UpdateRequest update(const std::string& name, const std::string& image,
                         std::uint64_t expected) {
  v1::UpdateRequest req;
  *req.mutable_ref() = pod_ref(name);
  req.set_object(pod("default", name, "", image));
  req.set_expected_revision(expected);
  return req;
}

v1::DeleteRequest remove(const std::string& name, std::uint64_t expected = 0) {
  v1::DeleteRequest req;
  *req.mutable_ref() = pod_ref(name);
  req.set_expected_revision(expected);
  return req;
}

}  // namespace

TEST_CASE_FIXTURE(fixture,
                  "create, update and delete reply the stored object with its resourceVersion") {
  auto created = run<v1::WriteReply>(verbs::create, create("web"));
  REQUIRE(created.error().code() == v1::Error::CODE_UNSPECIFIED);
  CHECK(created.revision() == 2);
  CHECK(rv_of(created.object()) == "2");

  auto updated = run<v1::WriteReply>(verbs::update, update("web", "host:v2", 2));
  REQUIRE(updated.error().code() == v1::Error::CODE_UNSPECIFIED);
  CHECK(updated.revision() == 3);
  CHECK(image_of(updated.object()) == "host:v2");
  CHECK(rv_of(updated.object()) == "3");

  auto unconditional = run<v1::WriteReply>(verbs::update, update("web", "host:v3", 0));
  CHECK(unconditional.revision() == 4);

  auto deleted = run<v1::WriteReply>(verbs::remove, remove("web", 4));
  REQUIRE(deleted.error().code() == v1::Error::CODE_UNSPECIFIED);
  CHECK(deleted.revision() == 5);
  CHECK(image_of(deleted.object()) == "host:v3");
  CHECK(rv_of(deleted.object()) == "5");
}

TEST_CASE_FIXTURE(fixture, "write preconditions fail with typed errors") {
  run<v1::WriteReply>(verbs::create, create("web"));
  CHECK(run<v1::WriteReply>(verbs::create, create("web")).error().code() ==
        v1::Error::ALREADY_EXISTS);
  auto conflict = run<v1::WriteReply>(verbs::update, update("web", "host:v2", 1));
  CHECK(conflict.error().code() == v1::Error::CONFLICT);
  CHECK(conflict.error().revision() == 2);
  CHECK(run<v1::WriteReply>(verbs::update, update("db", "host:v2", 0)).error().code() ==
        v1::Error::NOT_FOUND);
  CHECK(run<v1::WriteReply>(verbs::remove, remove("db")).error().code() == v1::Error::NOT_FOUND);
  auto stale_delete = run<v1::WriteReply>(verbs::remove, remove("web", 7));
  CHECK(stale_delete.error().code() == v1::Error::CONFLICT);
  CHECK(stale_delete.error().revision() == 2);
}

TEST_CASE_FIXTURE(fixture, "bad requests are INVALID or TOO_LARGE before anything is written") {
  auto wrong_name = create("web");
  wrong_name.set_object(pod("default", "other"));
  auto reply = run<v1::WriteReply>(verbs::create, wrong_name);
  CHECK(reply.error().code() == v1::Error::INVALID);
  CHECK(reply.error().message() == "metadata.name \"other\" does not match the name \"web\"");

  auto garbage = create("web");
  garbage.set_object("\xff\xff\xff\xff");
  CHECK(run<v1::WriteReply>(verbs::create, garbage).error().code() == v1::Error::INVALID);

  auto unknown = create("web");
  unknown.mutable_ref()->set_resource("widgets");
  CHECK(run<v1::WriteReply>(verbs::create, unknown).error().code() == v1::Error::INVALID);

  auto huge = create("web", std::string(1600 * 1024, 'x'));
  auto too_large = run<v1::WriteReply>(verbs::create, huge);
  CHECK(too_large.error().code() == v1::Error::TOO_LARGE);

  int failed = 0;
  auto malformed = plan_write(verbs::update, "\xff\xff", keys(), db->options().limits, &failed);
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().message == "malformed UpdateRequest");
  CHECK(db->stats()->current == 1);
}

TEST_CASE_FIXTURE(fixture, "a txn applies all its ops at one revision or none") {
  run<v1::WriteReply>(verbs::create, create("old"));
  v1::TxnRequest txn;
  *txn.add_ops()->mutable_create() = create("a");
  *txn.add_ops()->mutable_update() = update("old", "host:v2", 2);
  *txn.add_ops()->mutable_delete_() = remove("old", 0);
  auto dup = run<v1::TxnReply>(verbs::txn, txn);  // "old" twice
  CHECK(dup.error().code() == v1::Error::INVALID);
  CHECK(dup.failed_op() == -1);

  txn.mutable_ops()->RemoveLast();
  *txn.add_ops()->mutable_create() = create("b");
  auto done = run<v1::TxnReply>(verbs::txn, txn);
  REQUIRE(done.error().code() == v1::Error::CODE_UNSPECIFIED);
  CHECK(done.failed_op() == -1);
  CHECK(done.revision() == 3);
  REQUIRE(done.results_size() == 3);
  for (const auto& r : done.results()) {
    CHECK(r.revision() == 3);
    CHECK(rv_of(r.object()) == "3");
  }
  CHECK(image_of(done.results(1).object()) == "host:v2");

  v1::TxnRequest failing;
  *failing.add_ops()->mutable_create() = create("c");
  *failing.add_ops()->mutable_update() = update("old", "host:v3", 2);  // stale: now at 3
  auto conflict = run<v1::TxnReply>(verbs::txn, failing);
  CHECK(conflict.error().code() == v1::Error::CONFLICT);
  CHECK(conflict.failed_op() == 1);
  CHECK(conflict.error().revision() == 3);
  CHECK(conflict.results_size() == 0);
  CHECK_FALSE(db->get("/registry/pods/default/c"));

  v1::TxnRequest bad_op;
  *bad_op.add_ops()->mutable_create() = create("d");
  auto wrong = create("e");
  wrong.mutable_ref()->set_namespace_("");
  *bad_op.add_ops()->mutable_create() = wrong;
  auto invalid = run<v1::TxnReply>(verbs::txn, bad_op);
  CHECK(invalid.error().code() == v1::Error::INVALID);
  CHECK(invalid.failed_op() == 1);
  CHECK(invalid.error().message().starts_with("txn op 1: "));

  CHECK(run<v1::TxnReply>(verbs::txn, v1::TxnRequest{}).error().code() == v1::Error::INVALID);
}

}  // namespace kactor::state
