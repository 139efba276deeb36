#include "gateway/http/message.hpp"

#include <algorithm>

namespace kactor::http {

bool iequals(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> request::find_header(std::string_view name) const {
  for (auto& h : headers)
    if (iequals(h.name, name)) return std::string_view{h.value};
  return std::nullopt;
}

bool request::has_query(std::string_view name) const {
  return std::any_of(query.begin(), query.end(), [&](auto& item) { return item.first == name; });
}

std::optional<std::string> request::query_value(std::string_view name) const {
  for (auto& [key, value] : query)
    if (key == name) return value;
  return std::nullopt;
}

std::vector<std::string> request::query_values(std::string_view name) const {
  std::vector<std::string> out;
  for (auto& [key, value] : query)
    if (key == name) out.push_back(value);
  return out;
}

response& response::set_header(std::string_view name, std::string value) {
  std::erase_if(headers, [&](auto& h) { return iequals(h.name, name); });
  headers.push_back(header{std::string{name}, std::move(value)});
  return *this;
}

std::optional<std::string_view> response::find_header(std::string_view name) const {
  for (auto& h : headers)
    if (iequals(h.name, name)) return std::string_view{h.value};
  return std::nullopt;
}

response response::text(int status, std::string body) {
  response r{status, {}, std::move(body)};
  r.set_header("Content-Type", "text/plain; charset=utf-8");
  return r;
}

response response::json(int status, std::string body) {
  response r{status, {}, std::move(body)};
  r.set_header("Content-Type", "application/json");
  return r;
}

}  // namespace kactor::http
