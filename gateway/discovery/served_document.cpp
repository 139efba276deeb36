#include "gateway/discovery/served_document.hpp"

#include <cstdint>

namespace kactor::discovery {

served_document make_document(messages::json value, std::string content_type) {
  served_document doc;
  doc.body = value.dump();
  doc.value = std::move(value);
  doc.content_type = std::move(content_type);
  doc.hash = content_hash(doc.body);
  doc.etag = "\"" + doc.hash + "\"";
  return doc;
}

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4)
    out[static_cast<std::size_t>(i)] = digits[h & 0xF];
  return out;
}

}  // namespace kactor::discovery
