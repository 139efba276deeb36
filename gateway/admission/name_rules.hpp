#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kactor::admission {

/// Which syntax a kind's metadata.name must follow (Kubernetes' ValidateNameFunc of the kind).
enum class name_rule {
  dns1123_subdomain,  ///< most kinds: Pod, Deployment, ConfigMap ...
  dns1123_label,      ///< Namespace
  dns1035_label,      ///< Service
  path_segment,       ///< RBAC kinds: anything but ".", "..", '/' and '%'
};

/// Each function returns Kubernetes' messages for what is wrong with the value, empty when
/// it is valid (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsConfigMapKey,
/// IsValidPortName, IsRelaxedEnvVarName, IsValidPortNum).
std::vector<std::string> dns1123_label_errors(std::string_view value);
std::vector<std::string> dns1123_subdomain_errors(std::string_view value);
std::vector<std::string> dns1035_label_errors(std::string_view value);
std::vector<std::string> config_map_key_errors(std::string_view value);
std::vector<std::string> port_name_errors(std::string_view value);
std::vector<std::string> env_var_name_errors(std::string_view value);
std::vector<std::string> port_number_errors(std::int64_t port);

/// The messages for metadata.name (`prefix` false) or metadata.generateName (`prefix` true:
/// a trailing '-' is allowed, as the generated suffix follows it).
std::vector<std::string> name_errors(name_rule rule, std::string_view name, bool prefix);

/// `must be between <lo> and <hi>, inclusive`.
std::string inclusive_range_error(std::int64_t lo, std::int64_t hi);

}  // namespace kactor::admission
