// Printers of configuration and storage kinds: config maps, secrets, service accounts,
// persistent volumes and claims, resource quotas.
#include <algorithm>

#include "gateway/printers/cells.hpp"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/misc.pb.h"
#include "k8s/core/v1/persistent_volume.pb.h"

namespace kactor::printers {
namespace {

using google::protobuf::Message;

constexpr std::string_view storage_class_annotation = "volume.beta.kubernetes.io/storage-class";

void config_map_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::ConfigMap> cm(object);
  out.cells.push_back(cm->metadata().name());
  out.cells.push_back(std::int64_t{cm->data_size() + cm->binarydata_size()});
  out.cells.push_back(age_of(object, context));
}

void secret_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::Secret> secret(object);
  out.cells.push_back(secret->metadata().name());
  out.cells.push_back(secret->type());
  out.cells.push_back(std::int64_t{secret->data_size()});
  out.cells.push_back(age_of(object, context));
}

void service_account_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::ServiceAccount> sa(object);
  out.cells.push_back(sa->metadata().name());
  out.cells.push_back(std::int64_t{sa->secrets_size()});
  out.cells.push_back(age_of(object, context));
}

// "RWO,ROX,RWX,RWOP" in that order, each at most once.
std::string access_modes(const google::protobuf::RepeatedPtrField<std::string>& modes) {
  auto has = [&](std::string_view m) {
    return std::find(modes.begin(), modes.end(), m) != modes.end();
  };
  std::vector<std::string> out;
  if (has("ReadWriteOnce")) out.push_back("RWO");
  if (has("ReadOnlyMany")) out.push_back("ROX");
  if (has("ReadWriteMany")) out.push_back("RWX");
  if (has("ReadWriteOncePod")) out.push_back("RWOP");
  return join(out, ",");
}

std::string storage_of(const google::protobuf::Map<std::string, k8s::resource::Quantity>& m) {
  auto it = m.find("storage");
  return it == m.end() ? "0" : quantity_text(it->second);
}

std::string optional_text(bool present, const std::string& value) {
  return present && !value.empty() ? value : "<unset>";
}

void persistent_volume_claim_row(const Message& object, const print_context& context,
                                 row_output& out) {
  typed<k8s::core::v1::PersistentVolumeClaim> pvc(object);
  const auto& spec = pvc->spec();
  const auto& annotations = pvc->metadata().annotations();
  std::string phase =
      pvc->metadata().has_deletiontimestamp() ? "Terminating" : pvc->status().phase();
  std::string capacity;
  std::string modes;
  if (!spec.volumename().empty()) {
    modes = access_modes(pvc->status().accessmodes());
    capacity = storage_of(pvc->status().capacity());
  }
  auto annotated = annotations.find(std::string(storage_class_annotation));
  std::string storage_class =
      annotated != annotations.end() ? annotated->second : spec.storageclassname();
  out.cells.push_back(pvc->metadata().name());
  out.cells.push_back(std::move(phase));
  out.cells.push_back(spec.volumename());
  out.cells.push_back(std::move(capacity));
  out.cells.push_back(std::move(modes));
  out.cells.push_back(std::move(storage_class));
  out.cells.push_back(
      optional_text(spec.has_volumeattributesclassname(), spec.volumeattributesclassname()));
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(spec.has_volumemode() ? spec.volumemode() : "<unset>");
}

void persistent_volume_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::PersistentVolume> pv(object);
  const auto& spec = pv->spec();
  const auto& annotations = pv->metadata().annotations();
  std::string claim;
  if (spec.has_claimref()) claim = spec.claimref().namespace_() + "/" + spec.claimref().name();
  auto annotated = annotations.find(std::string(storage_class_annotation));
  std::string storage_class =
      annotated != annotations.end() ? annotated->second : spec.storageclassname();
  out.cells.push_back(pv->metadata().name());
  out.cells.push_back(storage_of(spec.capacity()));
  out.cells.push_back(access_modes(spec.accessmodes()));
  out.cells.push_back(spec.persistentvolumereclaimpolicy());
  out.cells.push_back(pv->metadata().has_deletiontimestamp() ? "Terminating"
                                                             : pv->status().phase());
  out.cells.push_back(std::move(claim));
  out.cells.push_back(std::move(storage_class));
  out.cells.push_back(
      optional_text(spec.has_volumeattributesclassname(), spec.volumeattributesclassname()));
  out.cells.push_back(pv->status().reason());
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(spec.has_volumemode() ? spec.volumemode() : "<unset>");
}

