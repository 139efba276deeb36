// bench_bus_rpc: request/reply and bulk publish through the bus wrapper, against a real
// nats-server on 127.0.0.1 (started here unless --url names one).
//
// Measures, for a default connection and a low-latency (SendAsap) one:
//   - sequential request/reply (one in flight) through an event-based responder actor:
//     round trips per second, p50 and p99 latency;
//   - pipelined request/reply (--pipeline in flight): round trips per second;
//   - bulk publish of --messages payloads of --size bytes: publish rate until the server has
//     them all (flush), and the rate at which they reach a subscribed actor.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <caf/all.hpp>

#include "actors/bus/connection.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

namespace bus = kactor::bus;
using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

using start_atom = caf::atom_constant<caf::atom("start")>;
using done_atom = caf::atom_constant<caf::atom("done")>;

struct rpc_state {
  std::unordered_map<uint64_t, clock_type::time_point> started;
  std::vector<double> latencies_us;
  int sent = 0;
  clock_type::time_point begin;
};

// Keeps `in_flight` requests outstanding until `total` were answered, then sends
// (done_atom, round trips per second, p50 us, p99 us) to `report`.
caf::behavior requester(caf::stateful_actor<rpc_state>* self, std::shared_ptr<bus::connection> conn,
                        int total, int in_flight, caf::actor report) {
  auto send_one = [=] {
    auto id = conn->request("bench.echo", "ping", 10s, caf::actor_cast<caf::actor>(self));
    if (!id) {
      std::fprintf(stderr, "request failed: %s\n", bus::describe(id.error()).c_str());
      self->quit();
      return;
    }
    self->state.started.emplace(*id, clock_type::now());
    ++self->state.sent;
  };
  return {
      [=](start_atom) {
        self->state.begin = clock_type::now();
        for (int i = 0; i < in_flight && self->state.sent < total; ++i)
          send_one();
      },
      [=](bus::reply_atom, uint64_t id, const std::string&) {
        auto& st = self->state;
        auto now = clock_type::now();
        st.latencies_us.push_back(
            std::chrono::duration<double, std::micro>(now - st.started[id]).count());
        st.started.erase(id);
        if (st.sent < total) send_one();
        if (int(st.latencies_us.size()) < total) return;
        double seconds = std::chrono::duration<double>(now - st.begin).count();
        std::sort(st.latencies_us.begin(), st.latencies_us.end());
        auto pct = [&](double p) {
          return st.latencies_us[size_t(p * (st.latencies_us.size() - 1))];
        };
        self->send(report, done_atom::value, total / seconds, pct(0.50), pct(0.99));
        self->quit();
      },
      [=](bus::reply_atom, uint64_t, const caf::error& err) {
        std::fprintf(stderr, "request failed: %s\n", bus::describe(err).c_str());
        self->quit();
      },
  };
}

// Counts deliveries; reports (done_atom) after `total`.
caf::behavior counter(caf::stateful_actor<int>* self, int total, caf::actor report) {
  return {
      [=](bus::msg_atom, const std::string&, const std::string&, const std::string&) {
        if (++self->state == total) self->send(report, done_atom::value);
      },
  };
}

struct bench {
  caf::actor_system& sys;
  std::string url;
  caf::scoped_actor self{sys};

  std::shared_ptr<bus::connection> open(bool low_latency) {
    bus::connection_options opts;
    opts.url = url;
    opts.name = low_latency ? "bench-low-latency" : "bench-default";
    opts.low_latency = low_latency;
    auto conn = bus::connection::open(opts, caf::actor_cast<caf::actor>(self));
    if (!conn) throw std::runtime_error(bus::describe(conn.error()));
    if (kactor::testing::await_atom(self, bus::up_atom::value, 10s).empty())
      throw std::runtime_error("no connection to " + url);
    return *conn;
  }

