#include "actors/supervision/nats_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <caf/all.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace std::chrono_literals;
using namespace kactor;
using namespace kactor::supervision;

namespace {

std::string nats_server_path() {
  const char* env = std::getenv("NATS_SERVER");
  return env != nullptr ? env : "/usr/sbin/nats-server";
}

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    char tmpl[] = "/tmp/kactor-nats-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

// The INFO line nats-server sends first on a new client connection to 127.0.0.1:port.
std::string server_info(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string line;
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char c = 0;
    while (line.size() < 65536 && ::read(fd, &c, 1) == 1 && c != '\n')
      line.push_back(c);
  }
  if (fd >= 0) ::close(fd);
  return line;
}

// Polls until the port accepts connections; nats-server announces readiness only in its log.
bool wait_accepting(std::uint16_t port) {
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline)
    if (accepts_connections(port, 1s)) return true;
  return false;
}

}  // namespace

TEST_CASE("the plan fixes a free port, the URL, the log and pid files") {
  temp_dir dir;
  config::nats_server_config cfg;
  cfg.path = "/usr/sbin/nats-server";
  cfg.jetstream = true;
  auto plan = plan_nats_server(cfg, dir.path);
  REQUIRE(plan);
  CHECK(plan->port != 0);
  CHECK(plan->url == "nats://127.0.0.1:" + std::to_string(plan->port));
  auto& argv = plan->spec.spawn.argv;
  REQUIRE(argv.size() == 12);
  CHECK(argv[0] == "/usr/sbin/nats-server");
  CHECK(argv[1] == "-c");
  CHECK(argv[2] == (dir.path / "nats" / "nats-server.conf").string());
  CHECK(argv[3] == "-a");
  CHECK(argv[4] == "127.0.0.1");
  CHECK(argv[6] == std::to_string(plan->port));
  CHECK(argv[9] == "-js");
  CHECK(argv[11] == (dir.path / "nats" / "jetstream").string());
  std::ifstream conf{argv[2]};
  std::stringstream conf_text;
  conf_text << conf.rdbuf();
  CHECK(conf_text.str().find("max_payload: " + std::to_string(max_payload_bytes)) !=
        std::string::npos);
  CHECK(plan->spec.spawn.output == dir.path / "logs" / "nats-server.log");
  CHECK(plan->spec.pid_file == dir.path / "nats.pid");
  CHECK(std::filesystem::is_directory(dir.path / "logs"));
  cfg.port = 4999;
  cfg.jetstream = false;
  auto fixed = plan_nats_server(cfg, dir.path);
  REQUIRE(fixed);
  CHECK(fixed->port == 4999);
  CHECK(fixed->spec.spawn.argv.size() == 9);
}

TEST_CASE("a supervised nats-server comes back on the same port after kill -9") {
  temp_dir dir;
  caf::actor_system_config sys_cfg;
  caf::actor_system sys{sys_cfg};
  caf::scoped_actor listener{sys};
  config::nats_server_config cfg;
  cfg.path = nats_server_path();
  auto plan = plan_nats_server(cfg, dir.path);
  REQUIRE(plan);
  auto sup = spawn_process_supervisor(sys, plan->spec, listener);
  std::int32_t pid = 0;
  auto started = [&] {
    listener->receive(
        [&](started_atom, const std::string&, std::int32_t p, std::uint64_t) { pid = p; },
        caf::after(30s) >> [] { FAIL("nats-server did not start"); });
  };
  started();
  REQUIRE(wait_accepting(plan->port));
  // The server announces its limits in the INFO line it greets every client with.
  CHECK(server_info(plan->port).find("\"max_payload\":" + std::to_string(max_payload_bytes)) !=
        std::string::npos);
  auto first = pid;
  ::kill(first, SIGKILL);
  started();
  CHECK(pid != first);
  CHECK(wait_accepting(plan->port));
  listener->request(sup, 60s, stop_atom::value)
      .receive([](stop_atom) {}, [](caf::error& e) { FAIL(caf::to_string(e)); });
  CHECK(::kill(pid, 0) != 0);
  std::ifstream log{plan->spec.spawn.output};
  std::stringstream text;
  text << log.rdbuf();
  CHECK(text.str().find("Server is ready") != std::string::npos);
}
