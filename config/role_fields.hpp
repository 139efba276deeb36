#pragma once

#include <string>
#include <vector>

#include "config/field.hpp"
#include "config/role_command_config.hpp"

namespace kactor::config {

enum class role_kind { scheduler, controller_manager, kubelet };

// The YAML section of a role: "scheduler", "controller_manager", "kubelet".
std::string section_of(role_kind kind);

// Every field of `kactor <role>`, bound to `cfg` (which must outlive the result): the common
// ones and the role's own. The single list of the section's YAML keys and flags; docs/config.md
// documents each.
std::vector<field> role_fields(role_command_config& cfg, role_kind kind);

}  // namespace kactor::config
