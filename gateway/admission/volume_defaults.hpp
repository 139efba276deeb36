#pragma once

#include "k8s/core/v1/volume.pb.h"

namespace kactor::admission {

/// Kubernetes' defaults of one pod volume: no source at all becomes `emptyDir: {}`;
/// configMap, secret, downwardAPI and projected defaultMode 420 (0644); hostPath type "";
/// serviceAccountToken expirationSeconds 3600; downward fieldRef apiVersion "v1"; iscsi
/// iscsiInterface "default"; rbd pool "rbd", user "admin", keyring "/etc/ceph/keyring";
/// azureDisk cachingMode ReadWrite, fsType ext4, readOnly false, kind Shared; ephemeral
/// claim templates volumeMode Filesystem. Fields already set are kept.
void default_volume(k8s::core::v1::Volume& volume);

/// A claim spec's defaults: volumeMode "Filesystem".
void default_claim_spec(k8s::core::v1::PersistentVolumeClaimSpec& spec);

}  // namespace kactor::admission
