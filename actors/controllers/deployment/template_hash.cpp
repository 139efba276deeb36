#include "actors/controllers/deployment/template_hash.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/message_differencer.h>

namespace kactor::controllers::deployment {

namespace {

constexpr std::string_view safe_alphabet = "bcdfghjklmnpqrstvwxz2456789";

std::string deterministic_bytes(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream raw(&out);
  google::protobuf::io::CodedOutputStream coded(&raw);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

void fnv1a(std::uint32_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 16777619u;
  }
}

}  // namespace

std::string pod_template_hash(const k8s::core::v1::PodTemplateSpec& tmpl,
                              std::optional<std::int32_t> collision_count) {
  std::uint32_t h = 2166136261u;
  fnv1a(h, deterministic_bytes(tmpl));
  if (collision_count) {
    auto n = static_cast<std::uint32_t>(*collision_count);
    char le[4] = {static_cast<char>(n & 0xff), static_cast<char>((n >> 8) & 0xff),
                  static_cast<char>((n >> 16) & 0xff), static_cast<char>((n >> 24) & 0xff)};
    fnv1a(h, std::string_view(le, 4));
  }
  std::string out;
  for (char digit : std::to_string(h))
    out += safe_alphabet[static_cast<unsigned char>(digit) % safe_alphabet.size()];
  return out;
}

bool equal_ignoring_hash(const k8s::core::v1::PodTemplateSpec& a,
                         const k8s::core::v1::PodTemplateSpec& b) {
  auto x = a;
  auto y = b;
  x.mutable_metadata()->mutable_labels()->erase(pod_template_hash_label);
  y.mutable_metadata()->mutable_labels()->erase(pod_template_hash_label);
  return google::protobuf::util::MessageDifferencer::Equivalent(x, y);
}

}  // namespace kactor::controllers::deployment
