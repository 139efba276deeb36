#include "gateway/admission/pod_validation.hpp"

#include <limits>
#include <set>
#include <vector>

#include "gateway/admission/container_validation.hpp"
#include "gateway/admission/meta_validation.hpp"
#include "gateway/admission/name_rules.hpp"
#include "gateway/selectors/label_validation.hpp"

namespace kactor::admission {
namespace {

using namespace k8s::core::v1;

void add_messages(field_errors& out, const std::string& path, const std::string& value,
                  const std::vector<std::string>& messages) {
  for (const auto& m : messages)
    out.push_back(invalid(path, value, m));
}

std::set<std::string> validate_volumes(const PodSpec& spec, const std::string& path,
                                       field_errors& out) {
  std::set<std::string> names;
  for (int i = 0; i < spec.volumes_size(); ++i) {
    const auto& v = spec.volumes(i);
    auto at = index(path, i);
    if (v.name().empty()) {
      out.push_back(required(child(at, "name")));
    } else {
      auto msgs = dns1123_label_errors(v.name());
      add_messages(out, child(at, "name"), v.name(), msgs);
      if (msgs.empty() && !names.insert(v.name()).second)
        out.push_back(duplicate(child(at, "name"), v.name()));
    }
    std::vector<const google::protobuf::FieldDescriptor*> sources;
    v.volumesource().GetReflection()->ListFields(v.volumesource(), &sources);
    if (sources.empty()) out.push_back(required(at, "must specify a volume type"));
    if (sources.size() > 1)
      out.push_back(
          forbidden(child(at, sources[1]->name()), "may not specify more than 1 volume type"));
  }
  return names;
}

void validate_tolerations(const PodSpec& spec, const std::string& path, field_errors& out) {
  for (int i = 0; i < spec.tolerations_size(); ++i) {
    const auto& t = spec.tolerations(i);
    auto at = index(path, i);
    if (!t.key().empty()) {
      for (const auto& m : selectors::label_key_errors(t.key()))
        out.push_back(invalid(child(at, "key"), t.key(), m));
    }
    const auto& op = t.operator_();
    if (t.key().empty() && op != "Exists") {
      out.push_back(invalid(child(at, "operator"), op,
                            "operator must be Exists when `key` is empty, which means \"match all "
                            "values and all keys\""));
    }
    if (op == "Exists") {
      if (!t.value().empty())
        out.push_back(invalid(child(at, "value"), t.value(),
                              "value must be empty when `operator` is 'Exists'"));
    } else if (op.empty() || op == "Equal") {
      for (const auto& m : selectors::label_value_errors(t.value()))
        out.push_back(invalid(child(at, "value"), t.value(), m));
    } else {
      out.push_back(not_supported(child(at, "operator"), op, {"Equal", "Exists"}));
    }
    if (t.has_tolerationseconds() && t.effect() != "NoExecute") {
      out.push_back(invalid(child(at, "effect"), t.effect(),
                            "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    const auto& effect = t.effect();
    if (!effect.empty() && effect != "NoSchedule" && effect != "PreferNoSchedule" &&
        effect != "NoExecute") {
      out.push_back(not_supported(child(at, "effect"), effect,
                                  {"NoSchedule", "PreferNoSchedule", "NoExecute"}));
    }
  }
}

void validate_policies(const PodSpec& spec, const std::string& path, field_errors& out) {
  const auto& restart = spec.restartpolicy();
  if (restart.empty()) {
    out.push_back(required(child(path, "restartPolicy")));
  } else if (restart != "Always" && restart != "OnFailure" && restart != "Never") {
    out.push_back(
        not_supported(child(path, "restartPolicy"), restart, {"Always", "OnFailure", "Never"}));
  }
  const auto& dns = spec.dnspolicy();
  if (dns.empty()) {
    out.push_back(required(child(path, "dnsPolicy")));
  } else if (dns != "ClusterFirstWithHostNet" && dns != "ClusterFirst" && dns != "Default" &&
             dns != "None") {
    out.push_back(not_supported(child(path, "dnsPolicy"), dns,
                                {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"}));
  }
  if (spec.has_activedeadlineseconds() &&
      (spec.activedeadlineseconds() < 1 ||
       spec.activedeadlineseconds() > std::numeric_limits<std::int32_t>::max())) {
    out.push_back(invalid(child(path, "activeDeadlineSeconds"), spec.activedeadlineseconds(),
                          inclusive_range_error(1, std::numeric_limits<std::int32_t>::max())));
  }
}

void validate_names(const PodSpec& spec, const std::string& path, field_errors& out) {
  if (!spec.serviceaccountname().empty())
    add_messages(out, child(path, "serviceAccountName"), spec.serviceaccountname(),
                 dns1123_subdomain_errors(spec.serviceaccountname()));
  if (!spec.nodename().empty())
    add_messages(out, child(path, "nodeName"), spec.nodename(),
                 dns1123_subdomain_errors(spec.nodename()));
  if (!spec.hostname().empty())
    add_messages(out, child(path, "hostname"), spec.hostname(),
                 dns1123_label_errors(spec.hostname()));
  if (!spec.subdomain().empty())
    add_messages(out, child(path, "subdomain"), spec.subdomain(),
                 dns1123_label_errors(spec.subdomain()));
}

}  // namespace

field_errors validate_pod_spec(const PodSpec& spec, const std::string& path) {
  field_errors out;
  auto volumes = validate_volumes(spec, child(path, "volumes"), out);
  std::set<std::string> names;
  append(out,
         validate_containers(spec.initcontainers(), volumes, names, child(path, "initContainers")));
  if (spec.containers().empty()) {
    out.push_back(required(child(path, "containers")));
  } else {
    append(out, validate_containers(spec.containers(), volumes, names, child(path, "containers")));
  }
  validate_policies(spec, path, out);
  append(out, validate_labels(spec.nodeselector(), child(path, "nodeSelector")));
  validate_names(spec, path, out);
  validate_tolerations(spec, child(path, "tolerations"), out);
  return out;
}

field_errors validate_pod_template(const PodTemplateSpec& tmpl, const std::string& path) {
  field_errors out;
  auto meta = child(path, "metadata");
  append(out, validate_labels(tmpl.metadata().labels(), child(meta, "labels")));
  append(out, validate_annotations(tmpl.metadata().annotations(), child(meta, "annotations")));
  append(out, validate_pod_spec(tmpl.spec(), child(path, "spec")));
  return out;
}

}  // namespace kactor::admission
