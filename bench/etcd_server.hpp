#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "actors/supervision/child_process.hpp"
#include "bench/etcd_load.hpp"

// A real etcd child process for bench_etcd_compare: a single member on free 127.0.0.1 ports,
// its data in a directory of the caller, with its default durability (every commit fsynced).
namespace kactor::bench {

struct etcd_server_options {
  // The etcd binary (Debian's etcd-server package installs /usr/bin/etcd).
  std::filesystem::path binary = "/usr/bin/etcd";
  // The data directory is dir/etcd-data, the log (stdout and stderr) dir/etcd.log. Must exist.
  std::filesystem::path dir;
  // How long start() waits for the first successful KV.Put.
  std::chrono::milliseconds ready_timeout{30000};
};

// A running etcd. Destroying it stops it: SIGTERM, then SIGKILL after 5 s; the process is
// always reaped. The data directory stays (the caller owns `dir`).
class etcd_server {
 public:
  // Spawns etcd and waits until a KV.Put over gRPC succeeds. Fails (with the log's tail) when
  // the binary is missing, etcd exits, or it is not ready within ready_timeout. Call from a
  // thread that lives as long as the server (the child dies with it: PR_SET_PDEATHSIG).
  static result<std::unique_ptr<etcd_server>> start(const etcd_server_options& options);

  ~etcd_server();
  etcd_server(const etcd_server&) = delete;
  etcd_server& operator=(const etcd_server&) = delete;

  // The client endpoint, "127.0.0.1:<port>" (gRPC target).
  const std::string& endpoint() const { return endpoint_; }
  const std::filesystem::path& log_file() const { return log_; }
  const std::filesystem::path& data_dir() const { return data_; }

  etcd_server(supervision::child_process process, std::string endpoint, std::filesystem::path data,
              std::filesystem::path log);

 private:
  supervision::child_process process_;
  std::string endpoint_;
  std::filesystem::path data_;
  std::filesystem::path log_;
};

// The last `lines` lines of a text file ("" when unreadable), for error messages.
std::string file_tail(const std::filesystem::path& file, int lines = 15);

}  // namespace kactor::bench
