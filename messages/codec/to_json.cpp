#include "messages/codec/to_json.hpp"

#include <algorithm>
#include <cmath>

#include "messages/codec/base64.hpp"
#include "messages/codec/schema.hpp"
#include "messages/registry.hpp"
#include "messages/time.hpp"

namespace kactor::messages {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

json value_of(const Message& m);

// Field `number` of a special-form message, read through reflection so that any message
// carrying the form works.
const FieldDescriptor* field_number(const Message& m, int number) {
  return m.GetDescriptor()->FindFieldByNumber(number);
}

bool has(const Message& m, int number) {
  const FieldDescriptor* f = field_number(m, number);
  return f != nullptr && m.GetReflection()->HasField(m, f);
}

// True when a special-form message holds nothing: the field is then omitted.
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

json scalar_value(const Message& m, const FieldDescriptor* f, int index) {
  const Reflection* r = m.GetReflection();
  bool repeated = index >= 0;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return repeated ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f);
    case FieldDescriptor::CPPTYPE_INT64:
      return repeated ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f);
    case FieldDescriptor::CPPTYPE_UINT32:
      return repeated ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f);
    case FieldDescriptor::CPPTYPE_UINT64:
      return repeated ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f);
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double d = repeated ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f);
      return std::isfinite(d) ? json(d) : json(nullptr);
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double d = repeated ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f);
      return std::isfinite(d) ? json(d) : json(nullptr);
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return repeated ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f);
    case FieldDescriptor::CPPTYPE_ENUM:
      return (repeated ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name();
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string s = repeated ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
      if (f->type() == FieldDescriptor::TYPE_BYTES) return encode_base64(s);
      return s;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return value_of(repeated ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f));
  }
  return nullptr;
}

json raw_value(const Message& m) {
  const std::string& bytes = m.GetReflection()->GetString(m, field_number(m, 1));
  if (bytes.empty()) return nullptr;
  json parsed = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return encode_base64(bytes);
  return parsed;
}

json int_or_string_value(const Message& m) {
  const Reflection* r = m.GetReflection();
  if (r->GetInt64(m, field_number(m, 1)) == 1) return r->GetString(m, field_number(m, 3));
  return r->GetInt32(m, field_number(m, 2));
}

// A value in its JSON form; an empty special form gives its placeholder (null, "0", 0).
json value_of(const Message& m) {
  ::kactor::JsonForm form = json_form_of(m.GetDescriptor());
  const Reflection* r = m.GetReflection();
  if (form != ::kactor::JSON_OBJECT && form != ::kactor::JSON_LIST && form_is_empty(m, form)) {
    if (form == ::kactor::JSON_DURATION) return "0s";
    if (form == ::kactor::JSON_QUANTITY) return "0";
    if (form == ::kactor::JSON_INT_OR_STRING) return 0;
    return nullptr;
  }
  switch (form) {
    case ::kactor::JSON_TIME:
      return format_rfc3339(r->GetInt64(m, field_number(m, 1)));
    case ::kactor::JSON_MICRO_TIME:
      return format_rfc3339_micro(
          {r->GetInt64(m, field_number(m, 1)), r->GetInt32(m, field_number(m, 2))});
    case ::kactor::JSON_DURATION:
      return format_go_duration(r->GetInt64(m, field_number(m, 1)));
    case ::kactor::JSON_QUANTITY:
      return r->GetString(m, field_number(m, 1));
    case ::kactor::JSON_INT_OR_STRING:
      return int_or_string_value(m);
    case ::kactor::JSON_RAW:
      return raw_value(m);
    case ::kactor::JSON_LIST: {
      json out = json::array();
      const FieldDescriptor* items = field_number(m, 1);
      for (int i = 0, n = r->FieldSize(m, items); i < n; ++i)
        out.push_back(scalar_value(m, items, i));
      return out;
    }
    default: {
      json out = json::object();
      write_members(m, out);
      return out;
    }
  }
}

json map_value(const Message& m, const FieldDescriptor* f) {
  const Reflection* r = m.GetReflection();
  std::vector<std::pair<std::string, json>> entries;
  for (int i = 0, n = r->FieldSize(m, f); i < n; ++i) {
    const Message& entry = r->GetRepeatedMessage(m, f, i);
    const FieldDescriptor* key = entry.GetDescriptor()->map_key();
    json k = scalar_value(entry, key, -1);
    entries.emplace_back(k.is_string() ? k.get<std::string>() : k.dump(),
                         scalar_value(entry, entry.GetDescriptor()->map_value(), -1));
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  json out = json::object();
  for (auto& [k, v] : entries)
    out[k] = std::move(v);
  return out;
}

}  // namespace

void write_members(const Message& m, json& out) {
  const auto* type = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (f->is_repeated()) {
      if (r->FieldSize(m, f) == 0) continue;
      if (f->is_map()) {
        out[f->json_name()] = map_value(m, f);
        continue;
      }
      json items = json::array();
      for (int k = 0, n = r->FieldSize(m, f); k < n; ++k)
        items.push_back(scalar_value(m, f, k));
      out[f->json_name()] = std::move(items);
      continue;
    }
    if (!r->HasField(m, f)) continue;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Message& sub = r->GetMessage(m, f);
      if (is_inlined(f)) {
        write_members(sub, out);
        continue;
      }
      ::kactor::JsonForm form = json_form_of(sub.GetDescriptor());
      if (form != ::kactor::JSON_OBJECT && form != ::kactor::JSON_LIST && form_is_empty(sub, form))
        continue;
    }
    out[f->json_name()] = scalar_value(m, f, -1);
  }
}

json to_json(const Message& message) {
  return value_of(message);
}

json to_json_object(const Message& message, const registry& types) {
  json out = json::object();
  if (auto meta = types.type_meta_of(message.GetDescriptor())) {
    out["kind"] = meta->kind;
    out["apiVersion"] = meta->api_version;
  }
  json body = value_of(message);
  if (!body.is_object()) return body;
  for (auto& [key, value] : body.items())
    out[key] = std::move(value);
  return out;
}

}  // namespace kactor::messages