// "requests.cpu: 500m/1, pods: 2/10" and "limits.memory: 1Gi/2Gi": used/hard per resource,
// sorted by name, limits.* in the second cell.
void resource_quota_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::ResourceQuota> rq(object);
  const auto& hard = rq->status().hard();
  const auto& used = rq->status().used();
  std::vector<std::string> names;
  for (const auto& [name, q] : hard)
    names.push_back(name);
  std::sort(names.begin(), names.end());
  std::vector<std::string> requests;
  std::vector<std::string> limits;
  for (const auto& name : names) {
    auto u = used.find(name);
    std::string text = name + ": " + (u == used.end() ? "0" : quantity_text(u->second)) + "/" +
                       quantity_text(hard.at(name));
    (name.starts_with("limits.") ? limits : requests).push_back(std::move(text));
  }
  out.cells.push_back(rq->metadata().name());
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(join(requests, ", "));
  out.cells.push_back(join(limits, ", "));
}

}  // namespace

void add_config_printers(printer_map& printers) {
  printers["k8s.core.v1.ConfigMap"] = {
      {name_column, {"Data", "integer", "", "The number of data entries.", 0}, age_column},
      config_map_row};
  printers["k8s.core.v1.Secret"] = {{name_column,
                                     {"Type", "string", "", "The type of the secret.", 0},
                                     {"Data", "integer", "", "The number of data entries.", 0},
                                     age_column},
                                    secret_row};
  printers["k8s.core.v1.ServiceAccount"] = {
      {name_column, {"Secrets", "integer", "", "The number of listed secrets.", 0}, age_column},
      service_account_row};
  printers["k8s.core.v1.PersistentVolumeClaim"] = {
      {name_column,
       {"Status", "string", "", "The phase of the claim.", 0},
       {"Volume", "string", "", "The volume the claim is bound to.", 0},
       {"Capacity", "string", "", "The storage the bound volume provides.", 0},
       {"Access Modes", "string", "", "How the volume may be mounted.", 0},
       {"StorageClass", "string", "", "The storage class of the claim.", 0},
       {"VolumeAttributesClass", "string", "", "The volume attributes class of the claim.", 0},
       age_column,
       {"VolumeMode", "string", "", "Filesystem or Block.", 1}},
      persistent_volume_claim_row};
  printers["k8s.core.v1.PersistentVolume"] = {
      {name_column,
       {"Capacity", "string", "", "The storage the volume provides.", 0},
       {"Access Modes", "string", "", "How the volume may be mounted.", 0},
       {"Reclaim Policy", "string", "", "What happens to the volume when released.", 0},
       {"Status", "string", "", "The phase of the volume.", 0},
       {"Claim", "string", "", "The claim bound to the volume.", 0},
       {"StorageClass", "string", "", "The storage class of the volume.", 0},
       {"VolumeAttributesClass", "string", "", "The volume attributes class of the volume.", 0},
       {"Reason", "string", "", "Why the volume is in its phase.", 0},
       age_column,
       {"VolumeMode", "string", "", "Filesystem or Block.", 1}},
      persistent_volume_row};
  printers["k8s.core.v1.ResourceQuota"] = {
      {name_column,
       age_column,
       {"Request", "string", "", "Used out of hard limits of requests and counts.", 0},
       {"Limit", "string", "", "Used out of hard limits of resource limits.", 0}},
      resource_quota_row};
}

}  // namespace kactor::printers
