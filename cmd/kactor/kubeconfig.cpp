#include "cmd/kactor/kubeconfig.hpp"

namespace kactor::cmd {

std::string kubeconfig_text(std::string_view server) {
  std::string out;
  out += "apiVersion: v1\n";
  out += "kind: Config\n";
  out += "clusters:\n";
  out += "- name: kactor\n";
  out += "  cluster:\n";
  out += "    server: \"" + std::string{server} + "\"\n";
  out += "users:\n";
  out += "- name: kactor-anonymous\n";
  out += "  user: {}\n";
  out += "contexts:\n";
  out += "- name: kactor\n";
  out += "  context:\n";
  out += "    cluster: kactor\n";
  out += "    user: kactor-anonymous\n";
  out += "    namespace: default\n";
  out += "current-context: kactor\n";
  return out;
}

}  // namespace kactor::cmd
