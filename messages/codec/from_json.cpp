#include "messages/codec/from_json.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "messages/codec/base64.hpp"
#include "messages/codec/schema.hpp"
#include "messages/quantity.hpp"
#include "messages/time.hpp"

namespace kactor::messages {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// What a JSON value is, for "expected X, got Y" texts.
std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::string: {
      std::string s = v.get<std::string>();
      if (s.size() > 60) s = s.substr(0, 57) + "...";
      return "string " + json(s).dump();
    }
    case json::value_t::boolean:
      return v.get<bool>() ? "boolean true" : "boolean false";
    case json::value_t::number_float: {
      double d = v.get<double>();
      if (std::isnan(d)) return "number NaN";
      if (std::isinf(d)) return d > 0 ? "number +Inf" : "number -Inf";
      return "number " + v.dump();
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "number " + v.dump();
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    default:
      return "null";
  }
}

std::string trim_space(const std::string& s) {
  std::size_t first = s.find_first_not_of(" \t\r\n\v\f");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n\v\f") - first + 1);
}

// The field named `key` in `type` or, when none, in a field inlined into it (recursively);
// `chain` receives the inlined fields to descend through. An inlined field has no JSON name.
// Members are matched by JSON name: two fields differ from their protobuf name
// (IngressClassParametersReference.aPIGroup is "apiGroup", BoundObjectReference.uID is "uid").
const FieldDescriptor* find_member(const Descriptor* type, const std::string& key,
                                   std::vector<const FieldDescriptor*>& chain) {
  if (const FieldDescriptor* f = type->FindFieldByName(key); f != nullptr) {
    if (!is_inlined(f) && f->json_name() == key) return f;
  } else {
    for (int i = 0; i < type->field_count(); ++i)
      if (type->field(i)->json_name() == key && !is_inlined(type->field(i))) return type->field(i);
  }
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (!is_inlined(f) || f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    chain.push_back(f);
    if (const FieldDescriptor* found = find_member(f->message_type(), key, chain)) return found;
    chain.pop_back();
  }
  return nullptr;
}

class decoder {
 public:
  explicit decoder(const decode_options& options) : options_(options) {}

  std::vector<std::string> unknown;

  result<void> message(const json& v, Message& m, const std::string& path, bool root) {
    const Reflection* r = m.GetReflection();
    const Descriptor* type = m.GetDescriptor();
    ::kactor::JsonForm form = json_form_of(type);
    const FieldDescriptor* first = type->FindFieldByNumber(1);
    switch (form) {
      case ::kactor::JSON_TIME:
      case ::kactor::JSON_MICRO_TIME: {
        if (!v.is_string()) return mismatch(path, "RFC 3339 time string", v);
        auto t = parse_rfc3339(v.get<std::string>());
        if (!t) return error(codec_errc::invalid_value, path, t.error().message);
        r->SetInt64(&m, first, t->seconds);
        if (t->nanos != 0) r->SetInt32(&m, type->FindFieldByNumber(2), t->nanos);
        return {};
      }
      case ::kactor::JSON_DURATION: {
        if (!v.is_string()) return mismatch(path, "duration string", v);
        auto d = parse_go_duration(v.get<std::string>());
        if (!d) return error(codec_errc::invalid_value, path, d.error().message);
        r->SetInt64(&m, first, *d);
        return {};
      }
      case ::kactor::JSON_QUANTITY: {
        std::string text;
        if (v.is_string())
          text = trim_space(v.get<std::string>());
        else if (v.is_number() && std::isfinite(v.get<double>()))
          text = v.dump();
        else
          return mismatch(path, "quantity (string or number)", v);
        if (auto ok = validate_quantity(text); !ok)
          return error(codec_errc::invalid_value, path, ok.error().message);
        r->SetString(&m, first, std::move(text));
        return {};
      }
      case ::kactor::JSON_INT_OR_STRING:
        return int_or_string(v, m, path);
      case ::kactor::JSON_RAW:
        r->SetString(&m, first, v.dump());
        return {};
      case ::kactor::JSON_LIST:
        return repeated(v, m, first, path);
      default:
        return object(v, m, path, root || is_api_object(type));
    }
  }

 private:
  codec_error error(codec_errc code, const std::string& path, std::string text) const {
    std::string message = path.empty() ? std::move(text) : path + ": " + text;
    return {code, with_line(std::move(message), options_.lines, path)};
  }

  codec_error mismatch(const std::string& path, std::string_view expected, const json& v) const {
    return error(codec_errc::wrong_type, path,
                 "expected " + std::string(expected) + ", got " + describe(v));
  }

