#pragma once

#include <memory>

#include <google/protobuf/message.h>

// What an update changed, cut down to the fields that differ, for managedFields tracking:
// converting only those to JSON keeps a status write or a binding from converting the whole
// object twice.
namespace kactor::rest {

// Copies of `old` and `updated` (one message type) in which every field equal in both is
// cleared, except metadata.managedFields, which each copy keeps as it was. Singular message
// fields (other than special JSON forms and inlined fields) that differ are cut down the
// same way, `depth` levels deep (1 = only the object's own fields).
//
// Comparing the JSON of the two copies gives the same added, modified and removed paths as
// comparing the JSON of the whole objects: a member equal on both sides contributes no
// change, and one that is absent from both copies is absent (or gets the same zero value)
// on both sides. Equality here is equal protobuf encodings of a message field, equal values
// of a scalar field, and MessageDifferencer's equality for repeated and map fields; a field
// judged different that turns out equal in JSON is simply compared again there.
struct changed_pair {
  std::unique_ptr<google::protobuf::Message> old_fields;
  std::unique_ptr<google::protobuf::Message> new_fields;
};
changed_pair changed_fields(const google::protobuf::Message& old,
                            const google::protobuf::Message& updated, int depth = 2);

}  // namespace kactor::rest
