#include "gateway/selectors/label_selector.hpp"

#include <algorithm>
#include <charconv>

#include "gateway/selectors/field_error.hpp"
#include "gateway/selectors/label_validation.hpp"

namespace kactor::selectors {
namespace {

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  auto begin = text.data();
  auto end = text.data() + text.size();
  if (!text.empty() && text.front() == '+') {  // Go's ParseInt accepts one leading sign
    ++begin;
    if (begin != end && *begin == '-') return std::nullopt;
  }
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || ptr != end || begin == end) return std::nullopt;
  return value;
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool requirement::matches(const std::string* value) const {
  switch (op) {
    case label_op::equals:
    case label_op::double_equals:
    case label_op::in:
      return value != nullptr && contains(values, *value);
    case label_op::not_equals:
    case label_op::not_in:
      return value == nullptr || !contains(values, *value);
    case label_op::exists:
      return value != nullptr;
    case label_op::does_not_exist:
      return value == nullptr;
    case label_op::greater_than:
    case label_op::less_than: {
      if (value == nullptr || values.size() != 1) return false;
      auto have = parse_int64(*value);
      auto want = parse_int64(values.front());
      if (!have || !want) return false;
      return op == label_op::greater_than ? *have > *want : *have < *want;
    }
  }
  return false;
}

std::string requirement::to_string() const {
  std::string out;
  if (op == label_op::does_not_exist) out += '!';
  out += key;
  switch (op) {
    case label_op::equals:
      out += '=';
      break;
    case label_op::double_equals:
      out += "==";
      break;
    case label_op::not_equals:
      out += "!=";
      break;
    case label_op::in:
      out += " in (";
      break;
    case label_op::not_in:
      out += " notin (";
      break;
    case label_op::greater_than:
      out += '>';
      break;
    case label_op::less_than:
      out += '<';
      break;
    case label_op::exists:
    case label_op::does_not_exist:
      return out;
  }
  auto sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out += ',';
    out += sorted[i];
  }
  if (op == label_op::in || op == label_op::not_in) out += ')';
  return out;
}

result<requirement> make_requirement(std::string key, label_op op, std::vector<std::string> values,
                                     std::size_t position) {
  std::vector<std::string> errors;
  if (auto key_errors = label_key_errors(key); !key_errors.empty()) {
    errors.push_back(invalid_value("key", go_quote(key), join_errors(key_errors)));
  }
  auto count_error = [&](std::string_view detail) {
    errors.push_back(invalid_value("values", go_string_slice(values, true), detail));
  };
  switch (op) {
    case label_op::in:
    case label_op::not_in:
      if (values.empty()) count_error("for 'in', 'notin' operators, values set can't be empty");
      break;
    case label_op::equals:
    case label_op::double_equals:
    case label_op::not_equals:
      if (values.size() != 1) count_error("exact-match compatibility requires one single value");
      break;
    case label_op::exists:
    case label_op::does_not_exist:
      if (!values.empty()) count_error("values set must be empty for exists and does not exist");
      break;
    case label_op::greater_than:
    case label_op::less_than:
      if (values.size() != 1)
        count_error("for 'Gt', 'Lt' operators, exactly one value is required");
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (!parse_int64(values[i])) {
          errors.push_back(invalid_value("values[" + std::to_string(i) + "]", go_quote(values[i]),
                                         "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      }
      break;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (auto value_errors = label_value_errors(values[i]); !value_errors.empty()) {
      errors.push_back(invalid_value("values[" + std::to_string(i) + "][" + key + "]",
                                     go_quote(values[i]), join_errors(value_errors)));
    }
  }
  if (!errors.empty()) return selector_error{aggregate(errors), position};
  return requirement{std::move(key), op, std::move(values)};
}

label_selector::label_selector(std::vector<requirement> requirements)
    : requirements_(std::move(requirements)) {
  std::stable_sort(requirements_.begin(), requirements_.end(),
                   [](const requirement& a, const requirement& b) { return a.key < b.key; });
}

label_selector label_selector::nothing() {
  label_selector s;
  s.nothing_ = true;
  return s;
}

std::optional<std::string_view> label_selector::exact_match(std::string_view key) const {
  for (const auto& r : requirements_) {
    if (r.key != key) continue;
    bool pins = r.op == label_op::equals || r.op == label_op::double_equals || r.op == label_op::in;
    if (pins && r.values.size() == 1) return std::string_view(r.values.front());
    return std::nullopt;
  }
  return std::nullopt;
}

std::string label_selector::to_string() const {
  std::string out;
  for (const auto& r : requirements_) {
    if (!out.empty()) out += ',';
    out += r.to_string();
  }
  return out;
}

result<label_selector> label_selector_from(const k8s::meta::v1::LabelSelector& selector) {
  std::vector<requirement> requirements;
  requirements.reserve(selector.matchlabels_size() + selector.matchexpressions_size());
  // Go ranges over the map in random order; sorting by key afterwards makes that invisible,
  // so take the keys in sorted order for determinism of errors too.
  std::vector<std::pair<std::string, std::string>> labels(selector.matchlabels().begin(),
                                                          selector.matchlabels().end());
  std::sort(labels.begin(), labels.end());
  for (auto& [key, value] : labels) {
    auto r = make_requirement(key, label_op::equals, {value});
    if (!r) return r.error();
    requirements.push_back(std::move(*r));
  }
  for (const auto& expr : selector.matchexpressions()) {
    label_op op;
    const auto& name = expr.operator_();
    if (name == "In") {
      op = label_op::in;
    } else if (name == "NotIn") {
      op = label_op::not_in;
    } else if (name == "Exists") {
      op = label_op::exists;
    } else if (name == "DoesNotExist") {
      op = label_op::does_not_exist;
    } else {
      return selector_error{go_quote(name) + " is not a valid label selector operator"};
    }
    auto r = make_requirement(expr.key(), op, {expr.values().begin(), expr.values().end()});
    if (!r) return r.error();
    requirements.push_back(std::move(*r));
  }
  return label_selector(std::move(requirements));
}

std::string format_label_selector(const k8s::meta::v1::LabelSelector& selector) {
  auto converted = label_selector_from(selector);
  if (!converted) return "<error>";
  auto text = converted->to_string();
  return text.empty() ? "<none>" : text;
}

}  // namespace kactor::selectors
