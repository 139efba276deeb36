#include "gateway/admission/go_format.hpp"

#include <algorithm>
#include <vector>

#include "gateway/selectors/field_error.hpp"

namespace kactor::admission {

using selectors::go_quote;

std::string go_map(const google::protobuf::Map<std::string, std::string>& m) {
  if (m.empty()) return "map[string]string(nil)";
  std::vector<std::pair<std::string, std::string>> sorted(m.begin(), m.end());
  std::sort(sorted.begin(), sorted.end());
  std::string out = "map[string]string{";
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out += ", ";
    out += go_quote(sorted[i].first) + ":" + go_quote(sorted[i].second);
  }
  return out + "}";
}

std::string go_label_selector(const k8s::meta::v1::LabelSelector& s) {
  std::string out =
      "v1.LabelSelector{MatchLabels:" + go_map(s.matchlabels()) + ", MatchExpressions:";
  if (s.matchexpressions().empty()) return out + "[]v1.LabelSelectorRequirement(nil)}";
  out += "[]v1.LabelSelectorRequirement{";
  for (int i = 0; i < s.matchexpressions_size(); ++i) {
    const auto& r = s.matchexpressions(i);
    if (i > 0) out += ", ";
    std::vector<std::string> values(r.values().begin(), r.values().end());
    out += "v1.LabelSelectorRequirement{Key:" + go_quote(r.key()) +
           ", Operator:" + go_quote(r.operator_()) +
           ", Values:" + selectors::go_string_slice(values, values.empty()) + "}";
  }
  return out + "}}";
}

}  // namespace kactor::admission
