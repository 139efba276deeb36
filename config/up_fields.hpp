#pragma once

#include <vector>

#include "config/field.hpp"
#include "config/up_config.hpp"

namespace kactor::config {

// Every field of `kactor up`, bound to `cfg` (which must outlive the result). This table is
// the single list of YAML keys and flags of the section `up`; docs/config.md documents each.
std::vector<field> up_fields(up_config& cfg);

}  // namespace kactor::config
