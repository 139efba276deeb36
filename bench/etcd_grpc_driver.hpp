#pragma once

#include <memory>
#include <string>

#include "bench/etcd_load.hpp"

namespace grpc {
class Channel;
}  // namespace grpc

// Drives etcd through its native gRPC API with grpc++'s callback API: every client is a chain
// of asynchronous KV.Put calls (the next one is sent from the previous one's completion, on
// grpc's threads), all multiplexed over one HTTP/2 connection, as etcd's Go client (and so
// kube-apiserver) shares one connection. The watcher is a Watch stream on a second connection
// (another party, like a controller), read by a thread of its own.
namespace kactor::bench {

class etcd_grpc_driver {
 public:
  // `endpoint`: "127.0.0.1:<port>". Connects lazily.
  explicit etcd_grpc_driver(const std::string& endpoint);
  ~etcd_grpc_driver();
  etcd_grpc_driver(const etcd_grpc_driver&) = delete;
  etcd_grpc_driver& operator=(const etcd_grpc_driver&) = delete;

  // Runs one point (etcd_load.hpp). A client stops at its first failed put (recorded in its
  // log). Fails when the watch cannot be created, or when the clients do not finish within
  // duration + put_timeout + 5 s. Blocks; call from one thread at a time.
  result<run_log> run(const load_spec& spec);

 private:
  std::shared_ptr<grpc::Channel> channel_;        // the clients' connection
  std::shared_ptr<grpc::Channel> watch_channel_;  // the watcher's connection
};

}  // namespace kactor::bench
