#pragma once

#include <string>

#include "messages/codec/json_path.hpp"

namespace kactor::discovery {

/// What GET /version reports besides the Kubernetes version we implement.
struct version_options {
  std::string kactor_version = "0.0.0";  ///< our release: gitVersion "v1.32.0-kactor.<this>"
  std::string git_commit;                ///< the commit built from; "" when unknown
  std::string build_date = "1970-01-01T00:00:00Z";  ///< RFC 3339; fixed unless told
};

/// The Kubernetes API version kactor implements; `minor` must stay "32": the kubectl
/// dispatcher on our machines picks its client binary by it.
inline constexpr const char* kubernetes_major = "1";
inline constexpr const char* kubernetes_minor = "32";
inline constexpr const char* kubernetes_version = "v1.32.0";

/// The body of GET /version (Kubernetes' version.Info):
/// {"major":"1","minor":"32","gitVersion":"v1.32.0-kactor.<ver>","gitCommit":...,
///  "gitTreeState":"clean","buildDate":...,"goVersion":"","compiler":"gcc"|"clang",
///  "platform":"linux/amd64"}. goVersion is empty: no Go toolchain built us.
messages::json version_info(const version_options& options);

}  // namespace kactor::discovery
