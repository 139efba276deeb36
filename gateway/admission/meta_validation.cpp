#include "gateway/admission/meta_validation.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "gateway/selectors/field_error.hpp"
#include "gateway/selectors/label_validation.hpp"

namespace kactor::admission {
namespace {

constexpr std::int64_t annotations_max_bytes = 256 * 1024;

std::vector<std::string> sorted_keys(const string_map& m) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : m)
    keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return keys;
}

void label_key_errors(const std::string& key, const std::string& path, field_errors& out) {
  for (const auto& msg : selectors::label_key_errors(key))
    out.push_back(invalid(path, key, msg));
}

field_errors validate_owner_references(const k8s::meta::v1::ObjectMeta& meta,
                                       const std::string& path) {
  field_errors errors;
  int controllers = 0;
  std::string first_controller;
  for (int i = 0; i < meta.ownerreferences_size(); ++i) {
    const auto& ref = meta.ownerreferences(i);
    auto at = index(path, i);
    if (ref.apiversion().empty())
      errors.push_back(
          invalid(child(at, "apiVersion"), ref.apiversion(), "version must not be empty"));
    if (ref.kind().empty())
      errors.push_back(invalid(child(at, "kind"), ref.kind(), "kind must not be empty"));
    if (ref.name().empty())
      errors.push_back(invalid(child(at, "name"), ref.name(), "name must not be empty"));
    if (ref.uid().empty())
      errors.push_back(invalid(child(at, "uid"), ref.uid(), "uid must not be empty"));
    if (ref.controller()) {
      if (++controllers == 2)
        errors.push_back(forbidden(path,
                                   "Only one reference can have Controller set to true. "
                                   "Found \"true\" in references for " +
                                       first_controller + " and " + ref.kind() + "/" + ref.name()));
      if (controllers == 1) first_controller = ref.kind() + "/" + ref.name();
    }
  }
  return errors;
}

bool time_equal(bool has_a, const k8s::meta::v1::Time& a, bool has_b,
                const k8s::meta::v1::Time& b) {
  return has_a == has_b && a.SerializeAsString() == b.SerializeAsString();
}

}  // namespace

field_errors validate_labels(const string_map& labels, const std::string& path) {
  field_errors errors;
  for (const auto& key : sorted_keys(labels)) {
    label_key_errors(key, path, errors);
    for (const auto& msg : selectors::label_value_errors(labels.at(key)))
      errors.push_back(invalid(path, labels.at(key), msg));
  }
  return errors;
}

field_errors validate_annotations(const string_map& annotations, const std::string& path) {
  field_errors errors;
  std::int64_t total = 0;
  for (const auto& key : sorted_keys(annotations)) {
    std::string lower = key;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& msg : selectors::label_key_errors(lower))
      errors.push_back(invalid(path, key, msg));
    total += static_cast<std::int64_t>(key.size() + annotations.at(key).size());
  }
  if (total > annotations_max_bytes) errors.push_back(too_long(path, annotations_max_bytes));
  return errors;
}

