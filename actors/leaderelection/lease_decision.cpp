#include "actors/leaderelection/lease_decision.hpp"

#include "messages/time.hpp"

namespace kactor::leaderelection {

namespace {

std::string record_of(const k8s::coordination::v1::Lease& lease) {
  const auto& s = lease.spec();
  return s.holderidentity() + "|" + std::to_string(s.renewtime().seconds()) + "." +
         std::to_string(s.renewtime().nanos()) + "|" + std::to_string(s.leasedurationseconds());
}

}  // namespace

action decide(const std::optional<k8s::coordination::v1::Lease>& lease, const std::string& identity,
              std::chrono::milliseconds lease_duration, steady::time_point now, observation& obs) {
  if (!lease) {
    obs = {};
    return action::create;
  }
  auto record = record_of(*lease);
  if (record != obs.record) {
    obs.record = record;
    obs.holder = lease->spec().holderidentity();
    obs.seen = now;
  }
  if (obs.holder == identity) return action::renew;
  if (obs.holder.empty()) return action::take_over;
  auto duration = lease->spec().has_leasedurationseconds()
                      ? std::chrono::milliseconds(lease->spec().leasedurationseconds() * 1000)
                      : lease_duration;
  return now - obs.seen >= duration ? action::take_over : action::wait;
}

k8s::coordination::v1::Lease next_lease(const std::optional<k8s::coordination::v1::Lease>& current,
                                        action a, const std::string& ns, const std::string& name,
                                        const std::string& identity,
                                        std::chrono::milliseconds lease_duration) {
  k8s::coordination::v1::Lease lease;
  if (current) lease = *current;
  lease.mutable_metadata()->set_namespace_(ns);
  lease.mutable_metadata()->set_name(name);
  auto* spec = lease.mutable_spec();
  auto now = messages::to_micro_time(messages::now());
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(lease_duration).count();
  spec->set_leasedurationseconds(static_cast<std::int32_t>(seconds < 1 ? 1 : seconds));
  *spec->mutable_renewtime() = now;
  if (a == action::create || a == action::take_over) {
    spec->set_holderidentity(identity);
    *spec->mutable_acquiretime() = now;
    spec->set_leasetransitions(a == action::create ? 0 : spec->leasetransitions() + 1);
  }
  return lease;
}

k8s::coordination::v1::Lease released(const k8s::coordination::v1::Lease& current) {
  auto lease = current;
  lease.mutable_spec()->set_holderidentity("");
  lease.mutable_spec()->set_leasedurationseconds(1);
  *lease.mutable_spec()->mutable_renewtime() = messages::to_micro_time(messages::now());
  return lease;
}

}  // namespace kactor::leaderelection
