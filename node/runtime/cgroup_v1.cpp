#include "node/runtime/cgroup_v1.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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
  // O_CREAT: cgroupfs files always exist; a plain directory standing in for one (tests) gets
  // the file created.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
    if (p->empty()) continue;
    auto file = *p + "/cgroup.procs";
    if (std::find(out.begin(), out.end(), file) == out.end()) out.push_back(file);
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
    // "0::/user.slice/x": the unified hierarchy's line, asked for with an empty controller.
    if (controller.empty()) {
      if (second == first + 1) return line.substr(second + 1);
      continue;
    }
    std::stringstream names{line.substr(first + 1, second - first - 1)};
    std::string name;
    while (std::getline(names, name, ',')) {
      if (name == controller) return line.substr(second + 1);
    }
  }
  return "/";
}

bool cgroup_v1::detect_unified() {
  std::ifstream in{join(layout_.root, "cgroup.controllers")};
  std::string text((std::istreambuf_iterator<char>(in)), {});
  if (!in && text.empty()) return false;
  std::stringstream words{text};
  std::string word;
  int found = 0;
  while (words >> word)
    found += word == "memory" || word == "cpu" || word == "pids";
  if (found < 3) return false;
  // Enable the controllers from the root down to the parent, so the pods' cgroups get them.
  std::string dir = layout_.root;
  std::vector<std::string> chain = {dir};
  std::string rel = layout_.nest_under_own ? own_cgroup("") : "/";
  std::stringstream parts{rel.substr(1) + "/" + layout_.parent};
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty()) continue;
    dir = join(dir, part);
    chain.push_back(dir);
  }
  if (auto err = make_dirs(dir); !err.empty()) {
    message_ = "cgroup v2 is not writable (" + err + "); containers run without resource limits";
    return true;
  }
  for (const auto& d : chain)
    if (auto err = write_file(join(d, "cgroup.subtree_control"), "+memory +cpu +pids");
        !err.empty()) {
      message_ = "cgroup v2 controllers cannot be enabled (" + err +
                 "); containers run without resource limits";
      return true;
    }
  for (const char* ctrl : controllers)
    bases_.emplace_back(ctrl, dir);
  unified_ = true;
  enabled_ = true;
  return true;
}

cgroup_v1::cgroup_v1(cgroup_layout layout) : layout_(std::move(layout)) {
  if (detect_unified()) return;
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

result<cgroup_paths> cgroup_v1::create_unified(std::string_view pod, std::string_view container,
                                               const resource_limits& limits) const {
  auto pod_path = pod_dir("memory", pod);
  auto dir = join(pod_path, container);
  cgroup_paths paths{dir, dir, dir};
  if (auto err = make_dirs(dir); !err.empty())
    return runtime_error{error_code::internal, "CgroupError", "creating a cgroup: " + err};
  // The weight Kubernetes derives from cpu shares (1 + (shares - 2) * 9999 / 262142).
  std::int64_t shares = std::max<std::int64_t>(2, limits.cpu_request_millis * 1024 / 1000);
  std::vector<std::pair<std::string, std::string>> writes = {
      {join(pod_path, "cgroup.subtree_control"), "+memory +cpu +pids"},
      {dir + "/memory.max", limits.memory_limit_bytes > 0
                                ? std::to_string(limits.memory_limit_bytes)
                                : std::string("max")},
      {dir + "/cpu.weight", std::to_string(1 + (shares - 2) * 9999 / 262142)},
      {dir + "/cpu.max", (limits.cpu_limit_millis > 0 ? std::to_string(std::max<std::int64_t>(
                                                            1000, limits.cpu_limit_millis * 100))
                                                      : std::string("max")) +
                             " 100000"},
      {dir + "/pids.max", limits.pids_limit > 0 ? std::to_string(limits.pids_limit) : "max"}};
  for (const auto& [file, value] : writes)
    if (auto err = write_file(file, value); !err.empty()) {
      remove(paths);
      return runtime_error{error_code::internal, "CgroupError", "writing " + value + " to " + err};
    }
  return paths;
}

result<cgroup_paths> cgroup_v1::create(std::string_view pod, std::string_view container,
                                       const resource_limits& limits) const {
  cgroup_paths paths;
  if (!enabled_) return paths;
  if (unified_) return create_unified(pod, container, limits);
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
    // A directory standing in for cgroupfs (tests) holds the interface files as real files.
    if (::access((*dir + "/cgroup.controllers").c_str(), F_OK) != 0)
      for (const char* f : {"memory.max", "cpu.max", "cpu.weight", "pids.max", "cgroup.procs",
                            "cgroup.subtree_control", "memory.events"})
        ::unlink((*dir + "/" + f).c_str());
    // Processes killed a moment ago may still be leaving the cgroup (EBUSY): retry briefly.
    for (int i = 0; i < 100 && ::rmdir(dir->c_str()) != 0 && errno == EBUSY; ++i) {
      ::usleep(10'000);
    }
  }
}

void cgroup_v1::remove_pod(std::string_view pod) const {
  if (!enabled_) return;
  for (const char* ctrl : controllers) {
    auto dir = pod_dir(ctrl, pod);
    if (unified_ && ::access((dir + "/cgroup.controllers").c_str(), F_OK) != 0)
      ::unlink((dir + "/cgroup.subtree_control").c_str());
    ::rmdir(dir.c_str());
  }
}

std::int64_t cgroup_v1::oom_kills(const cgroup_paths& paths) {
  if (paths.memory.empty()) return 0;
  // v2: memory.events; v1: memory.oom_control. Both have an "oom_kill N" line.
  std::ifstream in{paths.memory + "/memory.oom_control"};
  if (!in) in.open(paths.memory + "/memory.events");
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
