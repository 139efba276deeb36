#include "storage/schema.hpp"

#include <doctest/doctest.h>

#include "storage/encoding.hpp"
#include "storage/store.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using testing::must_apply;

// The worked example of docs/storage.md, checked byte for byte through the raw LMDB layer.
TEST_CASE("the LMDB layout is the one docs/storage.md describes") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  const std::string pod = "/registry/pods/default/web-1";
  const std::string svc = "/registry/services/default/web";
  {
    auto db = testing::open_store(options);
    must_apply(*db, create_request(pod, "P1"));
    must_apply(*db, update_request(pod, "P2", revision{2}));
    write_request txn;
    txn.ops = {{operation::kind::remove, pod, {}}, {operation::kind::put, svc, "S1"}};
    must_apply(*db, txn);
  }
  auto environment = lmdb::env::open({dir.path(), 0, 4});
  REQUIRE(environment);
  auto tx = lmdb::txn::begin(*environment, false);
  REQUIRE(tx);
  auto t = open_tables(*tx, false);
  REQUIRE(t);
  CHECK(**tx->get(t->meta, "schema") == "kactor.storage/v1");
  CHECK(*read_meta(*tx, *t) == meta_state{4, 0, 1});

  using encoding::encode_revision;
  using encoding::history_key;
  auto be = [](std::uint64_t v) { return encode_revision(v); };
  auto put_record = [&](revision created, std::int64_t version, std::string_view value) {
    std::string out(1, '\x01');
    out += be(created);
    out += be(static_cast<std::uint64_t>(version));
    out += value;
    return out;
  };
  CHECK(history_key(pod, 2) == pod + std::string(1, '\0').append(be(2)));
  CHECK(**tx->get(t->history, history_key(pod, 2)) == put_record(2, 1, "P1"));
  CHECK(**tx->get(t->history, history_key(pod, 3)) == put_record(2, 2, "P2"));
  CHECK(**tx->get(t->history, history_key(pod, 4)) == "\x02");
  CHECK(**tx->get(t->history, history_key(svc, 4)) == put_record(4, 1, "S1"));
  CHECK(*tx->size(t->history) == 4);

  auto entry = encoding::decode_log_entry(**tx->get(t->log, be(4)));
  REQUIRE(entry);
  CHECK(entry->ops ==
        std::vector<encoding::log_op>{{event::kind::remove, pod, 3}, {event::kind::put, svc, 0}});
  CHECK(*tx->size(t->log) == 3);
}

TEST_CASE("a read-only look at an empty environment is not a kactor store") {
  testing::temp_dir dir;
  auto environment = lmdb::env::open({dir.path(), 1 << 20, 4});
  REQUIRE(environment);
  auto tx = lmdb::txn::begin(*environment, false);
  REQUIRE(tx);
  auto t = open_tables(*tx, false);
  REQUIRE_FALSE(t);
  CHECK(t.code() == error_code::corrupt);
}

}  // namespace kactor::storage
