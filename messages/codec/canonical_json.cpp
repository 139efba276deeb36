#include "messages/codec/canonical_json.hpp"

#include <string>
#include <vector>

namespace kactor::messages {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char d = byte(i + 1);
    if (c == 0xE0 && d < 0xA0) return 0;   // overlong
    if (c == 0xED && d >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char d = byte(i + 1);
    if (c == 0xF0 && d < 0x90) return 0;   // overlong
    if (c == 0xF4 && d >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

namespace {

// A recursive descent over the text that accepts only the canonical form.
class canonical_check {
 public:
  explicit canonical_check(std::string_view text) : text_(text) {}

  bool run() { return value(0) && pos_ == text_.size(); }

 private:
  bool value(int depth) {
    if (pos_ >= text_.size() || depth > 256) return false;
    switch (text_[pos_]) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return integer();
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool integer() {
    std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    std::size_t digits = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
      ++pos_;
    std::size_t n = pos_ - digits;
    if (n == 0 || n > 18) return false;
    if (text_[digits] == '0' && (n > 1 || digits > start)) return false;  // 01, -0
    return pos_ >= text_.size() || (text_[pos_] != '.' && text_[pos_] != 'e' && text_[pos_] != 'E');
  }

  bool string() {
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        std::size_t n = utf8_sequence_length(text_, pos_);
        if (n == 0) return false;
        pos_ += n;
        continue;
      }
      if (c != '\\') {
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) return false;
      char e = text_[pos_ + 1];
      if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
        pos_ += 2;
        continue;
      }
      if (e != 'u' || !control_escape(text_.substr(pos_ + 2, 4))) return false;
      pos_ += 6;
    }
    return false;
  }

  // "00xx" naming a control character that has no short escape, in lowercase hex.
  static bool control_escape(std::string_view hex) {
    if (hex.size() != 4 || hex[0] != '0' || hex[1] != '0') return false;
    auto digit = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
    if (!digit(hex[2]) || !digit(hex[3]) || hex[2] > '1') return false;
    int value = std::stoi(std::string(hex.substr(2)), nullptr, 16);
    return value != '\b' && value != '\f' && value != '\n' && value != '\r' && value != '\t';
  }

  bool object(int depth) {
    ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
    std::vector<std::string_view> keys;
    while (true) {
      std::size_t start = pos_;
      if (pos_ >= text_.size() || text_[pos_] != '"' || !string()) return false;
      auto key = text_.substr(start, pos_ - start);
      for (auto k : keys)
        if (k == key) return false;
      keys.push_back(key);
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      if (!value(depth + 1)) return false;
      if (pos_ >= text_.size()) return false;
      if (text_[pos_] == '}') return ++pos_, true;
      if (text_[pos_] != ',') return false;
      ++pos_;
    }
  }

  bool array(int depth) {
    ++pos_;
    if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
    while (true) {
      if (!value(depth + 1)) return false;
      if (pos_ >= text_.size()) return false;
      if (text_[pos_] == ']') return ++pos_, true;
      if (text_[pos_] != ',') return false;
      ++pos_;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool is_canonical_json(std::string_view text) {
  return canonical_check(text).run();
}

}  // namespace kactor::messages
