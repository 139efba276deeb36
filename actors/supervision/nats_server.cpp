#include "actors/supervision/nats_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <caf/error.hpp>
#include <caf/sec.hpp>

namespace kactor::supervision {
namespace {

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

struct socket_fd {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ~socket_fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

caf::expected<std::uint16_t> pick_free_port() {
  socket_fd s;
  auto addr = loopback(0);
  socklen_t len = sizeof addr;
  if (s.fd < 0 || ::bind(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(s.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return caf::make_error(
        caf::sec::cannot_open_port,
        std::string{"nats-server: no free port on 127.0.0.1: "} + std::strerror(errno));
  return ntohs(addr.sin_port);
}

bool accepts_connections(std::uint16_t port, std::chrono::milliseconds timeout) {
  socket_fd s;
  if (s.fd < 0) return false;
  ::fcntl(s.fd, F_SETFL, O_NONBLOCK);
  auto addr = loopback(port);
  if (::connect(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return true;
  if (errno != EINPROGRESS) return false;
  pollfd p{s.fd, POLLOUT, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
  int err = 0;
  socklen_t len = sizeof err;
  return ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
}

caf::expected<nats_server_plan> plan_nats_server(const config::nats_server_config& cfg,
                                                 const std::filesystem::path& data_dir) {
  std::uint16_t port = cfg.port;
  if (port == 0) {
    auto free = pick_free_port();
    if (!free) return free.error();
    port = *free;
  }
  std::error_code ec;
  auto logs = data_dir / "logs";
  std::filesystem::create_directories(logs, ec);
  if (ec)
    return caf::make_error(caf::sec::runtime_error,
                           "nats-server: create " + logs.string() + ": " + ec.message());
  // nats-server 2.9 has no flag for the largest message; its 1 MiB default is below what one
  // watch event can carry (an object of up to 1.5 MiB plus its previous version), so the
  // limit is set through a generated config file. Flags given after -c override the file.
  auto conf_dir = data_dir / "nats";
  std::filesystem::create_directories(conf_dir, ec);
  auto conf = conf_dir / "nats-server.conf";
  if (!ec) {
    std::ofstream out{conf, std::ios::trunc};
    out << "# Written by kactor at every start; edits are overwritten.\n"
        << "max_payload: " << max_payload_bytes << "\n";
    if (!out.flush()) ec = std::make_error_code(std::errc::io_error);
  }
  if (ec)
    return caf::make_error(caf::sec::runtime_error,
                           "nats-server: write " + conf.string() + ": " + ec.message());
  nats_server_plan plan;
  plan.port = port;
  plan.url = "nats://127.0.0.1:" + std::to_string(port);
  auto& spec = plan.spec;
  spec.name = "nats-server";
  spec.spawn.argv = {cfg.path,
                     "-c",
                     conf.string(),
                     "-a",
                     "127.0.0.1",
                     "-p",
                     std::to_string(port),
                     "-n",
                     "kactor-" + std::to_string(port)};
  if (cfg.jetstream) {
    auto store = data_dir / "nats" / "jetstream";
    std::filesystem::create_directories(store, ec);
    if (ec)
      return caf::make_error(caf::sec::runtime_error,
                             "nats-server: create " + store.string() + ": " + ec.message());
    spec.spawn.argv.insert(spec.spawn.argv.end(), {"-js", "-sd", store.string()});
  }
  spec.spawn.output = logs / "nats-server.log";
  spec.pid_file = data_dir / "nats.pid";
  spec.restart = cfg.restart;
  spec.stop_grace = cfg.stop_grace;
  return plan;
}

}  // namespace kactor::supervision
