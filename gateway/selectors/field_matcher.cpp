#include "gateway/selectors/field_matcher.hpp"

namespace kactor::selectors {

bool field_matcher::matches(const google::protobuf::Message& object) const {
  for (const auto& term : terms_) {
    bool equal = term.reader->read(object) == term.value;
    if (equal == term.negated) return false;
  }
  return true;
}

result<field_matcher> bind_field_selector(const field_selector& selector,
                                          const google::protobuf::Descriptor* kind) {
  field_matcher matcher;
  for (const auto& term : selector.terms()) {
    const auto* reader = find_field(kind, term.field);
    if (reader == nullptr) return selector_error{"field label not supported: " + term.field};
    matcher.terms_.push_back({reader, term.negated, term.value});
  }
  return matcher;
}

}  // namespace kactor::selectors
