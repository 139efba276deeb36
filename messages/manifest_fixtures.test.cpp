// Every document of every manifest under shared/fixtures/manifests must survive
// YAML -> message -> JSON, message -> protobuf -> message, and the "k8s\0" envelope, equal as
// data to the YAML read as JSON. A failure prints the differing paths.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "messages/codec/json_diff.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/envelope.hpp"
#include "messages/manifest.hpp"

using namespace kactor::messages;

namespace {

std::filesystem::path fixtures_dir() {
  const char* source = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE_MESSAGE(source != nullptr, "KACTOR_SOURCE_DIR is not set");
  return std::filesystem::path(source) / ".." / "shared" / "fixtures" / "manifests";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += "\n  " + line;
  return out;
}

void check_same(const json& expected, const json& actual, const std::string& what) {
  auto differences = json_differences(expected, actual);
  CHECK_MESSAGE(differences.empty(), what << ":" << joined(differences));
}

}  // namespace

TEST_CASE("every fixture manifest round-trips without loss") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir()))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  const registry& types = registry::generated();
  int documents = 0;
  for (const auto& file : files) {
    std::string text = read_file(file);
    std::string name = file.filename().string();
    auto docs = parse_documents(text);
    REQUIRE_MESSAGE(docs, name << ": " << docs.error().message);
    auto objects = decode_manifests(text, types, /*strict=*/true);
    if (!objects) {
      FAIL_CHECK(name << ": " << objects.error().message);
      continue;
    }
    REQUIRE(objects->size() == docs->size());
    for (std::size_t i = 0; i < docs->size(); ++i) {
      const json& expected = (*docs)[i].value;
      const decoded_object& object = (*objects)[i];
      std::string what =
          name + " document " + std::to_string((*docs)[i].index) + " (" + object.kind + ")";
      CHECK_MESSAGE(object.warnings.empty(), what << joined(object.warnings));
      check_same(expected, to_json_object(*object.object, types), what + " YAML -> JSON");

      auto copy = types.new_message(object.object->GetDescriptor());
      REQUIRE(copy->ParseFromString(object.object->SerializeAsString()));
      check_same(expected, to_json_object(*copy, types), what + " via protobuf");

      auto bytes = encode_envelope(*object.object, types);
      REQUIRE(bytes);
      auto back = decode_envelope(*bytes, types);
      REQUIRE_MESSAGE(back, what << ": " << back.error().message);
      CHECK(back->warnings.empty());
      check_same(expected, to_json_object(*back->object, types), what + " via k8s envelope");
      ++documents;
    }
  }
  MESSAGE("round-tripped " << documents << " documents from " << files.size() << " files");
  CHECK(documents >= 19);
}
