#include "cmd/kactor/kubeconfig.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

TEST_CASE("the kubeconfig names the server and makes its context current") {
  auto doc = YAML::Load(kactor::cmd::kubeconfig_text("http://127.0.0.1:43210"));
  CHECK(doc["kind"].as<std::string>() == "Config");
  CHECK(doc["clusters"][0]["cluster"]["server"].as<std::string>() == "http://127.0.0.1:43210");
  CHECK(doc["current-context"].as<std::string>() == "kactor");
  CHECK(doc["contexts"][0]["context"]["cluster"].as<std::string>() == "kactor");
  CHECK(doc["contexts"][0]["context"]["namespace"].as<std::string>() == "default");
}