  result<void> object(const json& v, Message& m, const std::string& path, bool type_meta) {
    if (!v.is_object()) return mismatch(path, "object", v);
    std::vector<const FieldDescriptor*> chain;
    for (const auto& [key, value] : v.items()) {
      std::string member = member_path(path, key);
      chain.clear();
      const FieldDescriptor* f = find_member(m.GetDescriptor(), key, chain);
      if (f == nullptr) {
        if (!(type_meta && (key == "apiVersion" || key == "kind"))) unknown.push_back(member);
        continue;
      }
      if (value.is_null()) continue;
      Message* target = &m;
      for (const FieldDescriptor* inlined : chain)
        target = target->GetReflection()->MutableMessage(target, inlined);
      if (auto ok = field(value, *target, f, member); !ok) return ok;
    }
    return {};
  }

  result<void> field(const json& v, Message& m, const FieldDescriptor* f, const std::string& path) {
    if (f->is_map()) return map(v, m, f, path);
    if (f->is_repeated()) return repeated(v, m, f, path);
    return set(v, m, f, path, false);
  }

  result<void> repeated(const json& v, Message& m, const FieldDescriptor* f,
                        const std::string& path) {
    if (!v.is_array()) return mismatch(path, "array", v);
    for (std::size_t i = 0; i < v.size(); ++i)
      if (auto ok = set(v[i], m, f, index_path(path, i), true); !ok) return ok;
    return {};
  }

  result<void> map(const json& v, Message& m, const FieldDescriptor* f, const std::string& path) {
    if (!v.is_object()) return mismatch(path, "object", v);
    const FieldDescriptor* key_field = f->message_type()->map_key();
    const FieldDescriptor* value_field = f->message_type()->map_value();
    for (const auto& [key, value] : v.items()) {
      std::string member = member_path(path, key);
      Message* entry = m.GetReflection()->AddMessage(&m, f);
      if (auto ok = map_key(key, *entry, key_field, member); !ok) return ok;
      // A null value is the value type's zero value, as in Go.
      if (value.is_null()) continue;
      if (auto ok = set(value, *entry, value_field, member, false); !ok) return ok;
    }
    return {};
  }

  result<void> map_key(const std::string& key, Message& entry, const FieldDescriptor* f,
                       const std::string& path) {
    const Reflection* r = entry.GetReflection();
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      r->SetString(&entry, f, key);
      return {};
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL && (key == "true" || key == "false")) {
      r->SetBool(&entry, f, key == "true");
      return {};
    }
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), n);
    if (ec != std::errc{} || end != key.data() + key.size())
      return error(codec_errc::invalid_value, path, "invalid map key \"" + key + "\"");
    return set(json(n), entry, f, path, false);
  }

  // Range-checked integer for a field of the named type.
  result<__int128> integer(const json& v, const std::string& path, __int128 lo, __int128 hi,
                           std::string_view type) {
    if (!v.is_number_integer()) return mismatch(path, "integer", v);
    __int128 n = v.is_number_unsigned() ? static_cast<__int128>(v.get<std::uint64_t>())
                                        : static_cast<__int128>(v.get<std::int64_t>());
    if (n < lo || n > hi)
      return error(codec_errc::invalid_value, path,
                   "value " + v.dump() + " out of range for " + std::string(type));
    return n;
  }

  result<void> int_or_string(const json& v, Message& m, const std::string& path) {
    const Reflection* r = m.GetReflection();
    const Descriptor* type = m.GetDescriptor();
    if (v.is_string()) {
      r->SetInt64(&m, type->FindFieldByNumber(1), 1);
      r->SetString(&m, type->FindFieldByNumber(3), v.get<std::string>());
      return {};
    }
    if (!v.is_number_integer()) return mismatch(path, "integer or string", v);
    auto n = integer(v, path, INT32_MIN, INT32_MAX, "int32");
    if (!n) return n.error();
    r->SetInt64(&m, type->FindFieldByNumber(1), 0);
    r->SetInt32(&m, type->FindFieldByNumber(2), static_cast<std::int32_t>(*n));
    return {};
  }

  // Sets a singular field, or appends to a repeated one (`add`). A null list item appends
  // the zero value, as Go does.
  result<void> set(const json& v, Message& m, const FieldDescriptor* f, const std::string& path,
                   bool add);
  // set() for integer and floating-point fields.
  result<void> set_number(const json& x, Message& m, const FieldDescriptor* f,
                          const std::string& path, bool add);
  // set() for bool, enum, string and bytes fields.
  result<void> set_text(const json& x, Message& m, const FieldDescriptor* f,
                        const std::string& path, bool add);

  const decode_options& options_;
};

