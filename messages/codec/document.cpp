#include "messages/codec/document.hpp"

#include "messages/codec/json_text.hpp"
#include "messages/codec/yaml.hpp"

namespace kactor::messages {

result<std::vector<document>> parse_documents(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return parse_json_stream(text);
  return parse_yaml(text);
}

}  // namespace kactor::messages
