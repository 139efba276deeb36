#include "node/runtime/process_runtime.hpp"

#include <signal.h>
#include <sys/random.h>
#include <unistd.h>

#include <filesystem>

#include "node/runtime/proc_stat.hpp"
#include "node/runtime/spawn.hpp"

namespace kactor::node::runtime {

namespace {

runtime_error not_found(const std::string& what, const std::string& id) {
  return runtime_error{error_code::not_found, "NotFound", what + " " + id + " not found"};
}

// Exit code and reason Kubernetes reports for a finished container.
void set_exit(container_record& rec, int exit_code, bool oom_killed) {
  rec.state = container_state::exited;
  rec.pid = 0;
  rec.finished_at = unix_nanos_now();
  rec.exit_code = exit_code;
  rec.reason = oom_killed ? "OOMKilled" : exit_code == 0 ? "Completed" : "Error";
}

}  // namespace

std::string random_id() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id += hex[b >> 4];
    id += hex[b & 15];
  }
  return id;
}

container_status status_of(const container_record& rec) {
  container_status s;
  s.id = rec.id;
  s.sandbox = rec.sandbox;
  s.name = rec.config.name;
  s.attempt = rec.config.attempt;
  s.state = rec.state;
  s.pid = rec.state == container_state::running ? rec.pid : 0;
  s.created_at = rec.created_at;
  s.started_at = rec.started_at;
  s.finished_at = rec.finished_at;
  s.exit_code = rec.exit_code;
  s.reason = rec.reason;
  s.message = rec.message;
  s.log_path = rec.log_path;
  s.labels = rec.config.labels;
  s.annotations = rec.config.annotations;
  return s;
}

result<std::unique_ptr<process_runtime>> process_runtime::create(process_runtime_config config) {
  if (config.state_dir.empty()) {
    return runtime_error{error_code::invalid, "InvalidConfig", "the state dir is not set"};
  }
  auto dir = state_dir::open(config.state_dir);
  if (!dir) return dir.error();
  std::unique_ptr<process_runtime> rt{new process_runtime(std::move(config), std::move(*dir))};
  for (auto& s : rt->dir_.load_sandboxes(rt->load_problems_))
    rt->sandboxes_.emplace(s.id, s);
  std::lock_guard lock{rt->mutex_};
  for (auto& c : rt->dir_.load_containers(rt->load_problems_))
    rt->adopt(std::move(c));
  return rt;
}

process_runtime::process_runtime(process_runtime_config config, state_dir dir)
    : config_(std::move(config)),
      dir_(std::move(dir)),
      cgroups_(config_.use_cgroups ? config_.cgroups : cgroup_layout{"/nonexistent"}) {}

process_runtime::~process_runtime() = default;

void process_runtime::adopt(container_record rec) {
  auto& e = containers_[rec.id];
  e.rec = std::move(rec);
  auto& r = e.rec;
  if (r.state != container_state::running) return;
  int pidfd = same_process_alive(r.pid, r.start_ticks) ? open_pidfd(r.pid) : -1;
  // pidfd_open raced with an exit and a pid reuse: check the identity again.
  if (pidfd >= 0 && !same_process_alive(r.pid, r.start_ticks)) {
    ::close(pidfd);
    pidfd = -1;
  }
  auto sink = pidfd >= 0 ? log_sink::open(dir_.container_dir(r.id), r.log_path, config_.rotation)
                         : result<std::shared_ptr<log_sink>>{runtime_error{}};
  if (pidfd < 0 || !sink) {
    if (pidfd >= 0) ::close(pidfd);
    cgroup_v1::signal_all(r.cgroups, SIGKILL);
    bool oom = cgroup_v1::oom_kills(r.cgroups) > 0;
    set_exit(r, 137, oom);
    if (!oom) {
      r.reason = "ContainerStatusUnknown";
      r.message = "The container could not be located when the runtime restarted";
    }
    persist(r);
    return;
  }
  e.log = std::move(*sink);
  e.log->attach(loop_);
  watch_exit(e, pidfd);
}

void process_runtime::watch_exit(entry& e, int pidfd) {
  // The callback owns the pidfd: it closes when the watch goes, whoever removes it.
  struct owned_fd {
    explicit owned_fd(int f) : fd(f) {}
    owned_fd(const owned_fd&) = delete;
    ~owned_fd() { ::close(fd); }
    int fd;
  };
  auto owned = std::make_shared<owned_fd>(pidfd);
  e.exit_watch = loop_.watch(pidfd, [this, id = e.rec.id, owned](std::uint32_t) {
    handle_exit(id, owned->fd);
    return false;
  });
}

