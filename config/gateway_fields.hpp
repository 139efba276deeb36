#pragma once

#include <string_view>
#include <vector>

#include "config/field.hpp"
#include "config/gateway_command_config.hpp"
#include "config/result.hpp"

namespace kactor::config {

// Every field of `kactor gateway`, bound to `cfg` (which must outlive the result). This table
// is the single list of YAML keys and flags of the section `gateway`; docs/config.md
// documents each.
std::vector<field> gateway_fields(gateway_command_config& cfg);

// An IPv4 network `a.b.c.d/n` with n 12-30 and the host bits zero ("10.96.0.0/12"), returned
// unchanged: the service IP range. 12 is kube-apiserver's largest range (20 host bits); 30
// leaves one allocatable address besides the network, `.1` and broadcast ones.
result<std::string> parse_service_cidr(std::string_view text);

}  // namespace kactor::config
