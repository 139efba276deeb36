#include "gateway/rest/pod_log_handler.hpp"

#include <charconv>
#include <memory>

#include "actors/bus/async_request.hpp"
#include "actors/bus/subjects.hpp"
#include "gateway/rest/read_handlers.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "messages/time.hpp"

namespace kactor::rest {

namespace {

constexpr auto node_timeout = std::chrono::seconds(20);
constexpr std::uint32_t follow_wait_ms = 5000;

std::optional<std::int64_t> parse_int(const std::string& text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

bool is_true(const http::request& req, const char* name) {
  auto v = req.query_value(name);
  return v && (*v == "true" || *v == "True" || *v == "1");
}

// Why a container of `pod` has no logs to show yet, in Kubernetes' words; "" when it has.
std::string waiting_reason(const k8s::core::v1::Pod& pod, const std::string& container) {
  for (const auto* list :
       {&pod.status().containerstatuses(), &pod.status().initcontainerstatuses()})
    for (const auto& s : *list)
      if (s.name() == container && s.state().has_waiting())
        return "container \"" + container + "\" in pod \"" + pod.metadata().name() +
               "\" is waiting to start: " + s.state().waiting().reason();
  return {};
}

api_error node_failure(const k8s::core::v1::Pod& pod, const std::string& container, int code,
                       const std::string& message) {
  if (auto waiting = waiting_reason(pod, container); !waiting.empty())
    return bad_request(std::move(waiting));
  if (code == 400) return bad_request(message);
  return api_error{code == 404 ? 404 : 500, code == 404 ? "NotFound" : "InternalError", message,
                   nullptr};
}

// Pulls a followed log from the node turn by turn and writes it to the HTTP stream.
struct follower : std::enable_shared_from_this<follower> {
  follower(call_ptr call, http::stream body, std::string subj, bus::v1::PodLogRequest r)
      : c(std::move(call)), out(std::move(body)), subject(std::move(subj)), req(std::move(r)) {}

  call_ptr c;
  http::stream out;
  std::string subject;
  bus::v1::PodLogRequest req;

  void next() {
    if (out.closed()) return;
    auto self = shared_from_this();
    bus::request_async(c->ctx->system(), c->ctx->state().connection(), subject,
                       req.SerializeAsString(), node_timeout,
                       [self](caf::expected<std::string> raw) { self->on_reply(raw); });
  }

  void on_reply(const caf::expected<std::string>& raw) {
    bus::v1::PodLogReply reply;
    if (!raw || !reply.ParseFromString(*raw) || reply.code() != 200) return out.end();
    if (!reply.data().empty() && !out.write(reply.data())) return;
    if (reply.end()) return out.end();
    req.set_cursor_path(reply.cursor_path());
    req.set_cursor_offset(reply.cursor_offset());
    next();
  }
};

}  // namespace

result<bus::v1::PodLogRequest> pod_log_request(const http::request& req,
                                               const k8s::core::v1::Pod& pod) {
  const auto& name = pod.metadata().name();
  auto container = req.query_value("container").value_or("");
  const auto& containers = pod.spec().containers();
  if (container.empty()) {
    if (containers.size() != 1) {
      std::string names;
      for (const auto& c : containers)
        names += (names.empty() ? "" : " ") + c.name();
      return bad_request("a container name must be specified for pod " + name +
                         ", choose one of: [" + names + "]");
    }
    container = containers.Get(0).name();
  }
  bool known = false;
  for (const auto* list : {&pod.spec().containers(), &pod.spec().initcontainers()})
    for (const auto& c : *list)
      known = known || c.name() == container;
  if (!known) return bad_request("container " + container + " is not valid for pod " + name);
  if (pod.spec().nodename().empty())
    return bad_request("container \"" + container + "\" in pod \"" + name +
                       "\" is waiting to start: ContainerCreating");

  bus::v1::PodLogRequest out;
  out.set_namespace_(pod.metadata().namespace_());
  out.set_pod(name);
  out.set_container(container);
  out.set_follow(is_true(req, "follow"));
  out.set_previous(is_true(req, "previous"));
  out.set_timestamps(is_true(req, "timestamps"));
  for (const char* key : {"tailLines", "sinceSeconds", "limitBytes"}) {
    auto text = req.query_value(key);
    if (!text || text->empty()) continue;
    auto v = parse_int(*text);
    if (!v || *v < 0) return bad_request(std::string(key) + ": Invalid value: \"" + *text + "\"");
    if (std::string_view(key) == "tailLines") out.set_tail_lines(*v);
    if (std::string_view(key) == "limitBytes") out.set_limit_bytes(*v);
    if (std::string_view(key) == "sinceSeconds") {
      auto now = messages::now();
      out.set_since_unix_nanos((now.seconds - *v) * 1'000'000'000LL + now.nanos);
    }
  }
  if (auto since = req.query_value("sinceTime"); since && !since->empty()) {
    auto t = messages::parse_rfc3339(*since);
    if (!t) return bad_request("sinceTime: Invalid value: \"" + *since + "\"");
    out.set_since_unix_nanos(t->seconds * 1'000'000'000LL + t->nanos);
  }
  return out;
}

void handle_pod_log(const call_ptr& c) {
  when_cache_has(*c->ctx, "", "pods", 0, [c](bool) {
    auto snap = c->ctx->cache()->snapshot("", "pods");
    auto obj = snap ? snap->get(c->scope.ns, c->scope.name) : nullptr;
    const auto* pod = obj ? obj->as<k8s::core::v1::Pod>() : nullptr;
    if (!pod) return c->fail(not_found({"", "pods"}, c->scope.name));
    auto req = pod_log_request(c->req, *pod);
    if (!req) return c->fail(req.error());
    auto subject = bus::subjects::node_rpc(pod->spec().nodename(), "logs");
    auto first = *req;
    first.set_wait_ms(0);
    bus::request_async(
        c->ctx->system(), c->ctx->state().connection(), subject, first.SerializeAsString(),
        node_timeout, [c, obj, req = *req, subject](caf::expected<std::string> raw) mutable {
          const auto& pod = *obj->as<k8s::core::v1::Pod>();
          if (!raw)
            return c->fail(api_error{503, "ServiceUnavailable",
                                     "the kubelet of node \"" + pod.spec().nodename() +
                                         "\" does not answer: " + bus::describe(raw.error()),
                                     nullptr});
          bus::v1::PodLogReply reply;
          if (!reply.ParseFromString(*raw))
            return c->fail(api_error{500, "InternalError", "malformed kubelet reply", nullptr});
          if (reply.code() != 200)
            return c->fail(node_failure(pod, req.container(), reply.code(), reply.message()));
          http::response head;
          head.set_header("Content-Type", "text/plain");
          if (!req.follow() || reply.end()) {
            head.body = reply.data();
            return c->reply(std::move(head));
          }
          auto out = c->res.begin_stream(std::move(head));
          if (!out) return;
          if (!reply.data().empty()) out->write(reply.data());
          auto f = std::make_shared<follower>(c, *out, subject, std::move(req));
          f->req.set_cursor_path(reply.cursor_path());
          f->req.set_cursor_offset(reply.cursor_offset());
          f->req.set_wait_ms(follow_wait_ms);
          f->next();
        });
  });
}

}  // namespace kactor::rest
