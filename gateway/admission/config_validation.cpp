#include "gateway/admission/config_validation.hpp"

#include <algorithm>
#include <vector>

#include "gateway/admission/name_rules.hpp"

namespace kactor::admission {
namespace {

constexpr std::int64_t max_size = 1024 * 1024;  // MaxSecretSize, also ConfigMaps' limit
constexpr std::string_view immutable_detail = "field is immutable when `immutable` is set";

template <class Map>
std::vector<std::string> sorted_keys(const Map& m) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : m)
    keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return keys;
}

template <class Map>
std::int64_t validate_keys(const Map& m, const std::string& path, field_errors& out) {
  std::int64_t total = 0;
  for (const auto& k : sorted_keys(m)) {
    for (const auto& msg : config_map_key_errors(k))
      out.push_back(invalid(key(path, k), k, msg));
    total += static_cast<std::int64_t>(m.at(k).size());
  }
  return total;
}

template <class Map>
bool same_map(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || it->second != v) return false;
  }
  return true;
}

}  // namespace

field_errors validate_config_map(const k8s::core::v1::ConfigMap& cm) {
  field_errors out;
  auto total = validate_keys(cm.data(), "data", out);
  for (const auto& k : sorted_keys(cm.binarydata())) {
    for (const auto& msg : config_map_key_errors(k))
      out.push_back(invalid(key("binaryData", k), k, msg));
    if (cm.data().contains(k))
      out.push_back(invalid(key("binaryData", k), k, "duplicate of key present in data"));
    total += static_cast<std::int64_t>(cm.binarydata().at(k).size());
  }
  if (total > max_size) out.push_back(too_long("", max_size));
  return out;
}

field_errors validate_secret(const k8s::core::v1::Secret& secret) {
  field_errors out;
  auto total = validate_keys(secret.data(), "data", out);
  if (total > max_size) out.push_back(too_long("data", max_size));
  const auto& type = secret.type();
  auto need = [&](const std::string& k) {
    if (!secret.data().contains(k)) out.push_back(required(key("data", k)));
  };
  if (type == "kubernetes.io/tls") {
    need("tls.crt");
    need("tls.key");
  } else if (type == "kubernetes.io/dockerconfigjson") {
    need(".dockerconfigjson");
  } else if (type == "kubernetes.io/service-account-token") {
    if (!secret.metadata().annotations().contains("kubernetes.io/service-account.name"))
      out.push_back(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
  return out;
}

field_errors validate_config_map_update(const k8s::core::v1::ConfigMap& cm,
                                        const k8s::core::v1::ConfigMap& old) {
  field_errors out;
  if (!(old.has_immutable() && old.immutable())) return out;
  if (!(cm.has_immutable() && cm.immutable()))
    out.push_back(forbidden("immutable", immutable_detail));
  if (!same_map(cm.data(), old.data())) out.push_back(forbidden("data", immutable_detail));
  if (!same_map(cm.binarydata(), old.binarydata()))
    out.push_back(forbidden("binaryData", immutable_detail));
  return out;
}

field_errors validate_secret_update(const k8s::core::v1::Secret& secret,
                                    const k8s::core::v1::Secret& old) {
  field_errors out;
  if (secret.type() != old.type())
    out.push_back(invalid("type", secret.type(), "field is immutable"));
  if (!(old.has_immutable() && old.immutable())) return out;
  if (!(secret.has_immutable() && secret.immutable()))
    out.push_back(forbidden("immutable", immutable_detail));
  if (!same_map(secret.data(), old.data())) out.push_back(forbidden("data", immutable_detail));
  return out;
}

}  // namespace kactor::admission