  // Round trips through an echo responder; the responder's connection has the same mode,
  // since its replies go out on it.
  void rpc(bool low_latency, int total, int in_flight) {
    auto server_side = open(low_latency);
    auto client = open(low_latency);
    auto responder = sys.spawn([server_side](caf::event_based_actor*) -> caf::behavior {
      return {[server_side](bus::msg_atom, const std::string&, const std::string& reply,
                            const std::string& data) { (void)server_side->respond(reply, data); }};
    });
    auto sub = server_side->subscribe("bench.echo", responder);
    if (!sub || server_side->flush()) throw std::runtime_error("cannot subscribe the responder");
    auto report = caf::actor_cast<caf::actor>(self);
    auto req = sys.spawn(requester, client, total, in_flight, report);
    caf::anon_send(req, start_atom::value);
    self->receive(
        [&](done_atom, double rps, double p50, double p99) {
          std::printf(
              "rpc  %-11s in-flight %-3d %7d round trips: %9.0f /s  p50 %7.1f us  p99 %7.1f us\n",
              low_latency ? "low-latency" : "default", in_flight, total, rps, p50, p99);
        },
        caf::after(300s) >> [] { std::printf("rpc: no result within 300 s\n"); });
    sub->unsubscribe();
    caf::anon_send_exit(responder, caf::exit_reason::user_shutdown);
  }

  void publish(bool low_latency, int total, size_t size) {
    auto pub = open(low_latency);
    auto sub_conn = open(false);
    auto count = sys.spawn(counter, total, caf::actor_cast<caf::actor>(self));
    auto sub = sub_conn->subscribe("bench.bulk", count);
    if (!sub || sub_conn->flush()) throw std::runtime_error("cannot subscribe the counter");
    std::string payload(size, 'x');
    auto begin = clock_type::now();
    for (int i = 0; i < total; ++i)
      if (auto err = pub->publish("bench.bulk", payload))
        throw std::runtime_error(bus::describe(err));
    if (auto err = pub->flush(60s)) throw std::runtime_error(bus::describe(err));
    auto flushed = clock_type::now();
    bool delivered = false;
    self->receive([&](done_atom) { delivered = true; }, caf::after(120s) >> [] {});
    auto end = clock_type::now();
    auto rate = [&](auto until) {
      return total / std::chrono::duration<double>(until - begin).count();
    };
    std::printf("bulk %-11s %d x %zu B: publish+flush %9.0f msg/s; into an actor %9.0f msg/s%s\n",
                low_latency ? "low-latency" : "default", total, size, rate(flushed), rate(end),
                delivered ? "" : " (NOT all delivered)");
    sub->unsubscribe();
    caf::anon_send_exit(count, caf::exit_reason::user_shutdown);
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"request/reply and bulk publish figures of the kactor bus wrapper"};
  std::string url;
  int requests = 5000;
  int pipeline = 64;
  int messages = 200000;
  size_t size = 128;
  app.add_option("--url", url, "nats server URL; default: start a nats-server on 127.0.0.1");
  app.add_option("--requests", requests, "sequential round trips per mode")
      ->check(CLI::PositiveNumber);
  app.add_option("--pipeline", pipeline, "requests in flight for the pipelined run")
      ->check(CLI::PositiveNumber);
  app.add_option("--messages", messages, "messages per bulk publish run")
      ->check(CLI::PositiveNumber);
  app.add_option("--size", size, "bulk payload size in bytes");
  CLI11_PARSE(app, argc, argv);
  std::optional<kactor::testing::nats_server> server;
  try {
    if (url.empty()) url = server.emplace().url();
    caf::actor_system_config cfg;
    caf::actor_system sys{cfg};
    bench b{sys, url};
    for (bool low_latency : {false, true}) {
      b.rpc(low_latency, requests, 1);
      b.rpc(low_latency, requests * 4, pipeline);
    }
    for (bool low_latency : {false, true})
      b.publish(low_latency, messages, size);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_bus_rpc: %s\n", e.what());
    return 1;
  }
  // Every connection went with the actor system.
  if (auto err = bus::shutdown_library())
    std::fprintf(stderr, "bench_bus_rpc: %s\n", bus::describe(err).c_str());
  return 0;
}
