#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/result.hpp"

namespace kactor::config {

// One settable configuration field, bound to one config struct instance. The YAML loader and
// the flag parser both set fields only through this, so a value means the same in a file and
// on the command line, and an error names the field the same way.
struct field {
  // Dotted YAML key: "up.port" is `port` inside the top-level mapping `up`.
  std::string name;
  // Long command-line flag that sets it ("--port"), or empty when only YAML sets it.
  std::string flag;
  // Parses `text` into the bound struct. Returns the expectation on failure
  // ("expected an integer 1-65535"); the bound value is then unchanged.
  std::function<std::optional<std::string>(std::string_view text)> assign;
  // The bound value as text that `assign` accepts.
  std::function<std::string()> show;
};

// Binds `target` to a field whose text is read by `parse` (a values.hpp parser returning
// result<T>) and shown by `format`.
template <class T, class Parse, class Format>
field bind_field(std::string name, std::string flag, T& target, Parse parse, Format format) {
  return field{
      std::move(name),
      std::move(flag),
      [&target, parse](std::string_view text) -> std::optional<std::string> {
        auto parsed = parse(text);
        if (!parsed) return parsed.error().message;
        target = static_cast<T>(*parsed);
        return std::nullopt;
      },
      [&target, format] { return format(target); },
  };
}

// The field called `name`, or nullptr.
const field* find_field(const std::vector<field>& fields, std::string_view name);

// The full user-facing message for a value that `assign` refused:
// `config: <name>: <expectation>, got "<text>" (<where>)`.
std::string field_error(std::string_view name, std::string_view expectation, std::string_view text,
                        std::string_view where);

}  // namespace kactor::config
