#include "gateway/discovery/version_info.hpp"

namespace kactor::discovery {

namespace {

constexpr const char* compiler_name() {
#if defined(__clang__)
  return "clang";
#elif defined(__GNUC__)
  return "gcc";
#else
  return "unknown";
#endif
}

// Go's GOOS/GOARCH spelling, which clients print and some parse.
constexpr const char* platform_name() {
#if defined(__x86_64__)
  return "linux/amd64";
#elif defined(__aarch64__)
  return "linux/arm64";
#elif defined(__i386__)
  return "linux/386";
#elif defined(__arm__)
  return "linux/arm";
#else
  return "linux/unknown";
#endif
}

}  // namespace

messages::json version_info(const version_options& options) {
  messages::json out = messages::json::object();
  out["major"] = kubernetes_major;
  out["minor"] = kubernetes_minor;
  out["gitVersion"] = std::string(kubernetes_version) + "-kactor." + options.kactor_version;
  out["gitCommit"] = options.git_commit;
  out["gitTreeState"] = "clean";
  out["buildDate"] = options.build_date;
  out["goVersion"] = "";
  out["compiler"] = compiler_name();
  out["platform"] = platform_name();
  return out;
}

}  // namespace kactor::discovery
