#include "messages/codec/json_writer.hpp"

#include <cmath>
#include <mutex>
#include <set>
#include <unordered_map>

#include "messages/codec/base64.hpp"
#include "messages/codec/canonical_json.hpp"
#include "messages/codec/schema.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/registry.hpp"
#include "messages/time.hpp"

namespace kactor::messages {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A string that is not UTF-8 was met: the caller falls back to the tree.
struct not_utf8 {};

void string_or_throw(std::string& out, std::string_view text) {
  if (!append_json_string(out, text)) throw not_utf8{};
}

const FieldDescriptor* field_number(const Message& m, int number) {
  return m.GetDescriptor()->FindFieldByNumber(number);
}

bool has(const Message& m, int number) {
  const FieldDescriptor* f = field_number(m, number);
  return f != nullptr && m.GetReflection()->HasField(m, f);
}

bool form_is_empty(const Message& m, ::kactor::JsonForm form) {
  switch (form) {
    case ::kactor::JSON_TIME:
    case ::kactor::JSON_MICRO_TIME:
      return !has(m, 1) && !has(m, 2);
    case ::kactor::JSON_DURATION:
    case ::kactor::JSON_QUANTITY:
      return !has(m, 1);
    case ::kactor::JSON_INT_OR_STRING:
      return !has(m, 1) && !has(m, 2) && !has(m, 3);
    case ::kactor::JSON_RAW:
      return !has(m, 1) || m.GetReflection()->GetString(m, field_number(m, 1)).empty();
    default:
      return false;
  }
}

void collect_names(const Descriptor* type, std::vector<std::string>& names) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (!f->is_repeated() && f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && is_inlined(f))
      collect_names(f->message_type(), names);
    else
      names.push_back(f->json_name());
  }
}

// The JSON member names an object of `type` may hold (inlined members expanded), computed
// once per type. Two fields with one name make the tree keep the first position with the
// last value: such types are written through the tree.
struct type_facts {
  std::vector<std::string> names;
  bool unique = true;
};

const type_facts& facts_of(const Descriptor* type) {
  static std::mutex mutex;
  static std::unordered_map<const Descriptor*, type_facts> cache;
  std::lock_guard lock(mutex);
  auto [it, added] = cache.try_emplace(type);
  if (added) {
    collect_names(type, it->second.names);
    std::set<std::string> seen(it->second.names.begin(), it->second.names.end());
    it->second.unique = seen.size() == it->second.names.size();
  }
  return it->second;
}

// Per-thread memo of facts_of(type).unique, so the lock is taken once per type and thread.
bool members_unique(const Descriptor* type) {
  thread_local std::unordered_map<const Descriptor*, bool> memo;
  auto it = memo.find(type);
  if (it != memo.end()) return it->second;
  bool unique = facts_of(type).unique;
  memo.emplace(type, unique);
  return unique;
}

class writer {
 public:
  explicit writer(std::string& out) : out_(out) {}

  void value(const Message& m) {
    ::kactor::JsonForm form = json_form_of(m.GetDescriptor());
    const Reflection* r = m.GetReflection();
    if (form != ::kactor::JSON_OBJECT && form != ::kactor::JSON_LIST && form_is_empty(m, form)) {
      if (form == ::kactor::JSON_DURATION)
        out_ += "\"0s\"";
      else if (form == ::kactor::JSON_QUANTITY)
        out_ += "\"0\"";
      else if (form == ::kactor::JSON_INT_OR_STRING)
        out_ += '0';
      else
        out_ += "null";
      return;
    }
    switch (form) {
      case ::kactor::JSON_TIME:
        return string_or_throw(out_, format_rfc3339(r->GetInt64(m, field_number(m, 1))));
      case ::kactor::JSON_MICRO_TIME:
        return string_or_throw(out_, format_rfc3339_micro({r->GetInt64(m, field_number(m, 1)),
                                                           r->GetInt32(m, field_number(m, 2))}));
      case ::kactor::JSON_DURATION:
        return string_or_throw(out_, format_go_duration(r->GetInt64(m, field_number(m, 1))));
      case ::kactor::JSON_QUANTITY:
        return string_or_throw(out_, r->GetString(m, field_number(m, 1)));
      case ::kactor::JSON_INT_OR_STRING:
        if (r->GetInt64(m, field_number(m, 1)) == 1)
          return string_or_throw(out_, r->GetString(m, field_number(m, 3)));
        out_ += std::to_string(r->GetInt32(m, field_number(m, 2)));
        return;
      case ::kactor::JSON_RAW: {
        std::string scratch;
        const auto& bytes = r->GetStringReference(m, field_number(m, 1), &scratch);
        if (is_canonical_json(bytes)) {
          out_ += bytes;
          return;
        }
        out_ += to_json(m).dump();
        return;
      }
      case ::kactor::JSON_LIST:
        out_ += to_json(m).dump();  // a rare form: the tree writes it
        return;
      default:
        object(m);
    }
  }

  void object(const Message& m) {
    if (!members_unique(m.GetDescriptor())) {
      out_ += to_json(m).dump();
      return;
    }
    out_ += '{';
    bool first = true;
    members(m, first);
    out_ += '}';
  }

