#include "gateway/watchcache/watch_status.hpp"

#include <nlohmann/json.hpp>

namespace kactor::watchcache {

std::string status_json(int code, std::string_view reason, std::string_view message) {
  nlohmann::ordered_json status = {
      {"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", nlohmann::json::object()},
      {"status", "Failure"}, {"message", message}, {"reason", reason},
      {"code", code},
  };
  return status.dump();
}

std::string expired_status(std::uint64_t requested, std::uint64_t oldest) {
  return status_json(410, "Expired",
                     "too old resource version: " + std::to_string(requested) + " (" +
                         std::to_string(oldest) + ")");
}

}  // namespace kactor::watchcache
