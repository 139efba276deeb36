#pragma once

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "gateway/selectors/field_selector.hpp"
#include "gateway/selectors/field_table.hpp"

namespace kactor::selectors {

/// A field selector bound to one kind: every term resolved to its reader, so matching is a
/// few reflection reads per object. Immutable; may be shared between threads.
class field_matcher {
 public:
  /// Matches everything.
  field_matcher() = default;

  /// Whether `object` (of the bound kind) satisfies every term.
  bool matches(const google::protobuf::Message& object) const;

  bool empty() const { return terms_.empty(); }

 private:
  friend result<field_matcher> bind_field_selector(const field_selector&,
                                                   const google::protobuf::Descriptor*);
  struct bound_term {
    const field_reader* reader;
    bool negated;
    std::string value;
  };
  std::vector<bound_term> terms_;
};

/// Binds `selector` to objects of `kind`. Fails, as Kubernetes does, on the first field the
/// kind does not support: `field label not supported: spec.foo` (position 0).
result<field_matcher> bind_field_selector(const field_selector& selector,
                                          const google::protobuf::Descriptor* kind);

}  // namespace kactor::selectors
