#include "gateway/admission/allocation.hpp"

#include <charconv>

#include "gateway/admission/service_validation.hpp"
#include "gateway/selectors/field_error.hpp"

namespace kactor::admission {
namespace {

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  if (!is_ipv4(text)) return std::nullopt;
  std::uint32_t out = 0;
  for (int i = 0; i < 4; ++i) {
    auto dot = text.find('.');
    auto part = text.substr(0, dot);
    unsigned value = 0;
    std::from_chars(part.data(), part.data() + part.size(), value);
    out = (out << 8) | value;
    if (dot != std::string_view::npos) text.remove_prefix(dot + 1);
  }
  return out;
}

std::string format_ipv4(std::uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." +
         std::to_string((ip >> 8) & 255) + "." + std::to_string(ip & 255);
}

struct network {
  std::uint32_t base = 0;
  std::uint64_t size = 0;
};

std::optional<network> parse_cidr(std::string_view cidr) {
  auto slash = cidr.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto ip = parse_ipv4(cidr.substr(0, slash));
  auto bits_text = cidr.substr(slash + 1);
  int bits = -1;
  auto [end, ec] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
  if (!ip || ec != std::errc() || end != bits_text.data() + bits_text.size() || bits < 0 ||
      bits > 32)
    return std::nullopt;
  std::uint64_t size = std::uint64_t{1} << (32 - bits);
  std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return network{*ip & mask, size};
}

std::string ip_list(const std::string& ip) {
  return selectors::go_string_slice({ip});
}

field_errors assign_cluster_ip(k8s::core::v1::ServiceSpec& spec, std::set<std::string>& used,
                               std::string_view cidr, std::uint64_t seed) {
  const auto& requested = spec.clusterip();
  if (!requested.empty()) {
    std::string prefix = "failed to allocate IP " + requested + ": ";
    if (!ip_in_cidr(requested, cidr))
      return {invalid_formatted("spec.clusterIPs", ip_list(requested),
                                prefix + "provided IP (" + requested +
                                    ") is not in the valid range. The range of valid IPs is " +
                                    std::string(cidr))};
    if (used.contains(requested))
      return {invalid_formatted("spec.clusterIPs", ip_list(requested),
                                prefix + "provided IP is already allocated")};
    used.insert(requested);
  } else {
    auto ip = allocate_cluster_ip(used, cidr, seed);
    if (!ip)
      return {{"InternalError", "spec.clusterIPs",
               "Internal error: failed to allocate a serviceIP: range is full"}};
    used.insert(*ip);
    spec.set_clusterip(*ip);
  }
  spec.clear_clusterips();
  spec.add_clusterips(spec.clusterip());
  return {};
}

// Checks a requested port or allocates one into `port`; false with an error when it fails.
bool assign_port(std::int32_t& port, const std::string& path, std::set<int>& used,
                 std::uint64_t seed, int lo, int hi, field_errors& out) {
  if (port != 0) {
    if (port < lo || port > hi) {
      out.push_back(
          invalid(path, port,
                  "provided port is not in the valid range. The range of valid ports is " +
                      std::to_string(lo) + "-" + std::to_string(hi)));
      return false;
    }
    if (used.contains(port)) {
      out.push_back(invalid(path, port, "provided port is already allocated"));
      return false;
    }
  } else {
    auto allocated = allocate_node_port(used, seed, lo, hi);
    if (!allocated) {
      out.push_back({"InternalError", path, "Internal error: range is full"});
      return false;
    }
    port = *allocated;
  }
  used.insert(port);
  return true;
}

}  // namespace

bool ip_in_cidr(std::string_view ip, std::string_view cidr) {
  auto net = parse_cidr(cidr);
  auto addr = parse_ipv4(ip);
  return net && addr && *addr >= net->base && *addr - net->base < net->size;
}

std::optional<std::string> allocate_cluster_ip(const std::set<std::string>& used,
                                               std::string_view cidr, std::uint64_t seed) {
  auto net = parse_cidr(cidr);
  // Offsets 2 .. size-2: skip the network address, .1 and the broadcast address.
  if (!net || net->size < 4) return std::nullopt;
  std::uint64_t count = net->size - 3;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t offset = 2 + (seed + i) % count;
    auto ip = format_ipv4(static_cast<std::uint32_t>(net->base + offset));
    if (!used.contains(ip)) return ip;
  }
  return std::nullopt;
}

std::optional<int> allocate_node_port(const std::set<int>& used, std::uint64_t seed, int lo,
                                      int hi) {
  if (hi < lo) return std::nullopt;
  auto count = static_cast<std::uint64_t>(hi - lo) + 1;
  for (std::uint64_t i = 0; i < count; ++i) {
    int port = lo + static_cast<int>((seed + i) % count);
    if (!used.contains(port)) return port;
  }
  return std::nullopt;
}

field_errors allocate_service_addresses(k8s::core::v1::Service& svc,
                                        std::set<std::string>& used_ips, std::set<int>& used_ports,
                                        std::string_view cidr, std::uint64_t seed, int port_lo,
                                        int port_hi) {
  auto& spec = *svc.mutable_spec();
  const auto& type = spec.type();
  if (type == "ExternalName") return {};
  field_errors out;
  if (spec.clusterip() != "None") out = assign_cluster_ip(spec, used_ips, cidr, seed);
  bool node_ports =
      type == "NodePort" || (type == "LoadBalancer" && (!spec.has_allocateloadbalancernodeports() ||
                                                        spec.allocateloadbalancernodeports()));
  if (node_ports) {
    for (int i = 0; i < spec.ports_size(); ++i) {
      auto port = spec.ports(i).nodeport();
      if (assign_port(port, child(index("spec.ports", i), "nodePort"), used_ports, seed + i,
                      port_lo, port_hi, out))
        spec.mutable_ports(i)->set_nodeport(port);
    }
  }
  if (type == "LoadBalancer" && spec.externaltrafficpolicy() == "Local") {
    auto port = spec.healthchecknodeport();
    if (assign_port(port, "spec.healthCheckNodePort", used_ports, seed, port_lo, port_hi, out))
      spec.set_healthchecknodeport(port);
  }
  return out;
}

void carry_allocated_values(k8s::core::v1::Service& svc, const k8s::core::v1::Service& old) {
  auto& spec = *svc.mutable_spec();
  const auto& before = old.spec();
  if (spec.type() == "ExternalName") return;
  if (spec.clusterip().empty() && spec.clusterips().empty() && !before.clusterip().empty()) {
    spec.set_clusterip(before.clusterip());
    *spec.mutable_clusterips() = before.clusterips();
  }
  if (spec.type() != "NodePort" && spec.type() != "LoadBalancer") return;
  for (int i = 0; i < spec.ports_size(); ++i) {
    auto& port = *spec.mutable_ports(i);
    if (port.nodeport() != 0) continue;
    for (int j = 0; j < before.ports_size(); ++j) {
      const auto& was = before.ports(j);
      bool same = port.name().empty() ? (i == j) : (port.name() == was.name());
      if (same && was.nodeport() != 0) port.set_nodeport(was.nodeport());
    }
  }
  if (spec.healthchecknodeport() == 0 && spec.externaltrafficpolicy() == "Local")
    spec.set_healthchecknodeport(before.healthchecknodeport());
}

}  // namespace kactor::admission
