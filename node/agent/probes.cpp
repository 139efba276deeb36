#include "node/agent/probes.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kactor::node::agent {

namespace {

int port_of(const k8s::util::IntOrString& port, const k8s::core::v1::Container& spec) {
  if (!port.has_strval() || port.strval().empty()) return port.intval();
  for (const auto& p : spec.ports())
    if (p.name() == port.strval()) return p.containerport();
  return 0;
}

// A connected TCP socket to host:port within `timeout_ms`, or -1 with `error` set.
int connect_to(const std::string& host, int port, int timeout_ms, std::string& error) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    error = "invalid host " + host;
    return -1;
  }
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::strerror(errno);
    return -1;
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    error = "dial tcp " + host + ":" + std::to_string(port) + ": connect: " + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  pollfd p{fd, POLLOUT, 0};
  int soerr = 0;
  socklen_t len = sizeof soerr;
  if (::poll(&p, 1, timeout_ms) != 1 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0 ||
      soerr != 0) {
    error = "dial tcp " + host + ":" + std::to_string(port) +
            ": connect: " + (soerr ? std::strerror(soerr) : "i/o timeout");
    ::close(fd);
    return -1;
  }
  return fd;
}

probe_result http_probe(const k8s::core::v1::HTTPGetAction& get, int port, const std::string& host,
                        int timeout_ms) {
  std::string error;
  int fd = connect_to(host, port, timeout_ms, error);
  if (fd < 0)
    return {false,
            "Get \"http://" + host + ":" + std::to_string(port) + get.path() + "\": " + error};
  std::string path = get.path().empty() ? "/" : get.path();
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                    "\r\nUser-Agent: kube-probe/1.32\r\nConnection: close\r\n";
  for (const auto& h : get.httpheaders())
    req += h.name() + ": " + h.value() + "\r\n";
  req += "\r\n";
  ::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  std::string head;
  char buf[512];
  pollfd p{fd, POLLIN, 0};
  while (head.find("\r\n") == std::string::npos && ::poll(&p, 1, timeout_ms) == 1) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  // "HTTP/1.1 200 OK"
  auto sp = head.find(' ');
  int code = sp == std::string::npos ? 0 : std::atoi(head.c_str() + sp + 1);
  if (code >= 200 && code < 400) return {true, ""};
  return {false,
          code ? "HTTP probe failed with statuscode: " + std::to_string(code)
               : "Get \"http://" + host + ":" + std::to_string(port) + path + "\": no HTTP answer"};
}

}  // namespace

probe_result run_probe(const k8s::core::v1::Probe& probe, const k8s::core::v1::Container& spec,
                       runtime::runtime& rt, const runtime::container_id& id,
                       const std::string& host_ip) {
  int timeout_ms = (probe.timeoutseconds() > 0 ? probe.timeoutseconds() : 1) * 1000;
  const auto& h = probe.handler();
  if (h.has_exec()) {
    runtime::exec_request req;
    req.argv.assign(h.exec().command().begin(), h.exec().command().end());
    req.timeout_ms = timeout_ms;
    auto r = rt.exec_sync(id, req);
    if (!r) return {false, r.error().message};
    if (r->exit_code == 0) return {true, ""};
    auto out = r->stdout_data + r->stderr_data;
    return {false, r->timed_out ? "command timed out" : out};
  }
  if (h.has_httpget()) {
    auto host = h.httpget().host().empty() ? host_ip : h.httpget().host();
    return http_probe(h.httpget(), port_of(h.httpget().port(), spec), host, timeout_ms);
  }
  if (h.has_tcpsocket()) {
    auto host = h.tcpsocket().host().empty() ? host_ip : h.tcpsocket().host();
    std::string error;
    int fd = connect_to(host, port_of(h.tcpsocket().port(), spec), timeout_ms, error);
    if (fd < 0) return {false, error};
    ::close(fd);
    return {true, ""};
  }
  return {false, "this kubelet does not run gRPC probes yet"};
}

}  // namespace kactor::node::agent