field_errors validate_label_selector(const k8s::meta::v1::LabelSelector& selector,
                                     const std::string& path) {
  field_errors errors = validate_labels(selector.matchlabels(), child(path, "matchLabels"));
  for (int i = 0; i < selector.matchexpressions_size(); ++i) {
    const auto& r = selector.matchexpressions(i);
    auto at = index(child(path, "matchExpressions"), i);
    const auto& op = r.operator_();
    if (op == "In" || op == "NotIn") {
      if (r.values().empty())
        errors.push_back(
            required(child(at, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op == "Exists" || op == "DoesNotExist") {
      if (!r.values().empty())
        errors.push_back(
            forbidden(child(at, "values"),
                      "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errors.push_back(invalid(child(at, "operator"), op, "not a valid selector operator"));
    }
    label_key_errors(r.key(), child(at, "key"), errors);
    for (int v = 0; v < r.values_size(); ++v)
      for (const auto& msg : selectors::label_value_errors(r.values(v)))
        errors.push_back(invalid(index(child(at, "values"), v), r.values(v), msg));
  }
  return errors;
}

field_errors validate_object_meta(const k8s::meta::v1::ObjectMeta& meta, bool namespaced,
                                  name_rule rule, const std::string& path) {
  field_errors errors;
  if (!meta.generatename().empty())
    for (const auto& msg : name_errors(rule, meta.generatename(), true))
      errors.push_back(invalid(child(path, "generateName"), meta.generatename(), msg));
  if (meta.name().empty()) {
    errors.push_back(required(child(path, "name"), "name or generateName is required"));
  } else {
    for (const auto& msg : name_errors(rule, meta.name(), false))
      errors.push_back(invalid(child(path, "name"), meta.name(), msg));
  }
  if (namespaced) {
    if (meta.namespace_().empty()) {
      errors.push_back(required(child(path, "namespace")));
    } else {
      for (const auto& msg : name_errors(name_rule::dns1123_label, meta.namespace_(), false))
        errors.push_back(invalid(child(path, "namespace"), meta.namespace_(), msg));
    }
  } else if (!meta.namespace_().empty()) {
    errors.push_back(forbidden(child(path, "namespace"), "not allowed on this type"));
  }
  append(errors, validate_nonnegative(meta.generation(), child(path, "generation")));
  append(errors, validate_labels(meta.labels(), child(path, "labels")));
  append(errors, validate_annotations(meta.annotations(), child(path, "annotations")));
  append(errors, validate_owner_references(meta, child(path, "ownerReferences")));
  for (const auto& f : meta.finalizers())
    for (const auto& msg : selectors::label_key_errors(f))
      errors.push_back(invalid(child(path, "finalizers"), f, msg));
  return errors;
}

field_errors validate_object_meta_update(const k8s::meta::v1::ObjectMeta& meta,
                                         const k8s::meta::v1::ObjectMeta& old,
                                         const std::string& path) {
  field_errors errors;
  if (old.has_deletiontimestamp()) {
    for (const auto& f : meta.finalizers()) {
      if (std::find(old.finalizers().begin(), old.finalizers().end(), f) ==
          old.finalizers().end()) {
        errors.push_back(forbidden(child(path, "finalizers"),
                                   "no new finalizers can be added if the object is being deleted, "
                                   "found new finalizers []string{" +
                                       selectors::go_quote(f) + "}"));
        break;
      }
    }
  }
  if (meta.generation() < old.generation())
    errors.push_back(
        invalid(child(path, "generation"), meta.generation(), "must not be decremented"));
  constexpr std::string_view immutable = "field is immutable";
  if (meta.name() != old.name())
    errors.push_back(invalid(child(path, "name"), meta.name(), immutable));
  if (meta.namespace_() != old.namespace_())
    errors.push_back(invalid(child(path, "namespace"), meta.namespace_(), immutable));
  if (meta.uid() != old.uid()) errors.push_back(invalid(child(path, "uid"), meta.uid(), immutable));
  if (!time_equal(meta.has_creationtimestamp(), meta.creationtimestamp(),
                  old.has_creationtimestamp(), old.creationtimestamp()))
    errors.push_back(
        invalid_formatted(child(path, "creationTimestamp"), "v1.Time{...}", immutable));
  if (!time_equal(meta.has_deletiontimestamp(), meta.deletiontimestamp(),
                  old.has_deletiontimestamp(), old.deletiontimestamp()))
    errors.push_back(
        invalid_formatted(child(path, "deletionTimestamp"), "v1.Time{...}", immutable));
  if (meta.has_deletiongraceperiodseconds() != old.has_deletiongraceperiodseconds() ||
      meta.deletiongraceperiodseconds() != old.deletiongraceperiodseconds())
    errors.push_back(invalid(child(path, "deletionGracePeriodSeconds"),
                             meta.deletiongraceperiodseconds(), immutable));
  append(errors, validate_labels(meta.labels(), child(path, "labels")));
  append(errors, validate_annotations(meta.annotations(), child(path, "annotations")));
  append(errors, validate_owner_references(meta, child(path, "ownerReferences")));
  return errors;
}

field_errors validate_nonnegative(std::int64_t value, const std::string& path) {
  if (value >= 0) return {};
  return {invalid(path, value, "must be greater than or equal to 0")};
}

}  // namespace kactor::admission
