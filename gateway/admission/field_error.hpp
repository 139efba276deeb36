#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kactor::admission {

/// One validation failure, shaped as Kubernetes' field.Error and its Status cause:
/// `type` is the cause reason ("FieldValueRequired", "FieldValueInvalid",
/// "FieldValueNotSupported", "FieldValueDuplicate", "FieldValueForbidden", "FieldValueTooLong",
/// "FieldValueNotFound", "InternalError"), `field` the JSON path
/// ("spec.template.spec.containers[0].image"), `message` the cause message without the path
/// ("Required value", `Invalid value: "Foo": a lowercase RFC 1123 ...`).
struct field_error {
  std::string type;
  std::string field;
  std::string message;

  /// The text Kubernetes aggregates: `<field>: <message>`.
  std::string text() const;

  friend bool operator==(const field_error&, const field_error&) = default;
};

using field_errors = std::vector<field_error>;

/// Path helpers as Kubernetes' field.Path prints them: child "a.b", index "a[0]", key "a[k]".
std::string child(std::string_view path, std::string_view name);
std::string index(std::string_view path, std::size_t i);
std::string key(std::string_view path, std::string_view k);

/// `Required value`, or `Required value: <detail>`.
field_error required(std::string field, std::string_view detail = {});

/// `Invalid value: "<value>": <detail>` (the value quoted as Go's %q).
field_error invalid(std::string field, std::string_view value, std::string_view detail);

/// `Invalid value: <value>: <detail>` for an integer value.
field_error invalid(std::string field, std::int64_t value, std::string_view detail);

/// `Invalid value: <formatted>: <detail>` where `formatted` is already Go-formatted
/// (`map[string]string{"a":"b"}`, `[]string{"x"}`, `v1.LabelSelector{...}`).
field_error invalid_formatted(std::string field, std::string_view formatted,
                              std::string_view detail);

/// `Unsupported value: "<value>": supported values: "A", "B"` (values in the given order).
field_error not_supported(std::string field, std::string_view value,
                          const std::vector<std::string>& supported);

/// `Duplicate value: "<value>"` / `Duplicate value: <n>`.
field_error duplicate(std::string field, std::string_view value);
field_error duplicate(std::string field, std::int64_t value);

/// `Not found: "<value>"`.
field_error not_found(std::string field, std::string_view value);

/// `Forbidden: <detail>`.
field_error forbidden(std::string field, std::string_view detail);

/// `Too long: may not be more than <max> bytes`.
field_error too_long(std::string field, std::int64_t max_bytes);

/// Kubernetes' NewInvalid Status message: `<qualified_kind> "<name>" is invalid: <errors>`,
/// the errors as `<field>: <message>`, one alone or several as `[a, b]` (exact duplicates
/// dropped); `<qualified_kind> "<name>" is invalid` when `errors` is empty.
/// `qualified_kind` is Kind for the core group and Kind.group otherwise ("Deployment.apps").
std::string invalid_message(std::string_view qualified_kind, std::string_view name,
                            const field_errors& errors);

/// GroupKind.String(): "Pod" for the core group, "Deployment.apps" otherwise.
std::string qualified_kind(std::string_view group, std::string_view kind);

/// Appends `more` to `out`.
void append(field_errors& out, field_errors more);

}  // namespace kactor::admission
