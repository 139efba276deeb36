#include "cmd/kactor/state_host.hpp"

#include <caf/all.hpp>

#include "storage/state/error.hpp"

namespace kactor::cmd {

state_host::state_host(caf::actor_system& sys, state::state_role role,
                       std::shared_ptr<state_health> health)
    : sys_(&sys), role_(std::move(role)), health_(std::move(health)) {}

caf::expected<std::unique_ptr<state_host>> state_host::start(
    caf::actor_system& sys, const state::state_role_options& options,
    std::shared_ptr<bus::connection> probe_conn, std::shared_ptr<state_health> health,
    std::shared_ptr<spdlog::logger> log, state_probe_callbacks callbacks,
    state_probe_options probe) {
  auto role = state::start_state_role(sys, options);
  if (!role) return caf::make_error(caf::sec::runtime_error, state::describe(role.error()));
  auto host = std::make_unique<state_host>(sys, std::move(*role), std::move(health));
  host->probe_ = spawn_state_probe(sys, std::move(probe_conn), host->role_->actor(), host->health_,
                                   std::move(log), std::move(callbacks), probe);
  return host;
}

state_host::~state_host() {
  stop();
}

std::uint64_t state_host::epoch() const {
  return role_ ? role_->epoch() : 0;
}

void state_host::stop() {
  if (probe_) {
    caf::scoped_actor self{*sys_};
    self->send_exit(probe_, caf::exit_reason::user_shutdown);
    self->wait_for(probe_);
    probe_ = nullptr;
  }
  if (role_) {
    role_->stop();
    role_.reset();
  }
}

}  // namespace kactor::cmd
