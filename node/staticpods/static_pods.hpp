#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/apiclient/api_client.hpp"

namespace spdlog {
class logger;
}

// The kubelet's static pod sources: manifests in a directory and at a URL, checked
// periodically, each Pod mirrored into the API bound to this node (static_manifests.hpp). The
// kubelet then runs them like any pod bound to it. A mirror pod deleted through the API comes
// back at the next check; a changed manifest replaces its pod; a removed one deletes it.
namespace kactor::node::staticpods {

struct static_pods_options {
  std::string node_name;
  // A directory (every *.yaml, *.yml and *.json file in it) or one file; "" for none.
  // --pod-manifest-path.
  std::filesystem::path manifest_path;
  std::chrono::milliseconds file_check_frequency{20000};  // --file-check-frequency
  std::string manifest_url;  // http:// URL of a manifest; "" for none. --manifest-url
  std::chrono::milliseconds http_check_frequency{20000};  // --http-check-frequency
};

// Spawns the (detached: it reads files and URLs) actor; it works until an exit message.
caf::actor spawn_static_pods(caf::actor_system& sys, static_pods_options options,
                             std::shared_ptr<const apiclient::api_client> client,
                             std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::node::staticpods
