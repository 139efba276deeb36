#include <caf/send.hpp>

#include "node/agent/kubelet_state.hpp"

namespace kactor::node::agent {

void run_job(caf::event_based_actor* self, std::function<job_outcome()> job) {
  auto kubelet = caf::actor_cast<caf::actor>(self);
  self->spawn<caf::detached>([kubelet, job = std::move(job)](caf::event_based_actor* worker) {
    caf::anon_send(kubelet, job_done_atom::value, job());
    worker->quit();
  });
}

}  // namespace kactor::node::agent
