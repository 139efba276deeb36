#include "gateway/http/stream_channel.hpp"

#include <doctest/doctest.h>

#include <thread>

#include "gateway/http/stream.hpp"

using namespace kactor::http;

TEST_CASE("chunks come out in write order; wake-ups are coalesced until take()") {
  int wakes = 0;
  auto ch = std::make_shared<stream_channel>(1024, [&] { ++wakes; });
  stream s{ch};
  CHECK(s.write("a"));
  CHECK(s.write("bc"));
  CHECK(s.write(""));  // ignored: an empty chunk would end the body
  CHECK(wakes == 1);
  auto first = ch->take();
  CHECK(first.chunks == std::vector<std::string>{"a", "bc"});
  CHECK_FALSE(first.end);
  CHECK_FALSE(first.dropped);
  CHECK(s.write("d"));
  CHECK(wakes == 2);
  CHECK(ch->take().chunks == std::vector<std::string>{"d"});
}

TEST_CASE("end() closes for writing, keeps what is queued and runs on_close once via fire()") {
  int closes = 0;
  auto ch = std::make_shared<stream_channel>(1024, [] {});
  stream s{ch};
  s.on_close([&] { ++closes; });
  CHECK(s.write("last"));
  s.end();
  s.end();
  CHECK(s.closed());
  CHECK_FALSE(s.write("late"));
  CHECK(closes == 0);  // never inside end(): the connection runs the callbacks
  auto b = ch->take();
  CHECK(b.chunks == std::vector<std::string>{"last"});
  CHECK(b.end);
  CHECK_FALSE(b.dropped);
  ch->fire();
  ch->fire();
  ch->close();
  CHECK(closes == 1);
  s.on_close([&] { closes += 10; });  // already closed: runs at once
  CHECK(closes == 11);
}

TEST_CASE("a write past the queue limit drops the stream; written() frees room") {
  int closes = 0;
  int wakes = 0;
  auto ch = std::make_shared<stream_channel>(10, [&] { ++wakes; });
  stream s{ch};
  s.on_close([&] { ++closes; });
  CHECK(s.write("12345"));
  CHECK(s.write("67890"));
  CHECK(ch->take().chunks.size() == 2);
  ch->written(5);  // the socket took the first chunk: 5 bytes still count
  CHECK(s.write("abcde"));
  CHECK(wakes == 2);
  CHECK_FALSE(ch->dropped());
  CHECK_FALSE(s.write("f"));  // 11 > 10
  CHECK(wakes == 3);          // a drop wakes the connection although a wake-up is pending
  CHECK(ch->dropped());
  CHECK(s.closed());
  auto b = ch->take();
  CHECK(b.dropped);
  CHECK(b.chunks.empty());
  CHECK(closes == 0);
  ch->fire();
  CHECK(closes == 1);
}

TEST_CASE("close() from the connection runs the callbacks on its thread") {
  auto ch = std::make_shared<stream_channel>(1024, [] {});
  stream s{ch};
  std::thread::id ran_on;
  s.on_close([&] { ran_on = std::this_thread::get_id(); });
  std::thread connection{[&] { ch->close(); }};
  auto connection_id = connection.get_id();
  connection.join();
  CHECK(ran_on == connection_id);
  CHECK(s.closed());
  CHECK_FALSE(s.write("x"));
}

TEST_CASE("writers on several threads lose nothing and keep each thread's order") {
  auto ch = std::make_shared<stream_channel>(1 << 20, [] {});
  stream s{ch};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([s, t] {
      for (int i = 0; i < 1000; ++i)
        REQUIRE(s.write(std::to_string(t) + ":" + std::to_string(i)));
    });
  std::vector<std::string> all;
  for (auto& w : writers)
    w.join();
  for (auto& c : ch->take().chunks)
    all.push_back(c);
  REQUIRE(all.size() == 4000);
  std::vector<int> next(4, 0);
  for (auto& c : all) {
    int t = c[0] - '0';
    CHECK(c == std::to_string(t) + ":" + std::to_string(next[t]++));
  }
}
