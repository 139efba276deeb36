#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/selectors/selector_result.hpp"
#include "k8s/meta/v1/selector.pb.h"

namespace kactor::selectors {

/// The operators of a label requirement, as Kubernetes' selection.Operator.
enum class label_op : std::uint8_t {
  equals,          ///< `a=b`
  double_equals,   ///< `a==b`
  not_equals,      ///< `a!=b` (also matches objects without the label)
  in,              ///< `a in (x,y)`
  not_in,          ///< `a notin (x)` (also matches objects without the label)
  exists,          ///< `a`
  does_not_exist,  ///< `!a`
  greater_than,    ///< `a>1`: the label's value parsed as an int64 is greater
  less_than,       ///< `a<1`
};

/// One term of a selector: key, operator and values (one for the exact-match and numeric
/// operators, none for exists/does_not_exist, one or more for in/not_in).
struct requirement {
  std::string key;
  label_op op = label_op::exists;
  std::vector<std::string> values;

  /// Whether an object whose label `key` has `value` (null: no such label) satisfies it.
  bool matches(const std::string* value) const;

  /// Kubernetes' text: `a=b`, `a!=b`, `a in (x,y)` (values sorted), `!a`, `a>1`.
  std::string to_string() const;

  friend bool operator==(const requirement&, const requirement&) = default;
};

/// A label selector: the AND of its requirements (sorted by key, as Kubernetes keeps them).
/// The default selector has no requirements and matches everything; `nothing()` matches no
/// object (what an absent LabelSelector means). Immutable once built; cheap to match.
class label_selector {
 public:
  label_selector() = default;
  explicit label_selector(std::vector<requirement> requirements);

  /// The selector that matches no object.
  static label_selector nothing();

  const std::vector<requirement>& requirements() const { return requirements_; }

  /// True when it selects everything (no requirements and not nothing()).
  bool empty() const { return !nothing_ && requirements_.empty(); }

  /// Whether an object with these labels is selected. `Labels` is any map from std::string
  /// to std::string with find()/end(): std::map, google::protobuf::Map ...
  template <class Labels>
  bool matches(const Labels& labels) const {
    if (nothing_) return false;
    for (const auto& r : requirements_) {
      auto it = labels.find(r.key);
      if (!r.matches(it == labels.end() ? nullptr : &it->second)) return false;
    }
    return true;
  }

  /// The value a selected object must have for `key` (`key=v`, `key==v`, `key in (v)`),
  /// if the selector pins one; lets a caller narrow a lookup.
  std::optional<std::string_view> exact_match(std::string_view key) const;

  /// Kubernetes' String(): the requirements' texts joined by ","; "" for everything and
  /// for nothing().
  std::string to_string() const;

 private:
  std::vector<requirement> requirements_;
  bool nothing_ = false;
};

/// Kubernetes' NewRequirement: checks the key (qualified name), the number of values for the
/// operator (one for =, ==, !=, >, <; none for exists; at least one for in/notin), that >
/// and < values are integers, and every value; all problems in one aggregate message such as
/// `values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`.
/// `position` is copied into the error.
result<requirement> make_requirement(std::string key, label_op op, std::vector<std::string> values,
                                     std::size_t position = 0);

/// Parses the `labelSelector` query syntax exactly as Kubernetes' labels.Parse: `a=b`,
/// `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, comma = AND,
/// blanks between tokens ignored, "" selects everything. Keys must be qualified names and
/// values valid label values. Errors carry Kubernetes' message, e.g. for `a in b`
/// `unable to parse requirement: found 'b' expected: '('`, and the byte offset of the
/// offending token (or of the requirement's key when a key or value is invalid).
result<label_selector> parse_label_selector(std::string_view text);

/// Kubernetes' LabelSelectorAsSelector for a present meta/v1 LabelSelector: matchLabels as
/// `k=v`, matchExpressions In/NotIn/Exists/DoesNotExist; no terms selects everything. An
/// unknown operator is `"Foo" is not a valid label selector operator`; invalid keys and
/// values fail as in parsing. (An absent selector is label_selector::nothing().)
result<label_selector> label_selector_from(const k8s::meta::v1::LabelSelector& selector);

/// Kubernetes' FormatLabelSelector: to_string() of the converted selector, "<none>" when that
/// is empty, "<error>" when it does not convert. Used by printers.
std::string format_label_selector(const k8s::meta::v1::LabelSelector& selector);

}  // namespace kactor::selectors