  // The members of `m` as write_members adds them, after a ',' unless `first`.
  void members(const Message& m, bool& first) {
    const auto* type = m.GetDescriptor();
    const Reflection* r = m.GetReflection();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      if (f->is_repeated()) {
        int n = r->FieldSize(m, f);
        if (n == 0) continue;
        key(f->json_name(), first);
        if (f->is_map()) {
          map(m, f);
          continue;
        }
        out_ += '[';
        for (int k = 0; k < n; ++k) {
          if (k) out_ += ',';
          scalar(m, f, k);
        }
        out_ += ']';
        continue;
      }
      if (!r->HasField(m, f)) continue;
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const Message& sub = r->GetMessage(m, f);
        if (is_inlined(f)) {
          members(sub, first);
          continue;
        }
        ::kactor::JsonForm form = json_form_of(sub.GetDescriptor());
        if (form != ::kactor::JSON_OBJECT && form != ::kactor::JSON_LIST &&
            form_is_empty(sub, form))
          continue;
      }
      key(f->json_name(), first);
      scalar(m, f, -1);
    }
  }

 private:
  void key(const std::string& name, bool& first) {
    if (!first) out_ += ',';
    first = false;
    string_or_throw(out_, name);
    out_ += ':';
  }

  void scalar(const Message& m, const FieldDescriptor* f, int index) {
    const Reflection* r = m.GetReflection();
    bool repeated = index >= 0;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        out_ += std::to_string(repeated ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
        return;
      case FieldDescriptor::CPPTYPE_INT64:
        out_ += std::to_string(repeated ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
        return;
      case FieldDescriptor::CPPTYPE_UINT32:
        out_ += std::to_string(repeated ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
        return;
      case FieldDescriptor::CPPTYPE_UINT64:
        out_ += std::to_string(repeated ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
        return;
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT: {
        double d = f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE
                       ? (repeated ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f))
                       : (repeated ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
        out_ += std::isfinite(d) ? json(d).dump() : "null";
        return;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        out_ += (repeated ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
        return;
      case FieldDescriptor::CPPTYPE_ENUM:
        string_or_throw(out_,
                        (repeated ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name());
        return;
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s = repeated ? r->GetRepeatedStringReference(m, f, index, &scratch)
                                        : r->GetStringReference(m, f, &scratch);
        if (f->type() == FieldDescriptor::TYPE_BYTES)
          string_or_throw(out_, encode_base64(s));
        else
          string_or_throw(out_, s);
        return;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        value(repeated ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f));
        return;
    }
    out_ += "null";
  }

  // A map as map_value writes it: keys sorted bytewise; a non-string key as its JSON text.
  void map(const Message& m, const FieldDescriptor* f) {
    const Reflection* r = m.GetReflection();
    int n = r->FieldSize(m, f);
    std::vector<std::pair<std::string, const Message*>> entries;
    entries.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      const Message& entry = r->GetRepeatedMessage(m, f, i);
      const FieldDescriptor* key = entry.GetDescriptor()->map_key();
      std::string text;
      if (key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        text = entry.GetReflection()->GetString(entry, key);
      } else {
        writer{text}.scalar(entry, key, -1);
      }
      entries.emplace_back(std::move(text), &entry);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out_ += '{';
    for (std::size_t i = 0; i < entries.size(); ++i) {
      // The tree keeps one member per key: the first position, the last value.
      if (i > 0 && entries[i].first == entries[i - 1].first) continue;
      std::size_t last = i;
      while (last + 1 < entries.size() && entries[last + 1].first == entries[i].first)
        ++last;
      if (i) out_ += ',';
      string_or_throw(out_, entries[i].first);
      out_ += ':';
      const Message& entry = *entries[last].second;
      scalar(entry, entry.GetDescriptor()->map_value(), -1);
    }
    out_ += '}';
  }

  std::string& out_;
};

}  // namespace

bool append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t start = out.size();
  out.reserve(start + text.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence_length(text, i);
      if (n == 0) {
        out.resize(start);
        return false;
      }
      out.append(text.data() + i, n);
      i += n;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c <= 0x1F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
  return true;
}

std::string to_json_text(const Message& message) {
  std::string out;
  out.reserve(1024);
  try {
    writer{out}.value(message);
  } catch (const not_utf8&) {
    return to_json(message).dump();
  }
  return out;
}

std::string to_json_object_text(const Message& message, const registry& types) {
  auto meta = types.type_meta_of(message.GetDescriptor());
  ::kactor::JsonForm form = json_form_of(message.GetDescriptor());
  // Members named like the TypeMeta would replace it in place (the tree's merge): rare.
  bool plain = form == ::kactor::JSON_OBJECT && members_unique(message.GetDescriptor());
  if (plain && meta) {
    for (const auto& name : facts_of(message.GetDescriptor()).names)
      if (name == "kind" || name == "apiVersion") plain = false;
  }
  if (!plain) return to_json_object(message, types).dump();
  std::string out;
  out.reserve(1024);
  try {
    out += '{';
    bool first = true;
    if (meta) {
      string_or_throw(out, "kind");
      out += ':';
      string_or_throw(out, meta->kind);
      out += ",";
      string_or_throw(out, "apiVersion");
      out += ':';
      string_or_throw(out, meta->api_version);
      first = false;
    }
    writer{out}.members(message, first);
    out += '}';
  } catch (const not_utf8&) {
    return to_json_object(message, types).dump();
  }
  return out;
}

}  // namespace kactor::messages
