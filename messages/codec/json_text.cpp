#include "messages/codec/json_text.hpp"

#include <unordered_set>

namespace kactor::messages {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The end of the JSON value starting at `pos`: after its closing bracket for objects and
// arrays (strings inside are skipped), at the next blank or bracket for scalars. An
// unterminated value ends at the end of the text, where the parser reports it.
std::size_t value_end(std::string_view text, std::size_t pos) {
  if (text[pos] != '{' && text[pos] != '[') {
    if (text[pos] == '"') {
      for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
          ++i;
        else if (text[i] == '"')
          return i + 1;
      }
      return text.size();
    }
    std::size_t i = pos;
    while (i < text.size() && !is_blank(text[i]) && text[i] != '{' && text[i] != '[')
      ++i;
    return i;
  }
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

// Finds members defined twice while nlohmann parses (the DOM keeps only the later value).
// Paths are built only for duplicates: each frame remembers its current child.
class duplicate_finder {
 public:
  explicit duplicate_finder(std::vector<std::string>& out) : out_(out) {}

  bool operator()(int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        start_child();
        frames_.push_back({event == json::parse_event_t::array_start, 0, {}, {}});
        break;
      case json::parse_event_t::key: {
        auto& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) out_.push_back(current_path());
        break;
      }
      case json::parse_event_t::value:
        start_child();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
    }
    return true;
  }

 private:
  struct frame {
    bool is_array;
    std::size_t items;  // array items started so far; the current one is items - 1
    std::string key;    // the current member of an object
    std::unordered_set<std::string> keys;
  };

  void start_child() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().items;
  }

  // The path of the member or item being parsed now.
  std::string current_path() const {
    std::string path;
    for (const auto& f : frames_)
      path = f.is_array ? index_path(path, f.items - 1) : member_path(path, f.key);
    return path;
  }

  std::vector<std::string>& out_;
  std::vector<frame> frames_;
};

codec_error syntax_error(std::string_view text, std::size_t offset, const std::string& what) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') ++line, line_start = i + 1;
  // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 5: why".
  std::string why = what;
  if (auto col = what.find("column "); col != std::string::npos)
    if (auto colon = what.find(": ", col); colon != std::string::npos) why = what.substr(colon + 2);
  return {codec_errc::syntax, "json: line " + std::to_string(line) + ", column " +
                                  std::to_string(offset - line_start + 1) + ": " + why};
}

}  // namespace

result<std::vector<document>> parse_json_stream(std::string_view text) {
  std::vector<document> out;
  std::size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_blank(text[pos]))
      ++pos;
    if (pos == text.size()) return out;
    std::size_t end = value_end(text, pos);
    document doc;
    doc.index = static_cast<int>(out.size()) + 1;
    try {
      doc.value = json::parse(text.substr(pos, end - pos), duplicate_finder(doc.duplicate_fields));
    } catch (const json::parse_error& e) {
      // e.byte is the 1-based index of the last character read within the slice.
      return syntax_error(text, pos + (e.byte > 0 ? e.byte - 1 : 0), e.what());
    }
    out.push_back(std::move(doc));
    pos = end;
  }
}

result<json> parse_json(std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    return syntax_error(text, e.byte > 0 ? e.byte - 1 : 0, e.what());
  }
}

}  // namespace kactor::messages
