#include "messages/envelope.hpp"

#include "k8s/runtime/runtime.pb.h"
#include "messages/codec/json_path.hpp"
#include "messages/codec/schema.hpp"

namespace kactor::messages {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool holds_zero(const Message& m, const FieldDescriptor* f) {
  const Reflection* r = m.GetReflection();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return r->GetInt32(m, f) == 0;
    case FieldDescriptor::CPPTYPE_INT64:
      return r->GetInt64(m, f) == 0;
    case FieldDescriptor::CPPTYPE_UINT32:
      return r->GetUInt32(m, f) == 0;
    case FieldDescriptor::CPPTYPE_UINT64:
      return r->GetUInt64(m, f) == 0;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return r->GetDouble(m, f) == 0;
    case FieldDescriptor::CPPTYPE_FLOAT:
      return r->GetFloat(m, f) == 0;
    case FieldDescriptor::CPPTYPE_BOOL:
      return !r->GetBool(m, f);
    case FieldDescriptor::CPPTYPE_ENUM:
      return r->GetEnumValue(m, f) == 0;
    case FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(m, f).empty();
    default:
      return false;
  }
}

bool is_value_form(::kactor::JsonForm form) {
  return form != ::kactor::JSON_OBJECT && form != ::kactor::JSON_LIST;
}

// Warnings for protobuf fields the schema does not model, with the JSON path of their message.
// `path` is a buffer: each step appends to it and restores it.
void report_unknown(const Message& m, std::string& path, std::vector<std::string>& out) {
  const Reflection* r = m.GetReflection();
  const auto& unknown = r->GetUnknownFields(m);
  for (int i = 0; i < unknown.field_count(); ++i)
    out.push_back("unknown protobuf field " + std::to_string(unknown.field(i).number()) +
                  (path.empty() ? std::string() : " in \"" + path + "\""));
  const auto* type = m.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    std::size_t base = path.size();
    if (!path.empty()) path += '.';
    path += f->name();
    if (f->is_repeated()) {
      std::size_t member = path.size();
      for (int k = 0, n = r->FieldSize(m, f); k < n; ++k) {
        path += '[' + std::to_string(k) + ']';
        report_unknown(r->GetRepeatedMessage(m, f, k), path, out);
        path.resize(member);
      }
    } else if (r->HasField(m, f)) {
      report_unknown(r->GetMessage(m, f), path, out);
    }
    path.resize(base);
  }
}

}  // namespace

std::string encode_envelope(const Message& message, const type_meta& meta) {
  k8s::runtime::Unknown envelope;
  envelope.mutable_typemeta()->set_apiversion(meta.api_version);
  envelope.mutable_typemeta()->set_kind(meta.kind);
  envelope.set_raw(message.SerializeAsString());
  std::string out(protobuf_magic);
  out += envelope.SerializeAsString();
  return out;
}

result<std::string> encode_envelope(const Message& message, const registry& types) {
  auto meta = types.type_meta_of(message.GetDescriptor());
  if (!meta)
    return codec_error{codec_errc::unknown_kind,
                       "no API kind for message type " + message.GetDescriptor()->full_name()};
  return encode_envelope(message, *meta);
}

result<decoded_object> decode_envelope(std::string_view bytes, const registry& types) {
  if (bytes.substr(0, protobuf_magic.size()) != protobuf_magic)
    return codec_error{codec_errc::bad_envelope,
                       "not a Kubernetes protobuf body: missing the \"k8s\\0\" prefix"};
  bytes.remove_prefix(protobuf_magic.size());
  k8s::runtime::Unknown envelope;
  if (!envelope.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return codec_error{codec_errc::bad_envelope,
                       "cannot parse the runtime.Unknown envelope of a protobuf body"};
  if (!envelope.contentencoding().empty())
    return codec_error{codec_errc::bad_envelope,
                       "unsupported content encoding \"" + envelope.contentencoding() + "\""};
  decoded_object out;
  out.api_version = envelope.typemeta().apiversion();
  out.kind = envelope.typemeta().kind();
  if (out.kind.empty())
    return codec_error{codec_errc::missing_kind,
                       "Object 'Kind' is missing in the protobuf envelope"};
  if (out.api_version.empty())
    return codec_error{codec_errc::missing_kind,
                       "Object 'apiVersion' is missing in the protobuf envelope"};
  const auto* type = types.find_kind(out.api_version, out.kind);
  if (type == nullptr)
    return codec_error{codec_errc::unknown_kind, "no matches for kind \"" + out.kind +
                                                     "\" in version \"" + out.api_version + "\""};
  out.object = types.new_message(type);
  if (!out.object->ParseFromString(envelope.raw()))
    return codec_error{codec_errc::bad_envelope, "cannot parse the protobuf body of kind \"" +
                                                     out.kind + "\" in version \"" +
                                                     out.api_version + "\""};
  normalize_go_protobuf(*out.object);
  std::string path;
  report_unknown(*out.object, path, out.warnings);
  return out;
}

void normalize_go_protobuf(Message& message) {
  const Reflection* r = message.GetReflection();
  const auto* type = message.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    bool is_message = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (f->is_map()) {
      const FieldDescriptor* value = f->message_type()->map_value();
      if (value->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int k = 0, n = r->FieldSize(message, f); k < n; ++k) {
        Message* entry = r->MutableRepeatedMessage(&message, f, k);
        normalize_go_protobuf(*entry->GetReflection()->MutableMessage(entry, value));
      }
      continue;
    }
    if (f->is_repeated()) {
      if (!is_message) continue;
      for (int k = 0, n = r->FieldSize(message, f); k < n; ++k)
        normalize_go_protobuf(*r->MutableRepeatedMessage(&message, f, k));
      continue;
    }
    if (!r->HasField(message, f)) continue;
    if (is_message) {
      Message* sub = r->MutableMessage(&message, f);
      normalize_go_protobuf(*sub);
      if (is_value_form(json_form_of(sub->GetDescriptor())) && sub->ByteSizeLong() == 0 &&
          !is_pointer(f))
        r->ClearField(&message, f);
      continue;
    }
    if (!is_pointer(f) && holds_zero(message, f)) r->ClearField(&message, f);
  }
}

}  // namespace kactor::messages
