#include "storage/committer.hpp"

#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <future>
#include <latch>
#include <semaphore>
#include <set>
#include <thread>

#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using namespace std::chrono_literals;
using testing::must_apply;

namespace {

struct fixture {
  testing::temp_dir dir;
  testing::fake_clock clock;
  std::unique_ptr<store> db = testing::open_store(testing::options_for(dir.path(), clock));
};

// Collects the outcomes of submitted requests.
class outcomes {
 public:
  committer::completion slot(std::size_t index) {
    std::lock_guard lock(mutex_);
    if (results_.size() <= index) results_.resize(index + 1);
    return [this, index](result<write_result> r) {
      std::lock_guard lock(mutex_);
      results_[index] = std::move(r);
      ++done_;
      changed_.notify_all();
    };
  }
  // Waits (at most 30 s) until `count` outcomes arrived.
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 30s, [&] { return done_ >= count; });
  }
  result<write_result>& operator[](std::size_t index) { return *results_[index]; }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::optional<result<write_result>>> results_;
  std::size_t done_ = 0;
};

}  // namespace

TEST_CASE("one group commit holds good and failing requests and failures do not affect others") {
  fixture f;
  must_apply(*f.db, create_request("/b", "b1"));  // revision 2
  committer c(*f.db);
  outcomes out;

  // Hold the worker inside the first completion so that the next requests queue up and are
  // taken as one batch.
  std::latch entered(1);
  std::latch release(1);
  REQUIRE(c.submit(put_request("/first", "x"), [&](result<write_result> r) {
    CHECK(r);
    entered.count_down();
    release.wait();
  }));
  entered.wait();
  std::vector<write_request> batch{create_request("/a", "a1"),
                                   create_request("/a", "again"),
                                   update_request("/b", "b2", revision{1}),
                                   put_request("/c", "c1"),
                                   remove_request("/missing"),
                                   write_request{},
                                   update_request("/b", "b2", revision{2})};
  for (std::size_t i = 0; i < batch.size(); ++i)
    REQUIRE(c.submit(batch[i], out.slot(i)));
  release.count_down();
  REQUIRE(out.wait_for(batch.size()));

  CHECK(c.stats().batches == 2);
  CHECK(out[0]->rev == 4);
  CHECK(out[1].code() == error_code::already_exists);
  CHECK(out[2].code() == error_code::conflict);
  CHECK(out[3]->rev == 5);
  CHECK(out[4].code() == error_code::not_found);
  CHECK(out[5].code() == error_code::invalid);
  CHECK(out[6]->rev == 6);
  CHECK(f.db->get("/a")->value == "a1");
  CHECK(f.db->get("/b")->value == "b2");
  CHECK(f.db->stats()->current == 6);
}

TEST_CASE("a completion runs after its write is committed and visible") {
  fixture f;
  committer c(*f.db);
  std::promise<std::string> seen;
  REQUIRE(c.submit(put_request("/k", "v"), [&](result<write_result> r) {
    REQUIRE(r);
    auto now = f.db->get("/k");
    seen.set_value(now ? now->value : describe(now.error()));
  }));
  auto future = seen.get_future();
  REQUIRE(future.wait_for(30s) == std::future_status::ready);
  CHECK(future.get() == "v");
}

TEST_CASE("concurrent submitters all get distinct, gap-free revisions") {
  fixture f;
  committer c(*f.db);
  constexpr int threads = 8;
  constexpr int per_thread = 50;
  outcomes out;
  std::vector<std::thread> submitters;
  for (int t = 0; t < threads; ++t)
    submitters.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        auto index = static_cast<std::size_t>(t * per_thread + i);
        auto key = "/registry/pods/ns/p" + std::to_string(index);
        CHECK(c.submit(create_request(key, "v"), out.slot(index)));
      }
    });
  for (auto& s : submitters)
    s.join();
  REQUIRE(out.wait_for(threads * per_thread));
  std::set<revision> revisions;
  for (std::size_t i = 0; i < threads * per_thread; ++i) {
    REQUIRE(out[i]);
    revisions.insert(out[i]->rev);
  }
  CHECK(revisions.size() == threads * per_thread);
  CHECK(*revisions.begin() == 2);
  CHECK(*revisions.rbegin() == 1 + threads * per_thread);
  CHECK(c.stats().requests == threads * per_thread);
}

