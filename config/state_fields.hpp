#pragma once

#include <vector>

#include "config/field.hpp"
#include "config/state_command_config.hpp"
#include "config/state_config.hpp"

namespace kactor::config {

// The state role's fields (`state.history_window` ...), bound to `cfg` (which must outlive
// them), appended to `out`. Both `kactor state` and `kactor up` read them.
void add_state_fields(std::vector<field>& out, state_config& cfg);

// Every field of `kactor state`: its process settings (`state.data_dir`, `state.nats_url`,
// `state.shutdown_grace`, `state.log.*`) and the role's (add_state_fields). This and
// up_fields() are the single lists of YAML keys and flags; docs/config.md documents each.
std::vector<field> state_command_fields(state_command_config& cfg);

}  // namespace kactor::config
