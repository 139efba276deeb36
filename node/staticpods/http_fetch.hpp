#pragma once

#include <chrono>
#include <string>

#include "messages/basic_result.hpp"

namespace kactor::node::staticpods {

struct fetch_error {
  std::string message;
};

// GET of an `http://host[:port]/path` URL (no TLS), blocking, bounded by `timeout`. The body on
// 200; otherwise an error text ("GET http://...: 404 Not Found", "connect: Connection refused").
messages::basic_result<std::string, fetch_error> http_get(const std::string& url,
                                                          std::chrono::milliseconds timeout);

}  // namespace kactor::node::staticpods
