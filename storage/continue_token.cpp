#include "storage/continue_token.hpp"

#include <charconv>

namespace kactor::storage {

namespace {

constexpr std::string_view prefix = "k1.";
constexpr std::string_view hex_digits = "0123456789abcdef";

int hex_value(char c) {
  auto pos = hex_digits.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

error bad_token(std::string_view why) {
  return make_error(error_code::invalid, "malformed continue token: " + std::string(why));
}

}  // namespace

std::string encode_continue(const continue_position& position) {
  std::string out(prefix);
  out += std::to_string(position.rev);
  out.push_back('.');
  for (unsigned char c : position.start_key) {
    out.push_back(hex_digits[c >> 4]);
    out.push_back(hex_digits[c & 0x0f]);
  }
  return out;
}

result<continue_position> decode_continue(std::string_view token) {
  if (!token.starts_with(prefix)) return bad_token("unknown format");
  token.remove_prefix(prefix.size());
  auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0) return bad_token("no revision");
  continue_position position;
  auto [end, ec] = std::from_chars(token.data(), token.data() + dot, position.rev);
  if (ec != std::errc{} || end != token.data() + dot || position.rev == 0)
    return bad_token("bad revision");
  auto hex = token.substr(dot + 1);
  if (hex.empty() || hex.size() % 2 != 0) return bad_token("bad key");
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int high = hex_value(hex[i]);
    int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return bad_token("bad key");
    position.start_key.push_back(static_cast<char>(high * 16 + low));
  }
  return position;
}

}  // namespace kactor::storage
