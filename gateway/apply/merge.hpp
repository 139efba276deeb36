#pragma once

#include "gateway/apply/value_type.hpp"

namespace kactor::apply {

/// `config` merged over `live` as server-side apply merges an applied configuration:
/// leaves (and atomic values) take the configuration's value; structures and maps merge
/// member by member (a null member in the configuration removes it); set and keyed lists
/// merge item by item, the configuration's items in its order and the live-only items kept
/// where they were. Items must be identifiable (checked by to_field_set before).
json merge(const json& live, const json& config, const value_type& type);

}  // namespace kactor::apply
