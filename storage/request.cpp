#include "storage/request.hpp"

#include <algorithm>
#include <string_view>

namespace kactor::storage {

write_request create_request(std::string key, std::string value) {
  write_request req;
  req.compares.push_back({key, compare::kind::absent, 0});
  req.ops.push_back({operation::kind::put, std::move(key), std::move(value)});
  return req;
}

write_request update_request(std::string key, std::string value, std::optional<revision> expected) {
  write_request req;
  if (expected)
    req.compares.push_back({key, compare::kind::mod_revision, *expected});
  else
    req.compares.push_back({key, compare::kind::exists, 0});
  req.ops.push_back({operation::kind::put, std::move(key), std::move(value)});
  return req;
}

write_request remove_request(std::string key, std::optional<revision> expected) {
  write_request req;
  if (expected) req.compares.push_back({key, compare::kind::mod_revision, *expected});
  req.ops.push_back({operation::kind::remove, std::move(key), {}});
  return req;
}

write_request put_request(std::string key, std::string value) {
  write_request req;
  req.ops.push_back({operation::kind::put, std::move(key), std::move(value)});
  return req;
}

namespace {

status validate_key(std::string_view key, const request_limits& limits) {
  if (key.empty()) return make_error(error_code::invalid, "empty key");
  if (key.size() > limits.max_key_bytes)
    return make_error(error_code::invalid, "key of " + std::to_string(key.size()) +
                                               " bytes exceeds the limit of " +
                                               std::to_string(limits.max_key_bytes));
  if (key.find('\0') != std::string_view::npos)
    return make_error(error_code::invalid, "key contains a NUL byte");
  return {};
}

}  // namespace

std::size_t request_bytes(const write_request& req) {
  std::size_t total = 0;
  for (const auto& op : req.ops)
    total += op.key.size() + op.value.size();
  return total;
}

status validate(const write_request& req, const request_limits& limits) {
  if (req.ops.empty()) return make_error(error_code::invalid, "request has no operations");
  for (const auto& cmp : req.compares)
    if (auto st = validate_key(cmp.key, limits); !st) return st;
  std::vector<std::string_view> keys;
  keys.reserve(req.ops.size());
  for (const auto& op : req.ops) {
    if (auto st = validate_key(op.key, limits); !st) return st;
    keys.push_back(op.key);
  }
  std::sort(keys.begin(), keys.end());
  if (auto dup = std::adjacent_find(keys.begin(), keys.end()); dup != keys.end())
    return make_error(error_code::invalid, "key " + std::string(*dup) + " appears twice");
  if (auto size = request_bytes(req); size > limits.max_request_bytes)
    return make_error(error_code::too_large, "request of " + std::to_string(size) +
                                                 " bytes exceeds the limit of " +
                                                 std::to_string(limits.max_request_bytes));
  return {};
}

}  // namespace kactor::storage
