#include "gateway/rest/pod_exec_handler.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "actors/bus/async_request.hpp"
#include "actors/bus/subjects.hpp"
#include "gateway/rest/read_handlers.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "k8s/core/v1/pod.pb.h"
#include "kactor/node.pb.h"

namespace kactor::rest {

namespace {

constexpr auto exec_timeout = std::chrono::minutes(10);
constexpr char stdin_channel = 0;
constexpr char stdout_channel = 1;
constexpr char stderr_channel = 2;
constexpr char error_channel = 3;
constexpr char close_channel = static_cast<char>(0xFF);

bool is_true(const http::request& req, const char* name) {
  auto v = req.query_value(name);
  return v && (*v == "true" || *v == "True" || *v == "1");
}

std::string failure_status(const std::string& message) {
  nlohmann::json s = {{"metadata", nlohmann::json::object()},
                      {"status", "Failure"},
                      {"message", message},
                      {"reason", "InternalError"}};
  return s.dump();
}

// One exec over one WebSocket: gathers stdin, asks the node, sends the outcome.
struct exec_session : std::enable_shared_from_this<exec_session> {
  exec_session(call_ptr call, http::websocket socket, std::string node, bus::v1::ExecRequest r)
      : c(std::move(call)), ws(std::move(socket)), subject(std::move(node)), req(std::move(r)) {}

  call_ptr c;
  http::websocket ws;
  std::string subject;
  bus::v1::ExecRequest req;
  bool started = false;
  bool want_stdout = true;
  bool want_stderr = true;

  void on_message(const std::string& m) {
    if (m.empty() || started) return;
    if (m[0] == stdin_channel) req.mutable_stdin()->append(m, 1);
    if (m[0] == close_channel && m.size() >= 2 && m[1] == stdin_channel) run();
  }

  void run() {
    if (started) return;
    started = true;
    auto self = shared_from_this();
    bus::request_async(c->ctx->system(), c->ctx->state().connection(), subject,
                       req.SerializeAsString(), exec_timeout,
                       [self](caf::expected<std::string> raw) { self->finish(raw); });
  }

  void finish(const caf::expected<std::string>& raw) {
    bus::v1::ExecReply reply;
    if (!raw) {
      ws.send(error_channel +
              failure_status("the kubelet does not answer: " + bus::describe(raw.error())));
      return ws.close();
    }
    if (!reply.ParseFromString(*raw) || reply.code() != 200) {
      ws.send(error_channel +
              failure_status(reply.message().empty() ? "exec failed" : reply.message()));
      return ws.close();
    }
    if (want_stdout && !reply.stdout().empty()) ws.send(stdout_channel + reply.stdout());
    if (want_stderr && !reply.stderr().empty()) ws.send(stderr_channel + reply.stderr());
    std::string text;
    for (const auto& part : req.command())
      text += (text.empty() ? "" : " ") + part;
    ws.send(error_channel + exec_status(reply.exit_code(), text));
    ws.close();
  }
};

}  // namespace

std::string choose_exec_protocol(std::string_view offered) {
  if (offered.find("v5.channel.k8s.io") != std::string_view::npos) return "v5.channel.k8s.io";
  if (offered.find("v4.channel.k8s.io") != std::string_view::npos) return "v4.channel.k8s.io";
  return {};
}

std::string exec_status(int exit_code, const std::string& command_text) {
  nlohmann::json s = {{"metadata", nlohmann::json::object()}};
  if (exit_code == 0) {
    s["status"] = "Success";
    return s.dump();
  }
  s["status"] = "Failure";
  s["message"] = "command terminated with non-zero exit code: error executing command [" +
                 command_text + "], exit code " + std::to_string(exit_code);
  s["reason"] = "NonZeroExitCode";
  s["details"] = {{"causes", {{{"reason", "ExitCode"}, {"message", std::to_string(exit_code)}}}}};
  return s.dump();
}

void handle_pod_exec(const call_ptr& c) {
  when_cache_has(*c->ctx, "", "pods", 0, [c](bool) {
    auto snap = c->ctx->cache()->snapshot("", "pods");
    auto obj = snap ? snap->get(c->scope.ns, c->scope.name) : nullptr;
    const auto* pod = obj ? obj->as<k8s::core::v1::Pod>() : nullptr;
    if (!pod) return c->fail(not_found({"", "pods"}, c->scope.name));
    bus::v1::ExecRequest req;
    req.set_namespace_(c->scope.ns);
    req.set_pod(c->scope.name);
    auto container = c->req.query_value("container").value_or("");
    if (container.empty() && pod->spec().containers_size() > 0)
      container = pod->spec().containers(0).name();
    req.set_container(container);
    for (auto& part : c->req.query_values("command"))
      req.add_command(part);
    if (req.command().empty())
      return c->fail(bad_request("you must specify at least one command for the container"));
    if (pod->spec().nodename().empty())
      return c->fail(bad_request("pod " + c->scope.name + " does not have a host assigned"));
    auto protocol = choose_exec_protocol(c->req.find_header("Sec-WebSocket-Protocol").value_or(""));
    if (protocol.empty() || !c->req.find_header("Upgrade"))
      return c->fail(
          bad_request("Upgrade request required: exec needs a WebSocket (v5.channel.k8s.io or "
                      "v4.channel.k8s.io); SPDY is not served"));
    auto ws = c->res.accept_websocket(protocol);
    if (!ws) return;
    bool v5 = protocol.starts_with("v5");
    auto session = std::make_shared<exec_session>(
        c, *ws, bus::subjects::node_rpc(pod->spec().nodename(), "exec"), std::move(req));
    session->want_stdout = !c->req.query_value("stdout") || is_true(c->req, "stdout");
    session->want_stderr = !c->req.query_value("stderr") || is_true(c->req, "stderr");
    // With stdin, v5 clients signal its end (0xFF 0x00); v4 ones cannot, so v4 runs at once.
    if (is_true(c->req, "stdin") && v5)
      ws->on_message([session](std::string m) { session->on_message(m); });
    else
      session->run();
  });
}

}  // namespace kactor::rest