void process_runtime::handle_exit(const container_id& id, int pidfd) {
  std::unique_lock lock{mutex_};
  auto it = containers_.find(id);
  if (it == containers_.end() || it->second.rec.state != container_state::running) return;
  auto& rec = it->second.rec;
  // The container ends with its main process. Kill the rest of the group while the main
  // process is an unreaped zombie, so its pid (the group id) cannot have been reused.
  kill_container(rec, SIGKILL);
  int code = wait_pidfd(pidfd, false);
  bool known = code >= 0;
  if (it->second.log) it->second.log->drain_and_close(loop_);
  it->second.log.reset();
  it->second.exit_watch = 0;
  bool oom = cgroup_v1::oom_kills(rec.cgroups) > 0;
  set_exit(rec, known ? code : 137, oom);
  if (!known && !oom) {
    rec.reason = "ContainerStatusUnknown";
    rec.message = "The container's exit status is unknown: it was started by an earlier runtime";
  }
  persist(rec);
  auto handler = exit_handler_;
  lock.unlock();
  exited_.notify_all();
  if (handler) handler(id);
}

void process_runtime::kill_container(const container_record& rec, int signal) {
  if (rec.pid > 0) ::kill(-rec.pid, signal);
  cgroup_v1::signal_all(rec.cgroups, signal);
}

void process_runtime::persist(const container_record& rec) {
  // A failed write leaves the previous record; the next transition writes again. Re-adoption
  // then sees an older state, which it checks against /proc anyway.
  (void)dir_.save(rec);
}

runtime_info process_runtime::info() const {
  std::string message = cgroups_.message();
  if (!config_.use_cgroups) message = "cgroups are disabled by configuration";
  return runtime_info{"process", cgroups_.enabled(), message};
}

result<sandbox_id> process_runtime::run_pod_sandbox(const pod_sandbox_config& config) {
  if (config.uid.empty()) {
    return runtime_error{error_code::invalid, "InvalidSandbox", "the pod uid is empty"};
  }
  sandbox_record rec{random_id(), config, sandbox_state::ready, unix_nanos_now()};
  std::error_code ec;
  if (!config.log_directory.empty()) std::filesystem::create_directories(config.log_directory, ec);
  std::lock_guard lock{mutex_};
  if (auto saved = dir_.save(rec); !saved) return saved.error();
  sandboxes_.emplace(rec.id, rec);
  return rec.id;
}

result<void> process_runtime::stop_pod_sandbox(const sandbox_id& id,
                                               std::chrono::milliseconds grace) {
  std::vector<container_id> members;
  {
    std::lock_guard lock{mutex_};
    auto it = sandboxes_.find(id);
    if (it == sandboxes_.end()) return not_found("sandbox", id);
    it->second.state = sandbox_state::not_ready;
    (void)dir_.save(it->second);
    for (const auto& [cid, e] : containers_) {
      if (e.rec.sandbox == id) members.push_back(cid);
    }
  }
  for (const auto& cid : members) {
    if (auto r = stop_container(cid, grace); !r && r.error().code != error_code::not_found) {
      return r;
    }
  }
  return {};
}

result<void> process_runtime::remove_pod_sandbox(const sandbox_id& id) {
  std::vector<container_id> members;
  std::string uid;
  {
    std::lock_guard lock{mutex_};
    auto it = sandboxes_.find(id);
    if (it == sandboxes_.end()) return not_found("sandbox", id);
    uid = it->second.config.uid;
    for (const auto& [cid, e] : containers_) {
      if (e.rec.sandbox == id) members.push_back(cid);
    }
  }
  for (const auto& cid : members) {
    if (auto r = remove_container(cid); !r && r.error().code != error_code::not_found) return r;
  }
  std::lock_guard lock{mutex_};
  cgroups_.remove_pod(uid);
  dir_.remove_sandbox(id);
  sandboxes_.erase(id);
  return {};
}

result<pod_sandbox_status> process_runtime::inspect_pod_sandbox(const sandbox_id& id) {
  std::lock_guard lock{mutex_};
  auto it = sandboxes_.find(id);
  if (it == sandboxes_.end()) return not_found("sandbox", id);
  const auto& s = it->second;
  return pod_sandbox_status{s.id, s.config, s.state, s.created_at};
}

std::vector<pod_sandbox_status> process_runtime::list_pod_sandboxes() {
  std::lock_guard lock{mutex_};
  std::vector<pod_sandbox_status> out;
  for (const auto& [id, s] : sandboxes_)
    out.push_back({s.id, s.config, s.state, s.created_at});
  return out;
}

void process_runtime::on_container_exit(std::function<void(const container_id&)> handler) {
  std::lock_guard lock{mutex_};
  exit_handler_ = std::move(handler);
}

}  // namespace kactor::node::runtime
