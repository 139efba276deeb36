#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>

#include "actors/apiclient/api_client.hpp"

namespace spdlog {
class logger;
}

// Leader election through a coordination/v1 Lease (client-go's leaderelection, same defaults):
// of several candidates with the same lease, one leads; when it stops renewing, another takes
// over once the lease stayed unchanged for its duration; a candidate that stops cleanly
// releases the lease so the next one takes over at once. docs/leaderelection.md.
namespace kactor::leaderelection {

// To the target: (leading_atom, bool leading) whenever this candidate starts or stops leading.
using leading_atom = caf::atom_constant<caf::atom("le_leading")>;

struct elector_options {
  std::string lease_namespace = "kube-system";
  std::string lease_name;  // required: "kube-scheduler", "kube-controller-manager"
  std::string identity;    // required and unique per candidate: "<host>_<random>"
  std::chrono::milliseconds lease_duration{15000};  // others wait this long before taking over
  std::chrono::milliseconds renew_deadline{10000};  // a leader that could not renew this long stops
  std::chrono::milliseconds retry_period{2000};     // between attempts (acquire and renew)
  bool release_on_stop = true;                      // clear the holder when the elector exits
};

// A unique identity for this process: "<hostname>_<16 random hex digits>".
std::string default_identity();

// Spawns a candidate that keeps trying to lead and tells `target` when it starts and stops
// leading. Exit it to stop (it releases the lease when leading and release_on_stop).
caf::actor spawn_leader_elector(caf::actor_system& sys, elector_options options,
                                std::shared_ptr<const apiclient::api_client> client,
                                caf::actor target, std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::leaderelection
