#include "node/runtime/state_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kactor::node::runtime {

namespace fs = std::filesystem;
using nlohmann::json;

void to_json(json& j, const env_var& e) {
  j = json{{"name", e.name}, {"value", e.value}};
}
void from_json(const json& j, env_var& e) {
  j.at("name").get_to(e.name);
  j.at("value").get_to(e.value);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(resource_limits, cpu_request_millis, cpu_limit_millis,
                                   memory_limit_bytes, pids_limit)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(container_config, name, attempt, image, command, args, env,
                                   working_dir, log_path, resources, labels, annotations)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(pod_sandbox_config, name, namespace_, uid, attempt,
                                   log_directory, labels, annotations)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(cgroup_paths, memory, cpu, pids)
NLOHMANN_JSON_SERIALIZE_ENUM(container_state, {{container_state::unknown, "unknown"},
                                               {container_state::created, "created"},
                                               {container_state::running, "running"},
                                               {container_state::exited, "exited"}})
NLOHMANN_JSON_SERIALIZE_ENUM(sandbox_state, {{sandbox_state::ready, "ready"},
                                             {sandbox_state::not_ready, "not_ready"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(container_record, id, sandbox, config, state, pid, start_ticks,
                                   created_at, started_at, finished_at, exit_code, reason, message,
                                   log_path, cgroups)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(sandbox_record, id, config, state, created_at)

namespace {

runtime_error io_error(const std::string& what) {
  return runtime_error{error_code::internal, "StateError", what + ": " + std::strerror(errno)};
}

result<void> write_atomically(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  fs::path tmp = file;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("open " + tmp.string());
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), file.c_str()) != 0) return io_error("write " + file.string());
  return {};
}

template <class Record>
bool read_record(const fs::path& file, Record& out, std::vector<std::string>& problems) {
  std::ifstream in{file};
  auto j = json::parse(in, nullptr, false);
  if (j.is_discarded()) {
    problems.push_back(file.string() + ": not JSON");
    return false;
  }
  try {
    out = j.get<Record>();
  } catch (const json::exception& e) {
    problems.push_back(file.string() + ": " + e.what());
    return false;
  }
  return true;
}

}  // namespace

result<state_dir> state_dir::open(std::string dir) {
  std::error_code ec;
  fs::create_directories(fs::path{dir} / "containers", ec);
  if (!ec) fs::create_directories(fs::path{dir} / "sandboxes", ec);
  if (ec) {
    return runtime_error{error_code::internal, "StateError",
                         "creating state dir " + dir + ": " + ec.message()};
  }
  return state_dir{std::move(dir)};
}

std::string state_dir::container_dir(const container_id& id) const {
  return (fs::path{dir_} / "containers" / id).string();
}

result<void> state_dir::save(const container_record& r) const {
  return write_atomically(fs::path{container_dir(r.id)} / "state.json", json(r).dump());
}

result<void> state_dir::save(const sandbox_record& r) const {
  return write_atomically(fs::path{dir_} / "sandboxes" / (r.id + ".json"), json(r).dump());
}

void state_dir::remove_container(const container_id& id) const {
  std::error_code ec;
  fs::remove_all(container_dir(id), ec);
}

void state_dir::remove_sandbox(const sandbox_id& id) const {
  std::error_code ec;
  fs::remove(fs::path{dir_} / "sandboxes" / (id + ".json"), ec);
}

std::vector<container_record> state_dir::load_containers(std::vector<std::string>& problems) const {
  std::vector<container_record> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator{fs::path{dir_} / "containers", ec}) {
    container_record r;
    if (read_record(e.path() / "state.json", r, problems)) out.push_back(std::move(r));
  }
  return out;
}

std::vector<sandbox_record> state_dir::load_sandboxes(std::vector<std::string>& problems) const {
  std::vector<sandbox_record> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator{fs::path{dir_} / "sandboxes", ec}) {
    if (e.path().extension() != ".json") continue;
    sandbox_record r;
    if (read_record(e.path(), r, problems)) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace kactor::node::runtime
