#include "bench/etcd_grpc_driver.hpp"

#include <atomic>
#include <optional>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "bench/etcd_completion.hpp"
#include "etcd_rpc.grpc.pb.h"

namespace kactor::bench {

namespace {

using namespace std::chrono_literals;

// One closed-loop client: one Put in flight; the next is sent from the previous one's
// completion callback. Its members are touched by one callback at a time (the chain is
// sequential), and read by the driver only after finish() was called.
class put_client {
 public:
  put_client(etcdserverpb::KV::Stub& kv, const load_spec& spec, int index, completion& done)
      : kv_(kv), spec_(spec), index_(index), done_(done) {}

  void start(bench_clock::time_point deadline) {
    deadline_ = deadline;
    send();
  }

  client_log log;

 private:
  void send() {
    ctx_ = std::make_unique<grpc::ClientContext>();
    ctx_->set_deadline(std::chrono::system_clock::now() + spec_.put_timeout);
    auto name = bench_name(spec_.run, index_, next_);
    req_.set_key(bench_key(name));
    req_.set_value(bench_value(name));
    sent_ = bench_clock::now();
    kv_.async()->Put(ctx_.get(), &req_, &resp_, [this](grpc::Status status) { on_reply(status); });
  }

  void on_reply(const grpc::Status& status) {
    auto acked = bench_clock::now();
    if (status.ok()) {
      log.puts.push_back({next_, sent_, acked});
    } else {
      ++log.errors;
      log.first_error = "etcd Put: " + status.error_message();
    }
    ++next_;
    bool stop = !status.ok() || acked >= deadline_ ||
                (spec_.interrupted != nullptr && spec_.interrupted->load());
    if (stop)
      done_.finish();
    else
      send();
  }

  etcdserverpb::KV::Stub& kv_;
  const load_spec& spec_;
  int index_;
  completion& done_;
  bench_clock::time_point deadline_;
  std::uint64_t next_ = 0;
  std::unique_ptr<grpc::ClientContext> ctx_;
  etcdserverpb::PutRequest req_;
  etcdserverpb::PutResponse resp_;
  bench_clock::time_point sent_;
};

// "/a/b/" -> "/a/b0": the end of the key range holding every key under the prefix.
std::string prefix_end(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// A Watch stream on the benchmark prefix, read by its own thread, which stamps every event
// the moment the stream hands it over.
class watcher {
 public:
  explicit watcher(const std::shared_ptr<grpc::Channel>& channel)
      : stub_(etcdserverpb::Watch::NewStub(channel)) {}

  ~watcher() { stop(); }

  // Opens the stream and waits for etcd to confirm the watch; bounded by `lifetime`, after
  // which the stream ends by itself.
  result<bool> start(std::chrono::milliseconds lifetime) {
    ctx_.set_deadline(std::chrono::system_clock::now() + lifetime);
    stream_ = stub_->Watch(&ctx_);
    etcdserverpb::WatchRequest req;
    auto* create = req.mutable_create_request();
    create->set_key(bench_prefix());
    create->set_range_end(prefix_end(bench_prefix()));
    etcdserverpb::WatchResponse resp;
    if (!stream_->Write(req) || !stream_->Read(&resp) || !resp.created())
      return failure{"etcd Watch: the watch was not created"};
    reader_ = std::thread([this] { read_events(); });
    return true;
  }

  // Events received so far (any thread).
  std::size_t count() const { return count_.load(); }

  // Ends the stream and the thread; the log is complete afterwards. Idempotent.
  void stop() {
    if (!stream_) return;
    ctx_.TryCancel();
    if (reader_.joinable()) reader_.join();
    (void)stream_->Finish();
    stream_.reset();
  }

  watch_log log;

 private:
  void read_events() {
    etcdserverpb::WatchResponse resp;
    auto prefix_size = bench_prefix().size();
    while (stream_->Read(&resp)) {
      auto at = bench_clock::now();
      for (const auto& event : resp.events())
        if (event.type() == etcdserverpb::Event::PUT)
          log.events.emplace_back(event.kv().key().substr(prefix_size), at);
      count_.store(log.events.size());
    }
  }

  std::unique_ptr<etcdserverpb::Watch::Stub> stub_;
  grpc::ClientContext ctx_;
  std::unique_ptr<grpc::ClientReaderWriter<etcdserverpb::WatchRequest, etcdserverpb::WatchResponse>>
      stream_;
  std::thread reader_;
  std::atomic<std::size_t> count_{0};
};

}  // namespace

etcd_grpc_driver::etcd_grpc_driver(const std::string& endpoint) {
  channel_ = grpc::CreateChannel(endpoint, grpc::InsecureChannelCredentials());
  // grpc shares connections between channels with equal arguments; a local subchannel pool
  // gives the watcher a connection of its own.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  watch_channel_ = grpc::CreateCustomChannel(endpoint, grpc::InsecureChannelCredentials(), args);
}

etcd_grpc_driver::~etcd_grpc_driver() = default;

result<run_log> etcd_grpc_driver::run(const load_spec& spec) {
  auto kv = etcdserverpb::KV::NewStub(channel_);
  std::optional<watcher> watch;
  if (spec.watch) {
    watch.emplace(watch_channel_);
    auto started = watch->start(spec.duration + spec.put_timeout + 60s);
    if (!started) return failure{started.error()};
  }
  completion done(spec.clients);
  std::vector<std::unique_ptr<put_client>> clients;
  for (int i = 0; i < spec.clients; ++i)
    clients.push_back(std::make_unique<put_client>(*kv, spec, i, done));
  run_log out;
  out.begin = bench_clock::now();
  for (auto& client : clients)
    client->start(out.begin + spec.duration);
  auto finished = done.wait_until(out.begin + spec.duration + spec.put_timeout + 5s);
  if (!finished) {
    // Callbacks may still run on these clients: leave them (and the stub) alive.
    for (auto& client : clients)
      (void)client.release();
    (void)kv.release();
    return failure{"etcd: clients still busy long after the deadline"};
  }
  out.end = done.last_finish();
  std::size_t acked = 0;
  for (auto& client : clients) {
    acked += client->log.puts.size();
    out.clients.push_back(std::move(client->log));
  }
  if (watch) {
    wait_for_count([&] { return watch->count(); }, acked, 5s);
    watch->stop();
    out.watch = std::move(watch->log);
  }
  return out;
}

}  // namespace kactor::bench
