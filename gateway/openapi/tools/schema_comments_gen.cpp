// Build tool: reads a FileDescriptorSet written by `protoc --include_source_info` and writes a
// C++ source defining kactor::openapi::schema_comment_table() (see schema_comments.hpp): the
// comment of every documented message and field, by full name, sorted.
//
// Usage: kactor_schema_comments_gen <descriptor set> <output .cpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include <google/protobuf/descriptor.pb.h>

namespace {

using google::protobuf::DescriptorProto;
using google::protobuf::FileDescriptorProto;
using google::protobuf::SourceCodeInfo;

// FileDescriptorProto / DescriptorProto field numbers used in SourceCodeInfo paths.
constexpr int file_message_type = 4;
constexpr int message_field = 2;
constexpr int message_nested_type = 3;

std::string trim(const std::string& s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

// Comment lines become paragraphs: lines of a block are joined by spaces, blank lines
// separate paragraphs ("\n\n"). kubectl explain re-wraps the text anyway.
std::string normalize(const std::string& comment) {
  std::string out, paragraph;
  std::istringstream lines(comment);
  auto flush = [&] {
    if (paragraph.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
    paragraph.clear();
  };
  for (std::string line; std::getline(lines, line);) {
    line = trim(line);
    if (line.empty()) {
      flush();
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += line;
  }
  flush();
  return out;
}

// The full name of the message or field a location path points at; "" for anything else.
std::string name_of(const FileDescriptorProto& file, const SourceCodeInfo::Location& loc) {
  const auto& path = loc.path();
  if (path.size() < 2 || path[0] != file_message_type || path[1] >= file.message_type_size())
    return "";
  const DescriptorProto* message = &file.message_type(path[1]);
  std::string name = file.package() + "." + message->name();
  for (int i = 2; i + 1 < path.size(); i += 2) {
    if (path[i] == message_nested_type && path[i + 1] < message->nested_type_size()) {
      message = &message->nested_type(path[i + 1]);
      name += "." + message->name();
    } else if (path[i] == message_field && path[i + 1] < message->field_size() &&
               i + 2 == path.size()) {
      return name + "." + message->field(path[i + 1]).name();
    } else {
      return "";
    }
  }
  return path.size() % 2 == 0 ? name : "";
}

// Field comments are often fragments ("default 1"): start them with a capital letter unless
// the first word is an identifier (podIP, maxSurge), and end them with a period.
std::string sentence(std::string text) {
  auto word_end = text.find_first_of(" ,;:.(");
  std::string_view first = std::string_view(text).substr(0, word_end);
  bool plain_word = !first.empty() && std::all_of(first.begin(), first.end(),
                                                  [](char c) { return c >= 'a' && c <= 'z'; });
  if (plain_word) text[0] = static_cast<char>(text[0] - 'a' + 'A');
  char last = text.empty() ? '.' : text.back();
  if (std::isalnum(static_cast<unsigned char>(last)) || last == ')' || last == '"' || last == '\'')
    text += '.';
  return text;
}

std::string cpp_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " <descriptor set> <output .cpp>\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  google::protobuf::FileDescriptorSet set;
  if (!in || !set.ParseFromIstream(&in)) {
    std::cerr << argv[0] << ": cannot read descriptor set " << argv[1] << "\n";
    return 1;
  }
  std::map<std::string, std::string> comments;  // sorted by name
  for (const auto& file : set.file()) {
    for (const auto& loc : file.source_code_info().location()) {
      std::string name = name_of(file, loc);
      if (name.empty()) continue;
      std::string leading = normalize(loc.leading_comments());
      std::string trailing = normalize(loc.trailing_comments());
      std::string text = leading.empty()    ? trailing
                         : trailing.empty() ? leading
                                            : leading + " " + trailing;
      if (!text.empty()) comments[name] = sentence(text);
    }
  }
  std::ofstream out(argv[2], std::ios::trunc);
  out << "// Generated by gateway/openapi/tools/schema_comments_gen.cpp from messages/proto.\n"
         "// Do not edit.\n"
         "#include \"gateway/openapi/schema_comments.hpp\"\n\n"
         "namespace kactor::openapi {\n\n"
         "std::span<const schema_comment_entry> schema_comment_table() {\n"
         "  static constexpr schema_comment_entry table[] = {\n";
  for (const auto& [name, text] : comments)
    out << "      {" << cpp_string(name) << ",\n       " << cpp_string(text) << "},\n";
  if (comments.empty()) out << "      {\"\", \"\"},\n";
  out << "  };\n  return table;\n}\n\n}  // namespace kactor::openapi\n";
  if (!out) {
    std::cerr << argv[0] << ": cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
