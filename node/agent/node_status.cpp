#include "node/agent/node_status.hpp"

#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace kactor::node::agent {

namespace {

void quantity(google::protobuf::Map<std::string, k8s::resource::Quantity>& map,
              const std::string& key, const std::string& value) {
  map[key].set_string(value);
}

void condition(k8s::core::v1::Node& node, const char* type, const char* status, const char* reason,
               const char* message, messages::timestamp now) {
  auto* c = node.mutable_status()->add_conditions();
  c->set_type(type);
  c->set_status(status);
  c->set_reason(reason);
  c->set_message(message);
  *c->mutable_lastheartbeattime() = messages::to_time(now);
  *c->mutable_lasttransitiontime() = messages::to_time(now);
}

}  // namespace

machine_info read_machine() {
  machine_info m;
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  m.cpus = cpus > 0 ? static_cast<int>(cpus) : 1;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::int64_t value = 0;
  std::string unit;
  while (meminfo >> key >> value >> unit)
    if (key == "MemTotal:") m.memory_kib = value;
  struct statvfs fs {};
  if (::statvfs("/", &fs) == 0)
    m.ephemeral_bytes =
        static_cast<std::int64_t>(fs.f_blocks) * static_cast<std::int64_t>(fs.f_frsize);
  struct utsname u {};
  if (::uname(&u) == 0) {
    m.kernel = u.release;
    std::string machine = u.machine;
    m.arch = machine == "x86_64" ? "amd64" : machine == "aarch64" ? "arm64" : machine;
  }
  std::ifstream release("/etc/os-release");
  std::string line;
  while (std::getline(release, line))
    if (line.rfind("PRETTY_NAME=", 0) == 0) {
      m.os_image = line.substr(12);
      if (m.os_image.size() >= 2 && m.os_image.front() == '"')
        m.os_image = m.os_image.substr(1, m.os_image.size() - 2);
    }
  return m;
}

k8s::core::v1::Node make_node(const std::string& name, const std::string& ip, const machine_info& m,
                              messages::timestamp now, int kubelet_port) {
  k8s::core::v1::Node node;
  auto* meta = node.mutable_metadata();
  meta->set_name(name);
  auto& labels = *meta->mutable_labels();
  labels["kubernetes.io/hostname"] = name;
  labels["kubernetes.io/os"] = "linux";
  labels["kubernetes.io/arch"] = m.arch;
  labels["beta.kubernetes.io/os"] = "linux";
  labels["beta.kubernetes.io/arch"] = m.arch;
  auto* status = node.mutable_status();
  for (auto* map : {status->mutable_capacity(), status->mutable_allocatable()}) {
    quantity(*map, "cpu", std::to_string(m.cpus));
    quantity(*map, "memory", std::to_string(m.memory_kib) + "Ki");
    quantity(*map, "pods", "110");
    quantity(*map, "ephemeral-storage", std::to_string(m.ephemeral_bytes));
  }
  auto* internal = status->add_addresses();
  internal->set_type("InternalIP");
  internal->set_address(ip);
  auto* host = status->add_addresses();
  host->set_type("Hostname");
  host->set_address(name);
  auto* info = status->mutable_nodeinfo();
  info->set_machineid("");
  info->set_kernelversion(m.kernel);
  info->set_osimage(m.os_image);
  info->set_containerruntimeversion("process://0.1.0");
  info->set_kubeletversion("v1.32.0-kactor");
  info->set_kubeproxyversion("");
  info->set_operatingsystem("linux");
  info->set_architecture(m.arch);
  if (kubelet_port > 0)
    status->mutable_daemonendpoints()->mutable_kubeletendpoint()->set_port(kubelet_port);
  condition(node, "MemoryPressure", "False", "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available", now);
  condition(node, "DiskPressure", "False", "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure", now);
  condition(node, "PIDPressure", "False", "KubeletHasSufficientPID",
            "kubelet has sufficient PID available", now);
  condition(node, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
  return node;
}

k8s::coordination::v1::Lease make_lease(const std::string& name, const std::string& node_uid,
                                        int duration_seconds, messages::timestamp now) {
  k8s::coordination::v1::Lease lease;
  lease.mutable_metadata()->set_name(name);
  lease.mutable_metadata()->set_namespace_("kube-node-lease");
  if (!node_uid.empty()) {
    auto* owner = lease.mutable_metadata()->add_ownerreferences();
    owner->set_apiversion("v1");
    owner->set_kind("Node");
    owner->set_name(name);
    owner->set_uid(node_uid);
  }
  lease.mutable_spec()->set_holderidentity(name);
  lease.mutable_spec()->set_leasedurationseconds(duration_seconds);
  *lease.mutable_spec()->mutable_renewtime() = messages::to_micro_time(now);
  return lease;
}

}  // namespace kactor::node::agent
