#pragma once

#include "gateway/admission/field_error.hpp"
#include "k8s/core/v1/config.pb.h"

namespace kactor::admission {

/// ConfigMap: every data and binaryData key a config key (`data[bad key]: Invalid value:
/// "bad key": a valid config key must consist of ...`), a binaryData key also in data is
/// `duplicate of key present in data`, total size at most 1 MiB.
field_errors validate_config_map(const k8s::core::v1::ConfigMap& cm);

/// Secret: data keys as config keys, total size at most 1 MiB; kubernetes.io/tls needs
/// data[tls.crt] and data[tls.key]; kubernetes.io/dockerconfigjson needs
/// data[.dockerconfigjson]; kubernetes.io/service-account-token needs the annotation
/// kubernetes.io/service-account.name.
field_errors validate_secret(const k8s::core::v1::Secret& secret);

/// Updates of ConfigMap/Secret once `immutable` was true: data, binaryData and immutable
/// itself are `Forbidden: field is immutable when `immutable` is set`; a Secret's type
/// never changes (`type: Invalid value: "x": field is immutable`).
field_errors validate_config_map_update(const k8s::core::v1::ConfigMap& cm,
                                        const k8s::core::v1::ConfigMap& old);
field_errors validate_secret_update(const k8s::core::v1::Secret& secret,
                                    const k8s::core::v1::Secret& old);

}  // namespace kactor::admission
