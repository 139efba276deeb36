#pragma once

// Test helpers shared by this folder's tests (header-only, used by *.test.cpp only): decode
// manifests from inline YAML or from the shared fixtures.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "messages/manifest.hpp"

namespace kactor::admission::testing {

/// Every document of `yaml`, decoded; fails the test on a decode error.
inline std::vector<std::unique_ptr<google::protobuf::Message>> decode_all(const std::string& yaml) {
  auto docs = messages::decode_manifests(yaml, messages::registry::generated());
  REQUIRE_MESSAGE(docs.has_value(), docs.error().message);
  std::vector<std::unique_ptr<google::protobuf::Message>> out;
  for (auto& d : *docs)
    out.push_back(std::move(d.object));
  return out;
}

/// The one document of `yaml`, as T.
template <class T>
T decode(const std::string& yaml) {
  auto all = decode_all(yaml);
  REQUIRE(all.size() == 1);
  auto* typed = google::protobuf::DynamicCastToGenerated<T>(all.front().get());
  REQUIRE(typed != nullptr);
  return *typed;
}

/// The text of a shared fixture manifest (shared/fixtures/manifests/<name>).
inline std::string fixture(const std::string& name) {
  const char* source = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE_MESSAGE(source != nullptr, "KACTOR_SOURCE_DIR is not set");
  auto path = std::filesystem::path(source) / ".." / "shared" / "fixtures" / "manifests" / name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The document of kind `T` in a fixture with several documents (the first one).
template <class T>
T fixture_object(const std::string& name) {
  for (auto& m : decode_all(fixture(name))) {
    if (auto* typed = google::protobuf::DynamicCastToGenerated<T>(m.get())) return *typed;
  }
  FAIL("no such kind in " << name);
  return T{};
}

}  // namespace kactor::admission::testing