TEST_CASE("stop commits what is queued and refuses what comes later") {
  fixture f;
  outcomes out;
  committer c(*f.db);
  for (std::size_t i = 0; i < 20; ++i)
    REQUIRE(c.submit(put_request("/k" + std::to_string(i), "v"), out.slot(i)));
  c.stop();
  CHECK(out.wait_for(20));
  CHECK(f.db->stats()->current == 21);
  bool ran = false;
  auto refused = c.submit(put_request("/late", "v"), [&](result<write_result>) { ran = true; });
  CHECK(refused.code() == error_code::unavailable);
  CHECK_FALSE(ran);
}

TEST_CASE("a throwing completion does not stop the committer") {
  fixture f;
  committer c(*f.db);
  outcomes out;
  REQUIRE(c.submit(put_request("/a", "v"),
                   [](result<write_result>) { throw std::runtime_error("boom"); }));
  REQUIRE(c.submit(put_request("/b", "v"), out.slot(0)));
  REQUIRE(out.wait_for(1));
  CHECK(out[0]->rev == 3);
}

TEST_CASE("the committer compacts history that left the window, between batches") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  options.history_window = 1min;
  auto db = testing::open_store(options);
  for (int i = 0; i < 30; ++i)
    must_apply(*db, put_request("/k", std::to_string(i)));
  clock.advance(2min);
  committer c(*db, committer_options{1024, 16 << 20, 1h, 7});
  c.request_compaction();
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (db->stats()->compacted != 31 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
  CHECK(db->stats()->compacted == 31);
  CHECK(c.stats().compaction_steps >= 5);  // 30 operations, 7 per step
  CHECK(db->history("/k")->size() == 1);
}

namespace {

// The child side of the crash test: writes two keys per request through a committer forever,
// reporting each acknowledged request index on `fd`. Never returns.
[[noreturn]] void write_until_killed(const std::filesystem::path& dir, int fd) {
  store_options options;
  options.data_dir = dir;
  auto db = store::open(options);
  if (!db) _exit(2);
  committer c(**db);
  std::counting_semaphore<64> in_flight(64);
  for (std::uint64_t i = 0;; ++i) {
    in_flight.acquire();
    write_request req;
    req.ops = {{operation::kind::put, "/crash/a/" + std::to_string(i), std::to_string(i)},
               {operation::kind::put, "/crash/b/" + std::to_string(i), std::to_string(i)}};
    auto st = c.submit(std::move(req), [&, i](result<write_result> r) {
      if (r && ::write(fd, &i, sizeof i) != sizeof i) _exit(3);
      in_flight.release();
    });
    if (!st) _exit(4);
  }
}

// Reads one acknowledged index; false on EOF or after 30 s without data.
bool read_ack(int fd, std::uint64_t& index) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 30'000) != 1) return false;
  return ::read(fd, &index, sizeof index) == sizeof index;
}

std::set<std::string> suffixes(store& db, const std::string& prefix) {
  std::set<std::string> out;
  auto listed = db.range({prefix, 0, 0, {}});
  REQUIRE(listed);
  for (const auto& kv : listed->kvs)
    out.insert(kv.key.substr(prefix.size()));
  return out;
}

}  // namespace

TEST_CASE("every acknowledged write survives kill -9 and unacknowledged ones are all or nothing") {
  testing::temp_dir dir;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    write_until_killed(dir.path(), fds[1]);
  }
  ::close(fds[1]);
  std::set<std::uint64_t> acked;
  std::uint64_t index = 0;
  while (acked.size() < 300 && read_ack(fds[0], index))
    acked.insert(index);
  ::kill(child, SIGKILL);
  int wstatus = 0;
  REQUIRE(::waitpid(child, &wstatus, 0) == child);
  CHECK(WIFSIGNALED(wstatus));
  while (read_ack(fds[0], index))
    acked.insert(index);  // acknowledged before the kill
  ::close(fds[0]);
  REQUIRE(acked.size() >= 300);

  store_options options;
  options.data_dir = dir.path();
  auto db = testing::open_store(options);
  for (auto i : acked) {
    CHECK(db->get("/crash/a/" + std::to_string(i))->value == std::to_string(i));
    CHECK(db->get("/crash/b/" + std::to_string(i))->value == std::to_string(i));
  }
  auto a = suffixes(*db, "/crash/a/");
  CHECK(a == suffixes(*db, "/crash/b/"));
  CHECK(db->stats()->current == a.size() + 1);
}

}  // namespace kactor::storage
