#pragma once

#include <cstddef>
#include <string_view>

// The form nlohmann's compact dump writes, recognized without building a tree.
namespace kactor::messages {

/// The length of the valid UTF-8 sequence starting at `text[i]` (a lead byte >= 0x80), 0 when
/// it is invalid: no overlong forms, no surrogates, nothing above U+10FFFF (what nlohmann's
/// decoder accepts).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// True when `text` is exactly what parsing it and dumping the tree writes: no blanks,
/// integers only (no "-0", no leading zeros, at most 18 digits), strings with nlohmann's
/// escapes and valid UTF-8, no member twice in one object. Such bytes can be copied into JSON
/// output as they are.
bool is_canonical_json(std::string_view text);

}  // namespace kactor::messages
