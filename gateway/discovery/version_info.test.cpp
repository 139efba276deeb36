#include "gateway/discovery/version_info.hpp"

#include <doctest/doctest.h>

using namespace kactor::discovery;

TEST_CASE("version_info says Kubernetes 1.32 and names kactor's release") {
  version_options options;
  options.kactor_version = "0.1.0";
  options.git_commit = "abc123";
  auto v = version_info(options);
  CHECK(v["major"] == "1");
  CHECK(v["minor"] == "32");  // the kubectl dispatcher picks its client by this field
  CHECK(v["gitVersion"] == "v1.32.0-kactor.0.1.0");
  CHECK(v["gitCommit"] == "abc123");
  CHECK(v["gitTreeState"] == "clean");
  CHECK(v["buildDate"] == "1970-01-01T00:00:00Z");
  CHECK(v["platform"].get<std::string>().starts_with("linux/"));
  CHECK(v.begin().key() == "major");
  for (const auto& [key, value] : v.items())
    CHECK(value.is_string());
}
