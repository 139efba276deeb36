#include "node/podio/pod_io.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "node/podio/cri_log_reader.hpp"
#include "node/podio/log_files.hpp"
#include "node/runtime/container_config.hpp"

namespace kactor::node::podio {

namespace fs = std::filesystem;

namespace {

std::string read_from(const fs::path& file, std::uint64_t offset) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  in.seekg(static_cast<std::streamoff>(offset));
  return {std::istreambuf_iterator<char>(in), {}};
}

bool label_is(const runtime::container_status& c, const char* key, const std::string& value) {
  auto it = c.labels.find(key);
  return it != c.labels.end() && it->second == value;
}

// True while the instance that writes `file` runs.
bool writer_running(runtime::runtime* rt, const bus::v1::PodLogRequest& req, const fs::path& file) {
  if (!rt) return false;
  auto c = find_container(*rt, req.namespace_(), req.pod(), req.container());
  return c && c->state == runtime::container_state::running &&
         static_cast<long>(c->attempt) == attempt_of(file);
}

bus::v1::PodLogReply failure(int code, std::string message) {
  bus::v1::PodLogReply r;
  r.set_code(code);
  r.set_message(std::move(message));
  return r;
}

}  // namespace

std::optional<runtime::container_status> find_container(runtime::runtime& rt, const std::string& ns,
                                                        const std::string& pod,
                                                        const std::string& container) {
  std::optional<runtime::container_status> best;
  for (auto& c : rt.list_containers()) {
    if (!label_is(c, runtime::label_pod_namespace, ns) ||
        !label_is(c, runtime::label_pod_name, pod) ||
        !label_is(c, runtime::label_container_name, container))
      continue;
    bool running = c.state == runtime::container_state::running;
    bool best_running = best && best->state == runtime::container_state::running;
    if (!best || (running && !best_running) ||
        (running == best_running && c.attempt > best->attempt))
      best = std::move(c);
  }
  return best;
}

bus::v1::PodLogReply serve_logs(const bus::v1::PodLogRequest& req, const fs::path& log_root,
                                runtime::runtime* rt) {
  fs::path file = req.cursor_path();
  if (file.empty()) {
    auto found =
        container_log(log_root, req.namespace_(), req.pod(), req.container(), req.previous());
    if (!found)
      return req.previous() ? failure(400, "previous terminated container \"" + req.container() +
                                               "\" in pod \"" + req.pod() + "\" not found")
                            : failure(404, "container \"" + req.container() + "\" in pod \"" +
                                               req.pod() + "\" has no logs on this node");
    file = *found;
  }
  log_options opts;
  bool first = req.cursor_path().empty();
  if (first) {
    if (req.has_tail_lines()) opts.tail_lines = req.tail_lines();
    if (req.has_since_unix_nanos()) opts.since_unix_nanos = req.since_unix_nanos();
    if (req.has_limit_bytes()) opts.limit_bytes = req.limit_bytes();
  }
  opts.timestamps = req.timestamps();
  auto wait = std::chrono::milliseconds(std::min<std::uint32_t>(req.wait_ms(), 10000));
  auto deadline = std::chrono::steady_clock::now() + wait;
  bus::v1::PodLogReply reply;
  reply.set_code(200);
  reply.set_cursor_path(file.string());
  for (;;) {
    bool running = req.follow() && writer_running(rt, req, file);
    auto content = read_from(file, req.cursor_offset());
    std::size_t consumed = 0;
    auto text = render_log(content, opts, &consumed);
    reply.set_cursor_offset(req.cursor_offset() + consumed);
    if (!text.empty() || first || !req.follow()) {
      reply.set_data(std::move(text));
      reply.set_end(req.follow() && !running && consumed == content.size());
      return reply;
    }
    if (!running) {
      reply.set_end(true);
      return reply;
    }
    if (std::chrono::steady_clock::now() >= deadline) return reply;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

bus::v1::ExecReply serve_exec(const bus::v1::ExecRequest& req, runtime::runtime& rt) {
  bus::v1::ExecReply reply;
  auto c = find_container(rt, req.namespace_(), req.pod(), req.container());
  if (!c || c->state != runtime::container_state::running) {
    reply.set_code(404);
    reply.set_message("container \"" + req.container() + "\" in pod \"" + req.pod() +
                      "\" is not running");
    return reply;
  }
  if (req.command().empty()) {
    reply.set_code(400);
    reply.set_message("you must specify at least one command for the container");
    return reply;
  }
  runtime::exec_request er;
  er.argv.assign(req.command().begin(), req.command().end());
  er.stdin_data = req.stdin();
  er.timeout_ms = req.timeout_ms();
  auto result = rt.exec_sync(c->id, er);
  if (!result) {
    reply.set_code(500);
    reply.set_message(result.error().message);
    return reply;
  }
  reply.set_code(200);
  reply.set_stdout(std::move(result->stdout_data));
  reply.set_stderr(std::move(result->stderr_data));
  reply.set_exit_code(result->exit_code);
  return reply;
}

}  // namespace kactor::node::podio
