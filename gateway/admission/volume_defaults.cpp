#include "gateway/admission/volume_defaults.hpp"

#include <vector>

namespace kactor::admission {
namespace {

using namespace k8s::core::v1;

constexpr int default_mode = 0644;  // 420, what Kubernetes writes for file modes

bool has_any_field(const google::protobuf::Message& m) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);
  return !fields.empty();
}

void default_downward_files(google::protobuf::RepeatedPtrField<DownwardAPIVolumeFile>& files) {
  for (auto& file : files) {
    if (file.has_fieldref() && file.fieldref().apiversion().empty())
      file.mutable_fieldref()->set_apiversion("v1");
    if (file.has_resourcefieldref() && !file.resourcefieldref().has_divisor())
      file.mutable_resourcefieldref()->mutable_divisor()->set_string("0");
  }
}

void default_projected(ProjectedVolumeSource& projected) {
  if (!projected.has_defaultmode()) projected.set_defaultmode(default_mode);
  for (auto& source : *projected.mutable_sources()) {
    if (source.has_serviceaccounttoken() && !source.serviceaccounttoken().has_expirationseconds())
      source.mutable_serviceaccounttoken()->set_expirationseconds(3600);
    if (source.has_downwardapi())
      default_downward_files(*source.mutable_downwardapi()->mutable_items());
  }
}

void default_legacy_sources(VolumeSource& s) {
  if (s.has_iscsi() && s.iscsi().iscsiinterface().empty())
    s.mutable_iscsi()->set_iscsiinterface("default");
  if (s.has_rbd()) {
    auto& rbd = *s.mutable_rbd();
    if (rbd.pool().empty()) rbd.set_pool("rbd");
    if (rbd.user().empty()) rbd.set_user("admin");
    if (rbd.keyring().empty()) rbd.set_keyring("/etc/ceph/keyring");
  }
  if (s.has_azuredisk()) {
    auto& disk = *s.mutable_azuredisk();
    if (!disk.has_cachingmode()) disk.set_cachingmode("ReadWrite");
    if (!disk.has_fstype()) disk.set_fstype("ext4");
    if (!disk.has_readonly()) disk.set_readonly(false);
    if (!disk.has_kind()) disk.set_kind("Shared");
  }
}

}  // namespace

void default_claim_spec(PersistentVolumeClaimSpec& spec) {
  if (!spec.has_volumemode()) spec.set_volumemode("Filesystem");
}

void default_volume(Volume& volume) {
  if (!volume.has_volumesource() || !has_any_field(volume.volumesource())) {
    volume.mutable_volumesource()->mutable_emptydir();
    return;
  }
  auto& s = *volume.mutable_volumesource();
  if (s.has_configmap() && !s.configmap().has_defaultmode())
    s.mutable_configmap()->set_defaultmode(default_mode);
  if (s.has_secret() && !s.secret().has_defaultmode())
    s.mutable_secret()->set_defaultmode(default_mode);
  if (s.has_downwardapi()) {
    auto& downward = *s.mutable_downwardapi();
    if (!downward.has_defaultmode()) downward.set_defaultmode(default_mode);
    default_downward_files(*downward.mutable_items());
  }
  if (s.has_projected()) default_projected(*s.mutable_projected());
  if (s.has_hostpath() && !s.hostpath().has_type()) s.mutable_hostpath()->set_type("");
  if (s.has_ephemeral() && s.ephemeral().has_volumeclaimtemplate())
    default_claim_spec(*s.mutable_ephemeral()->mutable_volumeclaimtemplate()->mutable_spec());
  default_legacy_sources(s);
}

}  // namespace kactor::admission
