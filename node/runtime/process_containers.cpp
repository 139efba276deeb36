// process_runtime: the container calls (create, start, stop, remove, status).
#include <signal.h>
#include <unistd.h>

#include <filesystem>

#include "node/runtime/proc_stat.hpp"
#include "node/runtime/process_runtime.hpp"
#include "node/runtime/spawn.hpp"

namespace kactor::node::runtime {

namespace {

runtime_error container_not_found(const container_id& id) {
  return runtime_error{error_code::not_found, "NotFound", "container " + id + " not found"};
}

std::string join_log_path(const std::string& dir, const std::string& rel) {
  if (rel.empty()) return {};
  if (rel.front() == '/' || dir.empty()) return rel;
  return (std::filesystem::path{dir} / rel).string();
}

}  // namespace

result<container_id> process_runtime::create_container(const sandbox_id& sandbox,
                                                       const container_config& config) {
  if (config.command.empty()) {
    return runtime_error{error_code::unsupported, "NoCommand",
                         "the process runtime runs containers from their command; image-only "
                         "containers need the OCI runtime"};
  }
  std::lock_guard lock{mutex_};
  auto sit = sandboxes_.find(sandbox);
  if (sit == sandboxes_.end()) {
    return runtime_error{error_code::not_found, "NotFound", "sandbox " + sandbox + " not found"};
  }
  if (sit->second.state != sandbox_state::ready) {
    return runtime_error{error_code::failed_precondition, "SandboxNotReady",
                         "sandbox " + sandbox + " is stopped"};
  }
  container_record rec;
  rec.id = random_id();
  rec.sandbox = sandbox;
  rec.config = config;
  rec.created_at = unix_nanos_now();
  rec.log_path = join_log_path(sit->second.config.log_directory, config.log_path);
  if (!rec.log_path.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path{rec.log_path}.parent_path(), ec);
  }
  auto cg = cgroups_.create(sit->second.config.uid, rec.id, config.resources);
  if (!cg) return cg.error();
  rec.cgroups = std::move(*cg);
  if (auto saved = dir_.save(rec); !saved) {
    cgroup_v1::remove(rec.cgroups);
    return saved.error();
  }
  containers_[rec.id].rec = rec;
  return rec.id;
}

result<void> process_runtime::start_container(const container_id& id) {
  std::lock_guard lock{mutex_};
  auto it = containers_.find(id);
  if (it == containers_.end()) return container_not_found(id);
  auto& e = it->second;
  auto& rec = e.rec;
  if (rec.state != container_state::created) {
    return runtime_error{error_code::failed_precondition, "NotCreated",
                         "container " + id + " is " + to_string(rec.state)};
  }
  auto sink = log_sink::open(dir_.container_dir(id), rec.log_path, config_.rotation);
  if (!sink) return sink.error();
  spawn_spec spec;
  spec.argv = rec.config.command;
  spec.argv.insert(spec.argv.end(), rec.config.args.begin(), rec.config.args.end());
  spec.env = rec.config.env;
  spec.working_dir = rec.config.working_dir;
  spec.join_cgroups = rec.cgroups.procs_files();
  spec.stdout_path = (*sink)->stdout_fifo();
  spec.stderr_path = (*sink)->stderr_fifo();
  auto proc = spawn(spec);
  if (!proc) {
    rec.state = container_state::exited;
    rec.finished_at = unix_nanos_now();
    rec.exit_code = 128;
    rec.reason = proc.error().reason;
    rec.message = proc.error().message;
    persist(rec);
    exited_.notify_all();
    return proc.error();
  }
  auto st = read_proc_stat(proc->pid);
  rec.pid = proc->pid;
  rec.start_ticks = st ? st->start_ticks : 0;
  rec.started_at = unix_nanos_now();
  rec.state = container_state::running;
  persist(rec);
  e.log = std::move(*sink);
  e.log->attach(loop_);
  watch_exit(e, proc->pidfd);
  return {};
}

result<void> process_runtime::stop_container(const container_id& id,
                                             std::chrono::milliseconds grace) {
  std::unique_lock lock{mutex_};
  auto running = [&] {
    auto it = containers_.find(id);
    return it != containers_.end() && it->second.rec.state == container_state::running;
  };
  auto it = containers_.find(id);
  if (it == containers_.end()) return container_not_found(id);
  if (!running()) return {};
  // Signals go out under the lock: the exit handler reaps under it too, so the group id (the
  // main pid) still names this container's group.
  if (grace.count() > 0) {
    kill_container(it->second.rec, SIGTERM);
    exited_.wait_for(lock, grace, [&] { return !running(); });
  }
  if (!running()) return {};
  kill_container(containers_.at(id).rec, SIGKILL);
  if (!exited_.wait_for(lock, std::chrono::seconds{30}, [&] { return !running(); })) {
    return runtime_error{error_code::internal, "KillFailed",
                         "container " + id + " did not exit 30 s after SIGKILL"};
  }
  return {};
}

result<void> process_runtime::remove_container(const container_id& id) {
  if (auto stopped = stop_container(id, std::chrono::milliseconds{0}); !stopped) return stopped;
  std::lock_guard lock{mutex_};
  auto it = containers_.find(id);
  if (it == containers_.end()) return container_not_found(id);
  if (it->second.exit_watch != 0) loop_.unwatch(it->second.exit_watch);
  cgroup_v1::remove(it->second.rec.cgroups);
  dir_.remove_container(id);
  containers_.erase(it);
  return {};
}

result<container_status> process_runtime::inspect_container(const container_id& id) {
  std::lock_guard lock{mutex_};
  auto it = containers_.find(id);
  if (it == containers_.end()) return container_not_found(id);
  return status_of(it->second.rec);
}

std::vector<container_status> process_runtime::list_containers() {
  std::lock_guard lock{mutex_};
  std::vector<container_status> out;
  for (const auto& [id, e] : containers_)
    out.push_back(status_of(e.rec));
  return out;
}

result<container_status> process_runtime::wait_container(const container_id& id,
                                                         std::chrono::milliseconds timeout) {
  std::unique_lock lock{mutex_};
  exited_.wait_for(lock, timeout, [&] {
    auto it = containers_.find(id);
    return it == containers_.end() || it->second.rec.state != container_state::running;
  });
  auto it = containers_.find(id);
  if (it == containers_.end()) return container_not_found(id);
  return status_of(it->second.rec);
}

}  // namespace kactor::node::runtime