result<void> decoder::set(const json& v, Message& m, const FieldDescriptor* f,
                          const std::string& path, bool add) {
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const Reflection* r = m.GetReflection();
    Message* sub = add ? r->AddMessage(&m, f) : r->MutableMessage(&m, f);
    if (v.is_null()) return {};
    return message(v, *sub, path, false);
  }
  if (v.is_null() && !add) return {};
  json x = v;
  if (v.is_null()) {
    // A null list item is the zero value of the item's type.
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING)
      x = "";
    else if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL)
      x = false;
    else
      x = 0;
  }
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
    case FieldDescriptor::CPPTYPE_ENUM:
    case FieldDescriptor::CPPTYPE_STRING:
      return set_text(x, m, f, path, add);
    default:
      return set_number(x, m, f, path, add);
  }
}

result<void> decoder::set_number(const json& x, Message& m, const FieldDescriptor* f,
                                 const std::string& path, bool add) {
  const Reflection* r = m.GetReflection();
  constexpr auto i64 = std::numeric_limits<std::int64_t>::max();
  constexpr auto u64 = std::numeric_limits<std::uint64_t>::max();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      auto n = integer(x, path, INT32_MIN, INT32_MAX, "int32");
      if (!n) return n.error();
      auto value = static_cast<std::int32_t>(*n);
      add ? r->AddInt32(&m, f, value) : r->SetInt32(&m, f, value);
      return {};
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      auto n = integer(x, path, -static_cast<__int128>(i64) - 1, i64, "int64");
      if (!n) return n.error();
      auto value = static_cast<std::int64_t>(*n);
      add ? r->AddInt64(&m, f, value) : r->SetInt64(&m, f, value);
      return {};
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      auto n = integer(x, path, 0, UINT32_MAX, "uint32");
      if (!n) return n.error();
      auto value = static_cast<std::uint32_t>(*n);
      add ? r->AddUInt32(&m, f, value) : r->SetUInt32(&m, f, value);
      return {};
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      auto n = integer(x, path, 0, u64, "uint64");
      if (!n) return n.error();
      auto value = static_cast<std::uint64_t>(*n);
      add ? r->AddUInt64(&m, f, value) : r->SetUInt64(&m, f, value);
      return {};
    }
    default: {  // double and float
      if (!x.is_number() || !std::isfinite(x.get<double>()))
        return mismatch(path, "finite number", x);
      double d = x.get<double>();
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT)
        add ? r->AddFloat(&m, f, static_cast<float>(d)) : r->SetFloat(&m, f, static_cast<float>(d));
      else
        add ? r->AddDouble(&m, f, d) : r->SetDouble(&m, f, d);
      return {};
    }
  }
}

result<void> decoder::set_text(const json& x, Message& m, const FieldDescriptor* f,
                               const std::string& path, bool add) {
  const Reflection* r = m.GetReflection();
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    if (!x.is_boolean()) return mismatch(path, "boolean", x);
    add ? r->AddBool(&m, f, x.get<bool>()) : r->SetBool(&m, f, x.get<bool>());
    return {};
  }
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    const google::protobuf::EnumValueDescriptor* e = nullptr;
    if (x.is_string())
      e = f->enum_type()->FindValueByName(x.get<std::string>());
    else if (x.is_number_integer())
      e = f->enum_type()->FindValueByNumber(x.get<int>());
    else
      return mismatch(path, "string", x);
    if (e == nullptr)
      return error(codec_errc::invalid_value, path, "unsupported value " + x.dump());
    add ? r->AddEnum(&m, f, e) : r->SetEnum(&m, f, e);
    return {};
  }
  bool bytes = f->type() == FieldDescriptor::TYPE_BYTES;
  if (!x.is_string()) return mismatch(path, bytes ? "base64 string" : "string", x);
  std::string s = x.get<std::string>();
  if (bytes) {
    auto decoded = decode_base64(s);
    if (!decoded) return error(codec_errc::invalid_value, path, decoded.error().message);
    s = std::move(*decoded);
  }
  add ? r->AddString(&m, f, std::move(s)) : r->SetString(&m, f, std::move(s));
  return {};
}

}  // namespace

result<std::vector<std::string>> from_json(const json& value, Message& out,
                                           const decode_options& options) {
  decoder d(options);
  if (auto ok = d.message(value, out, options.root_path, true); !ok) return ok.error();
  std::vector<std::string> issues, located;
  for (const auto& path : d.unknown) {
    issues.push_back("unknown field \"" + path + "\"");
    located.push_back(with_line(issues.back(), options.lines, path));
  }
  for (const auto& path : options.duplicate_fields) {
    issues.push_back("duplicate field \"" + path + "\"");
    located.push_back(with_line(issues.back(), options.lines, path));
  }
  if (!options.strict || issues.empty()) return issues;
  std::string message = "strict decoding error: ";
  for (std::size_t i = 0; i < located.size(); ++i)
    message += (i ? ", " : "") + located[i];
  return codec_error{codec_errc::unknown_field, std::move(message)};
}

}  // namespace kactor::messages
