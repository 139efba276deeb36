#pragma once

#include <string_view>

#include "storage/error.hpp"
#include "storage/state/keys.hpp"

// The checks the state actor makes before it stores an object. The gateway validates the
// object's content (Kubernetes validation); the state actor only guarantees that what it stores
// under a key is an object of that key's type and name.
namespace kactor::state {

// ok when `object` parses as the stored message of ref's resource (key_space::resource) and
// its metadata.name and metadata.namespace equal ref.name and ref.ns. invalid otherwise, with
// a message naming the mismatch ("metadata.name \"b\" does not match the name \"a\"").
storage::status check_object(const key_space& keys, const object_ref& ref, std::string_view object);

}  // namespace kactor::state
