#include "messages/codec/base64.hpp"

#include <array>

namespace kactor::messages {

namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int, 256> make_values() {
  std::array<int, 256> values{};
  values.fill(-1);
  for (std::size_t i = 0; i < alphabet.size(); ++i)
    values[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
  return values;
}

constexpr std::array<int, 256> values = make_values();

codec_error illegal_at(std::size_t pos) {
  return {codec_errc::invalid_value, "illegal base64 data at input byte " + std::to_string(pos)};
}

}  // namespace

std::string encode_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    out += alphabet[v >> 6 & 63];
    out += alphabet[v & 63];
  }
  if (std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    out += rest == 2 ? alphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

result<std::string> decode_base64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  unsigned quad = 0;
  int count = 0;  // sextets in `quad`
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') continue;
    if (c == '=') break;
    int v = values[static_cast<unsigned char>(c)];
    if (v < 0) return illegal_at(i);
    quad = quad << 6 | static_cast<unsigned>(v);
    if (++count == 4) {
      out += static_cast<char>(quad >> 16 & 0xff);
      out += static_cast<char>(quad >> 8 & 0xff);
      out += static_cast<char>(quad & 0xff);
      quad = 0;
      count = 0;
    }
  }
  if (i == text.size()) {
    if (count != 0) return illegal_at(text.size());
    return out;
  }
  // Padding: "xx==" or "xxx=", then nothing but line breaks.
  if (count < 2) return illegal_at(i);
  std::size_t needed = count == 2 ? 2 : 1;
  for (; i < text.size() && needed > 0; ++i) {
    if (text[i] == '\r' || text[i] == '\n') continue;
    if (text[i] != '=') return illegal_at(i);
    --needed;
  }
  if (needed > 0) return illegal_at(text.size());
  for (; i < text.size(); ++i)
    if (text[i] != '\r' && text[i] != '\n') return illegal_at(i);
  out += static_cast<char>(quad >> (count == 2 ? 4 : 10) & 0xff);
  if (count == 3) out += static_cast<char>(quad >> 2 & 0xff);
  return out;
}

}  // namespace kactor::messages
