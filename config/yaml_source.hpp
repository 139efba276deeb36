#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "config/field.hpp"
#include "config/result.hpp"

namespace kactor::config {

// Sets `fields` from a YAML document: nested mappings whose dotted key paths are field names
// (`up: {port: 8080}` sets "up.port"). Every scalar goes through field::assign, so YAML and
// flags accept the same text. Fails on the first problem, naming the key and its line:
// malformed YAML, an unknown key, a mapping or list where a value belongs, a refused value.
// `source` names the document in messages (usually the file path). An empty document sets
// nothing. Fields set before a failure keep their new values.
std::optional<config_error> apply_yaml(std::string_view text, std::string_view source,
                                       const std::vector<field>& fields);

// apply_yaml on the contents of `file`; a file that cannot be read is an error naming it.
std::optional<config_error> apply_yaml_file(const std::filesystem::path& file,
                                            const std::vector<field>& fields);

}  // namespace kactor::config
