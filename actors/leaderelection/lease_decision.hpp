#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "k8s/coordination/v1/lease.pb.h"

// The pure part of leader election through a coordination/v1 Lease, as client-go's
// leaderelection does it: whether to create, renew, take over or wait. Expiry is judged by the
// candidate's own clock from when it last saw the lease record change (not by the holder's
// renewTime), so clocks of different machines need not agree.
namespace kactor::leaderelection {

using steady = std::chrono::steady_clock;

// What a candidate remembers of the lease between attempts.
struct observation {
  std::string holder;         // holderIdentity last seen
  std::string record;         // holder + renewTime + duration as last seen ("" = never seen)
  steady::time_point seen{};  // when `record` was first seen with its current value
};

enum class action {
  create,     // no lease: create it holding it
  renew,      // we hold it: renew
  take_over,  // it expired (or is released): become holder
  wait,       // someone else holds a live lease
};

// Updates `obs` with `lease` (nullopt: it does not exist) seen at `now`, and says what
// `identity` should do. A lease with an empty holder is released and free at once.
action decide(const std::optional<k8s::coordination::v1::Lease>& lease, const std::string& identity,
              std::chrono::milliseconds lease_duration, steady::time_point now, observation& obs);

// The lease `identity` writes for `a` (create, renew, take_over) from `current` (empty for
// create), at wall time now. take_over sets acquireTime and bumps leaseTransitions.
k8s::coordination::v1::Lease next_lease(const std::optional<k8s::coordination::v1::Lease>& current,
                                        action a, const std::string& ns, const std::string& name,
                                        const std::string& identity,
                                        std::chrono::milliseconds lease_duration);

// The lease as released by its holder: no holder, duration 1 s, so others take over at once.
k8s::coordination::v1::Lease released(const k8s::coordination::v1::Lease& current);

}  // namespace kactor::leaderelection
