#include "gateway/rest/list_token.hpp"

#include "messages/codec/base64.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::rest {

std::string format_list_token(const list_token& token) {
  messages::json j = messages::json::object();
  j["v"] = "kactor/v1";
  j["rv"] = token.revision;
  j["start"] = token.start_after;
  return messages::encode_base64(j.dump());
}

std::optional<list_token> parse_list_token(std::string_view text) {
  auto raw = messages::decode_base64(text);
  if (!raw) return std::nullopt;
  auto j = messages::json::parse(*raw, nullptr, false);
  if (!j.is_object() || j.value("v", "") != "kactor/v1") return std::nullopt;
  auto rv = j.find("rv");
  auto start = j.find("start");
  if (rv == j.end() || !rv->is_number_unsigned() || start == j.end() || !start->is_string())
    return std::nullopt;
  return list_token{rv->get<std::uint64_t>(), start->get<std::string>()};
}

}  // namespace kactor::rest
