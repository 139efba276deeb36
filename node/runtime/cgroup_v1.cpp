#include "node/runtime/cgroup_v1.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kactor::node::runtime {

namespace {

constexpr const char* controllers[] = {"memory", "cpu", "pids"};

bool is_dir(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// mkdir -p; "" on success, else the failing path and errno text.
std::string make_dirs(const std::string& path) {
  std::string cur;
  std::stringstream parts{path};
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty()) continue;
    cur += "/" + part;
    if (::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST) {
      return cur + ": " + std::strerror(errno);
    }
  }
  return {};
}

// Writes `value` to `path` in one write(2), as cgroupfs wants; "" or the error text.
std::string write_file(const std::string& path, const std::string& value) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return path + ": " + std::strerror(errno);
  ssize_t n = ::write(fd, value.data(), value.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(value.size())) return path + ": " + std::strerror(err);
  return {};
}

std::string join(std::string a, std::string_view b) {
  if (a.empty() || a.back() != '/') a += '/';
  a.append(b);
  return a;
}

}  // namespace

std::vector<std::string> cgroup_paths::procs_files() const {
  std::vector<std::string> out;
  for (const auto* p : {&memory, &cpu, &pids}) {
    if (!p->empty()) out.push_back(*p + "/cgroup.procs");
  }
  return out;
}

std::string own_cgroup(std::string_view controller) {
  std::ifstream in{"/proc/self/cgroup"};
  std::string line;
  while (std::getline(in, line)) {
    // "4:memory:/process_api/1eed" (a line may list several controllers: "3:cpu,cpuacct:/x")
    auto first = line.find(':');
    auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::stringstream names{line.substr(first + 1, second - first - 1)};
    std::string name;
    while (std::getline(names, name, ',')) {
      if (name == controller) return line.substr(second + 1);
    }
  }
  return "/";
}

cgroup_v1::cgroup_v1(cgroup_layout layout) : layout_(std::move(layout)) {
  for (const char* ctrl : controllers) {
    std::string mount = join(layout_.root, ctrl);
    if (!is_dir(mount) || ::access((mount + "/cgroup.procs").c_str(), F_OK) != 0) {
      message_ = "cgroup v1 controller " + std::string{ctrl} + " is not mounted at " + mount +
                 "; containers run without resource limits";
      return;
    }
    std::string dir = mount;
    if (layout_.nest_under_own) dir = join(dir, own_cgroup(ctrl).substr(1));
    dir = join(dir, layout_.parent);
    if (auto err = make_dirs(dir); !err.empty() || ::access(dir.c_str(), W_OK) != 0) {
      message_ = "cgroup v1 is not writable (" + (err.empty() ? dir : err) +
                 "); containers run without resource limits";
      return;
    }
    bases_.emplace_back(ctrl, dir);
  }
  enabled_ = true;
}

std::string cgroup_v1::base(std::string_view controller) const {
  for (const auto& [ctrl, dir] : bases_) {
    if (ctrl == controller) return dir;
  }
  return {};
}

std::string cgroup_v1::pod_dir(std::string_view controller, std::string_view pod) const {
  if (!enabled_) return {};
  return join(base(controller), "pod" + std::string{pod});
}

result<cgroup_paths> cgroup_v1::create(std::string_view pod, std::string_view container,
                                       const resource_limits& limits) const {
  cgroup_paths paths;
  if (!enabled_) return paths;
  paths.memory = join(pod_dir("memory", pod), container);
  paths.cpu = join(pod_dir("cpu", pod), container);
  paths.pids = join(pod_dir("pids", pod), container);
  std::vector<std::pair<std::string, std::string>> writes;
  if (limits.memory_limit_bytes > 0) {
    writes.emplace_back(paths.memory + "/memory.limit_in_bytes",
                        std::to_string(limits.memory_limit_bytes));
  }
  // cpu: 1000 millicores = 1024 shares (minimum 2, the kernel's floor and Kubernetes' value
  // for no request); a limit of L millicores = L * 100 quota microseconds per 100 ms period.
  std::int64_t shares = std::max<std::int64_t>(2, limits.cpu_request_millis * 1024 / 1000);
  writes.emplace_back(paths.cpu + "/cpu.shares", std::to_string(shares));
  writes.emplace_back(paths.cpu + "/cpu.cfs_period_us", "100000");
  std::int64_t quota = limits.cpu_limit_millis > 0
                           ? std::max<std::int64_t>(1000, limits.cpu_limit_millis * 100)
                           : -1;
  writes.emplace_back(paths.cpu + "/cpu.cfs_quota_us", std::to_string(quota));
  writes.emplace_back(paths.pids + "/pids.max",
                      limits.pids_limit > 0 ? std::to_string(limits.pids_limit) : "max");
  for (const auto* dir : {&paths.memory, &paths.cpu, &paths.pids}) {
    if (auto err = make_dirs(*dir); !err.empty()) {
      remove(paths);
      return runtime_error{error_code::internal, "CgroupError", "creating a cgroup: " + err};
    }
  }
  for (const auto& [file, value] : writes) {
    if (auto err = write_file(file, value); !err.empty()) {
      remove(paths);
      return runtime_error{error_code::internal, "CgroupError", "writing " + value + " to " + err};
    }
  }
  return paths;
}

void cgroup_v1::remove(const cgroup_paths& paths) {
  for (const auto* dir : {&paths.memory, &paths.cpu, &paths.pids}) {
    if (dir->empty()) continue;
    // Processes killed a moment ago may still be leaving the cgroup (EBUSY): retry briefly.
    for (int i = 0; i < 100 && ::rmdir(dir->c_str()) != 0 && errno == EBUSY; ++i) {
      ::usleep(10'000);
    }
  }
}

void cgroup_v1::remove_pod(std::string_view pod) const {
  if (!enabled_) return;
  for (const char* ctrl : controllers)
    ::rmdir(pod_dir(ctrl, pod).c_str());
}

std::int64_t cgroup_v1::oom_kills(const cgroup_paths& paths) {
  if (paths.memory.empty()) return 0;
  std::ifstream in{paths.memory + "/memory.oom_control"};
  std::string key;
  std::int64_t value = 0;
  while (in >> key >> value) {
    if (key == "oom_kill") return value;
  }
  return 0;
}

std::vector<int> cgroup_v1::processes(const cgroup_paths& paths) {
  std::vector<int> out;
  for (const auto& file : paths.procs_files()) {
    std::ifstream in{file};
    int pid = 0;
    while (in >> pid)
      out.push_back(pid);
  }
  return out;
}

void cgroup_v1::signal_all(const cgroup_paths& paths, int signal) {
  for (int pid : processes(paths))
    ::kill(pid, signal);
}

}  // namespace kactor::node::runtime
