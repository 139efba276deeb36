#include "gateway/admission/field_error.hpp"

#include "gateway/selectors/field_error.hpp"

namespace kactor::admission {

std::string field_error::text() const {
  return field + ": " + message;
}

std::string child(std::string_view path, std::string_view name) {
  if (path.empty()) return std::string(name);
  std::string out(path);
  out.append(".").append(name);
  return out;
}

std::string index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

std::string key(std::string_view path, std::string_view k) {
  std::string out(path);
  out.append("[").append(k).append("]");
  return out;
}

namespace {

field_error make(std::string type, std::string field, std::string body, std::string_view detail) {
  if (!detail.empty()) body.append(": ").append(detail);
  return {std::move(type), std::move(field), std::move(body)};
}

}  // namespace

field_error required(std::string field, std::string_view detail) {
  return make("FieldValueRequired", std::move(field), "Required value", detail);
}

field_error invalid(std::string field, std::string_view value, std::string_view detail) {
  return invalid_formatted(std::move(field), selectors::go_quote(value), detail);
}

field_error invalid(std::string field, std::int64_t value, std::string_view detail) {
  return invalid_formatted(std::move(field), std::to_string(value), detail);
}

field_error invalid_formatted(std::string field, std::string_view formatted,
                              std::string_view detail) {
  return make("FieldValueInvalid", std::move(field), "Invalid value: " + std::string(formatted),
              detail);
}

field_error not_supported(std::string field, std::string_view value,
                          const std::vector<std::string>& supported) {
  std::string detail;
  for (const auto& v : supported) {
    if (!detail.empty()) detail += ", ";
    detail += selectors::go_quote(v);
  }
  if (!detail.empty()) detail = "supported values: " + detail;
  return make("FieldValueNotSupported", std::move(field),
              "Unsupported value: " + selectors::go_quote(value), detail);
}

field_error duplicate(std::string field, std::string_view value) {
  return make("FieldValueDuplicate", std::move(field),
              "Duplicate value: " + selectors::go_quote(value), {});
}

field_error duplicate(std::string field, std::int64_t value) {
  return make("FieldValueDuplicate", std::move(field), "Duplicate value: " + std::to_string(value),
              {});
}

field_error not_found(std::string field, std::string_view value) {
  return make("FieldValueNotFound", std::move(field), "Not found: " + selectors::go_quote(value),
              {});
}

field_error forbidden(std::string field, std::string_view detail) {
  return make("FieldValueForbidden", std::move(field), "Forbidden", detail);
}

field_error too_long(std::string field, std::int64_t max_bytes) {
  return make("FieldValueTooLong", std::move(field), "Too long",
              "may not be more than " + std::to_string(max_bytes) + " bytes");
}

std::string invalid_message(std::string_view qualified_kind, std::string_view name,
                            const field_errors& errors) {
  std::string out(qualified_kind);
  out.append(" ").append(selectors::go_quote(name)).append(" is invalid");
  if (errors.empty()) return out;
  std::vector<std::string> texts;
  texts.reserve(errors.size());
  for (const auto& e : errors)
    texts.push_back(e.text());
  return out + ": " + selectors::aggregate(texts);
}

std::string qualified_kind(std::string_view group, std::string_view kind) {
  std::string out(kind);
  if (!group.empty()) out.append(".").append(group);
  return out;
}

void append(field_errors& out, field_errors more) {
  for (auto& e : more)
    out.push_back(std::move(e));
}

}  // namespace kactor::admission
