#include "bench/etcd_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <deque>
#include <fstream>
#include <thread>

#include <grpcpp/grpcpp.h>
#include <caf/error.hpp>
#include <caf/message.hpp>

#include "etcd_rpc.grpc.pb.h"

namespace kactor::bench {

namespace {

using namespace std::chrono_literals;

// A port the kernel considers free on 127.0.0.1 right now (0 on failure). etcd binds it a
// moment later; a collision in between shows up as a start failure naming the port.
int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string loopback_url(int port) {
  return "http://127.0.0.1:" + std::to_string(port);
}

std::vector<std::string> etcd_argv(const etcd_server_options& options,
                                   const std::filesystem::path& data, int client, int peer) {
  auto client_url = loopback_url(client);
  auto peer_url = loopback_url(peer);
  return {options.binary.string(),
          "--name",
          "bench",
          "--data-dir",
          data.string(),
          "--listen-client-urls",
          client_url,
          "--advertise-client-urls",
          client_url,
          "--listen-peer-urls",
          peer_url,
          "--initial-advertise-peer-urls",
          peer_url,
          "--initial-cluster",
          "bench=" + peer_url,
          "--initial-cluster-state",
          "new",
          "--log-level",
          "warn",
          "--logger",
          "zap"};
}

// One Put outside the benchmark prefix, with a short deadline: true once etcd serves writes.
bool put_succeeds(etcdserverpb::KV::Stub& kv) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 1s);
  etcdserverpb::PutRequest req;
  req.set_key("/bench-ready");
  req.set_value("1");
  etcdserverpb::PutResponse resp;
  return kv.Put(&ctx, req, &resp).ok();
}

}  // namespace

std::string file_tail(const std::filesystem::path& file, int lines) {
  std::ifstream in(file);
  std::deque<std::string> last;
  for (std::string line; std::getline(in, line);) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string out;
  for (const auto& line : last)
    out += line + "\n";
  return out;
}

result<std::unique_ptr<etcd_server>> etcd_server::start(const etcd_server_options& options) {
  auto data = options.dir / "etcd-data";
  auto log = options.dir / "etcd.log";
  int client = free_loopback_port();
  int peer = free_loopback_port();
  if (client == 0 || peer == 0 || client == peer) return failure{"etcd: no free port on 127.0.0.1"};
  supervision::spawn_options spawn;
  spawn.argv = etcd_argv(options, data, client, peer);
  spawn.output = log;
  auto process = supervision::child_process::spawn(spawn);
  if (!process) {
    const auto& context = process.error().context();
    return failure{"etcd: " + (context.match_elements<std::string>()
                                   ? context.get_as<std::string>(0)
                                   : caf::to_string(process.error()))};
  }
  auto endpoint = "127.0.0.1:" + std::to_string(client);
  auto server = std::make_unique<etcd_server>(std::move(*process), endpoint, data, log);

  auto channel = grpc::CreateChannel(endpoint, grpc::InsecureChannelCredentials());
  auto kv = etcdserverpb::KV::NewStub(channel);
  auto deadline = bench_clock::now() + options.ready_timeout;
  while (bench_clock::now() < deadline) {
    if (auto status = server->process_.try_reap())
      return failure{"etcd " + status->describe() + " during start; " + log.string() + ":\n" +
                     file_tail(log)};
    if (put_succeeds(*kv)) return server;
    std::this_thread::sleep_for(100ms);  // polling a child process: no event to await
  }
  return failure{"etcd not ready within " + std::to_string(options.ready_timeout.count()) +
                 " ms on " + endpoint + "; " + log.string() + ":\n" + file_tail(log)};
}

etcd_server::etcd_server(supervision::child_process process, std::string endpoint,
                         std::filesystem::path data, std::filesystem::path log)
    : process_(std::move(process)),
      endpoint_(std::move(endpoint)),
      data_(std::move(data)),
      log_(std::move(log)) {}

etcd_server::~etcd_server() {
  if (!process_.running()) return;
  process_.signal(SIGTERM);
  auto deadline = bench_clock::now() + 5s;
  while (bench_clock::now() < deadline) {
    if (process_.try_reap()) return;
    std::this_thread::sleep_for(20ms);
  }
  // child_process's destructor sends SIGKILL and reaps.
}

}  // namespace kactor::bench
