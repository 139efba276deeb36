#pragma once

#include <string>
#include <string_view>

namespace kactor::cmd {

// The kubeconfig `kactor up` writes to DIR/kubeconfig: one cluster "kactor" at `server`
// ("http://127.0.0.1:6443"), an anonymous user, and the current context "kactor" in
// namespace default. `KUBECONFIG=DIR/kubeconfig kubectl get pods` then talks to the gateway.
std::string kubeconfig_text(std::string_view server);

}  // namespace kactor::cmd
