#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kactor::config {

// The HTTP/1.1 listener of a daemon (health endpoints now, the Kubernetes API later).
struct http_config {
  // IP address to listen on. Default: 127.0.0.1 (loopback only).
  std::string bind_address = "127.0.0.1";
  // TCP port; 0 picks a free port (the server reports the bound one). Default: 6443.
  std::uint16_t port = 6443;
  // Largest accepted request line plus headers, in bytes; larger gets 431 and the connection
  // is closed. Default: 1 MiB (Go's net/http default, which kube-apiserver uses).
  std::uint64_t max_header_bytes = 1024 * 1024;
  // Largest accepted request body, in bytes; larger gets 413. Default: 3 MiB
  // (kube-apiserver's request body limit).
  std::uint64_t max_body_bytes = 3 * 1024 * 1024;
  // How long a keep-alive connection may sit idle between requests before the server closes
  // it. Default: 90 s.
  std::chrono::milliseconds idle_timeout{90'000};
  // How long one request may take to arrive once its first byte came. Default: 60 s.
  std::chrono::milliseconds read_timeout{60'000};
  // How long writing one response may take. Default: 60 s.
  std::chrono::milliseconds write_timeout{60'000};
  // Threads running the HTTP I/O loop. Default: 1.
  std::uint32_t threads = 1;
};

}  // namespace kactor::config
