#include "actors/supervision/process_supervisor.hpp"

#include <signal.h>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>
#include <fstream>
#include <vector>

#include "actors/supervision/backoff.hpp"

namespace kactor::supervision {
namespace {

// Internal messages.
using child_exit_atom =
    caf::atom_constant<caf::atom("sv_chexit")>;                    // (gen, signaled, code, signal)
using restart_atom = caf::atom_constant<caf::atom("sv_restart")>;  // (gen)
using grace_atom = caf::atom_constant<caf::atom("sv_grace")>;      // (gen)

using clock = std::chrono::steady_clock;

struct supervisor_state {
  process_spec spec;
  caf::actor listener;
  std::shared_ptr<spdlog::logger> log;
  child_process child;
  std::uint64_t generation = 0;  // tags the waiter's report and timers of one child instance
  std::unique_ptr<backoff> delays;
  clock::time_point started_at;
  process_status status;
  bool stopping = false;
  std::vector<caf::response_promise> stop_promises;

  ~supervisor_state() {
    if (child.running()) {
      if (log) log->warn("{}: supervisor exits; killing pid {}", spec.name, child.pid());
      child = child_process{};  // SIGKILL and reap
    }
    remove_pid_file();
  }

  void remove_pid_file() {
    std::error_code ec;
    if (!spec.pid_file.empty()) std::filesystem::remove(spec.pid_file, ec);
  }
};

using supervisor_actor = caf::stateful_actor<supervisor_state>;

// Waits (blocking, on its own thread) for the child to exit and reports it without reaping.
void watch(supervisor_actor* self, pid_t pid) {
  auto gen = self->state.generation;
  caf::actor supervisor = caf::actor_cast<caf::actor>(self);
  self->system().spawn<caf::detached>([pid, gen, supervisor](caf::blocking_actor*) {
    auto status = wait_for_exit(pid);
    exit_status st = status ? *status : exit_status{true, 0, 0};
    caf::anon_send(supervisor, child_exit_atom::value, gen, st.signaled, std::int32_t{st.code},
                   std::int32_t{st.signal});
  });
}

void schedule_restart(supervisor_actor* self, std::chrono::milliseconds uptime) {
  auto& st = self->state;
  auto delay = st.delays->next(uptime);
  st.log->info("{}: restart #{} in {} ms", st.spec.name, st.status.restarts + 1, delay.count());
  self->delayed_send(self, delay, restart_atom::value, st.generation);
}

void start_child(supervisor_actor* self) {
  auto& st = self->state;
  ++st.generation;
  auto child = child_process::spawn(st.spec.spawn);
  if (!child) {
    st.status.last_exit = child.error().context().match_elements<std::string>()
                              ? child.error().context().get_as<std::string>(0)
                              : caf::to_string(child.error());
    st.log->error("{}: {}", st.spec.name, st.status.last_exit);
    schedule_restart(self, std::chrono::milliseconds{0});
    return;
  }
  st.child = std::move(*child);
  st.started_at = clock::now();
  st.status.pid = st.child.pid();
  ++st.status.starts;
  if (!st.spec.pid_file.empty())
    std::ofstream{st.spec.pid_file, std::ios::trunc} << st.child.pid() << "\n";
  st.log->info("{}: started, pid {}", st.spec.name, st.child.pid());
  if (st.listener)
    self->send(st.listener, started_atom::value, st.spec.name, std::int32_t{st.child.pid()},
               st.status.restarts);
  watch(self, st.child.pid());
}

void on_child_exit(supervisor_actor* self) {
  auto& st = self->state;
  auto pid = st.child.pid();
  auto status = st.child.wait();  // a zombie by now: reaping does not block
  auto uptime = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - st.started_at);
  st.status.pid = 0;
  st.status.last_exit = status.describe();
  if (st.listener)
    self->send(st.listener, exited_atom::value, st.spec.name, std::int32_t{pid}, status.describe());
  if (st.stopping) {
    st.log->info("{}: pid {} {}", st.spec.name, pid, status.describe());
    st.remove_pid_file();
    for (auto& p : st.stop_promises)
      p.deliver(stop_atom::value);
    st.stop_promises.clear();
    self->quit();
    return;
  }
  st.log->warn("{}: pid {} {} after {} ms", st.spec.name, pid, status.describe(), uptime.count());
  schedule_restart(self, uptime);
}

caf::behavior process_supervisor(supervisor_actor* self, process_spec spec, caf::actor listener) {
  auto& st = self->state;
  st.log = spec.log ? spec.log : spdlog::default_logger();
  st.delays = std::make_unique<backoff>(spec.restart);
  st.spec = std::move(spec);
  st.spec.spawn.die_with_parent = true;
  st.listener = std::move(listener);
  start_child(self);
  return {
      [=](status_atom) { return self->state.status; },
      [=](stop_atom) -> caf::result<stop_atom> {
        auto& st = self->state;
        if (!st.child.running()) {  // between restarts: nothing to stop
          st.stopping = true;
          self->quit();
          return stop_atom::value;
        }
        st.stop_promises.push_back(self->make_response_promise());
        if (!st.stopping) {
          st.stopping = true;
          st.log->info("{}: stopping pid {} (SIGTERM, SIGKILL after {} ms)", st.spec.name,
                       st.child.pid(), st.spec.stop_grace.count());
          st.child.signal(SIGTERM);
          self->delayed_send(self, st.spec.stop_grace, grace_atom::value, st.generation);
        }
        return caf::delegated<stop_atom>{};
      },
      [=](child_exit_atom, std::uint64_t gen, bool, std::int32_t, std::int32_t) {
        if (gen == self->state.generation && self->state.child.running()) on_child_exit(self);
      },
      [=](restart_atom, std::uint64_t gen) {
        auto& st = self->state;
        if (gen != st.generation || st.stopping || st.child.running()) return;
        ++st.status.restarts;
        start_child(self);
      },
      [=](grace_atom, std::uint64_t gen) {
        auto& st = self->state;
        if (gen != st.generation || !st.child.running()) return;
        st.log->warn("{}: pid {} still running {} ms after SIGTERM; sending SIGKILL", st.spec.name,
                     st.child.pid(), st.spec.stop_grace.count());
        st.child.signal(SIGKILL);
      },
  };
}

}  // namespace

caf::actor spawn_process_supervisor(caf::actor_system& sys, process_spec spec,
                                    caf::actor listener) {
  return sys.spawn<caf::detached>(process_supervisor, std::move(spec), std::move(listener));
}

}  // namespace kactor::supervision
