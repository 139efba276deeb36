#include "node/runtime/container_config.hpp"

#include <string>

#include "messages/quantity.hpp"

namespace kactor::node::runtime {

namespace {

using quantity_map = google::protobuf::Map<std::string, k8s::resource::Quantity>;

// The amount of `key` in `m`: in milli-units, or in whole units rounded up when
// `whole_units`; 0 when absent.
result<std::int64_t> amount(const quantity_map& m, const std::string& key, bool whole_units,
                            const std::string& where) {
  auto it = m.find(key);
  if (it == m.end()) return std::int64_t{0};
  auto q = messages::parse_quantity(it->second);
  if (!q) {
    return runtime_error{error_code::invalid, "InvalidResources",
                         where + "[" + key + "]: " + q.error().message};
  }
  return whole_units ? q->value() : q->milli;
}

}  // namespace

pod_sandbox_config sandbox_config_for(const k8s::core::v1::Pod& pod, std::string_view log_root,
                                      std::uint32_t attempt) {
  const auto& meta = pod.metadata();
  pod_sandbox_config cfg;
  cfg.name = meta.name();
  cfg.namespace_ = meta.namespace_();
  cfg.uid = meta.uid();
  cfg.attempt = attempt;
  cfg.log_directory =
      std::string{log_root} + "/" + meta.namespace_() + "_" + meta.name() + "_" + meta.uid();
  cfg.labels.insert(meta.labels().begin(), meta.labels().end());
  cfg.labels[label_pod_name] = meta.name();
  cfg.labels[label_pod_namespace] = meta.namespace_();
  cfg.labels[label_pod_uid] = meta.uid();
  cfg.annotations.insert(meta.annotations().begin(), meta.annotations().end());
  return cfg;
}

result<container_config> container_config_for(const k8s::core::v1::Pod& pod,
                                              const k8s::core::v1::Container& container,
                                              std::vector<env_var> resolved_env,
                                              std::uint32_t attempt) {
  container_config cfg;
  cfg.name = container.name();
  cfg.attempt = attempt;
  cfg.image = container.image();
  cfg.command.assign(container.command().begin(), container.command().end());
  cfg.args.assign(container.args().begin(), container.args().end());
  cfg.env = std::move(resolved_env);
  cfg.working_dir = container.workingdir();
  cfg.log_path = container.name() + "/" + std::to_string(attempt) + ".log";
  const auto& res = container.resources();
  auto cpu_request = amount(res.requests(), "cpu", false, "resources.requests");
  if (!cpu_request) return cpu_request.error();
  auto cpu_limit = amount(res.limits(), "cpu", false, "resources.limits");
  if (!cpu_limit) return cpu_limit.error();
  auto memory_limit = amount(res.limits(), "memory", true, "resources.limits");
  if (!memory_limit) return memory_limit.error();
  cfg.resources.cpu_request_millis = *cpu_request;
  cfg.resources.cpu_limit_millis = *cpu_limit;
  cfg.resources.memory_limit_bytes = *memory_limit;
  const auto& meta = pod.metadata();
  cfg.labels[label_pod_name] = meta.name();
  cfg.labels[label_pod_namespace] = meta.namespace_();
  cfg.labels[label_pod_uid] = meta.uid();
  cfg.labels[label_container_name] = container.name();
  return cfg;
}

}  // namespace kactor::node::runtime
