#include "node/podio/pod_io_server.hpp"

#include <vector>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/bus/events.hpp"
#include "actors/bus/subjects.hpp"
#include "node/podio/pod_io.hpp"

namespace kactor::node::podio {

namespace {

using serve_atom = caf::atom_constant<caf::atom("pio_serve")>;

struct server_state {
  pod_io_options opts;
  std::shared_ptr<bus::connection> conn;
  std::shared_ptr<runtime::runtime> rt;
  std::shared_ptr<spdlog::logger> log;
  std::vector<bus::subscription> subscriptions;
};

// One request, answered from its own thread.
void serve(const std::shared_ptr<server_state>& st, const std::string& subject,
           const std::string& reply_to, const std::string& data) {
  std::string answer;
  if (subject.ends_with(".logs")) {
    bus::v1::PodLogRequest req;
    if (!req.ParseFromString(data)) return;
    answer = serve_logs(req, st->opts.log_root, st->rt.get()).SerializeAsString();
  } else {
    bus::v1::ExecRequest req;
    if (!req.ParseFromString(data)) return;
    answer = serve_exec(req, *st->rt).SerializeAsString();
  }
  if (auto err = st->conn->respond(reply_to, answer))
    st->log->warn("pod io: cannot answer on {}: {}", subject, bus::describe(err));
}

}  // namespace

caf::expected<caf::actor> spawn_pod_io_server(caf::actor_system& sys, pod_io_options options,
                                              std::shared_ptr<bus::connection> conn,
                                              std::shared_ptr<runtime::runtime> rt,
                                              std::shared_ptr<spdlog::logger> log) {
  auto st = std::make_shared<server_state>();
  st->opts = std::move(options);
  st->conn = std::move(conn);
  st->rt = std::move(rt);
  st->log = log ? std::move(log) : spdlog::default_logger();
  auto server = sys.spawn([st](caf::event_based_actor* self) -> caf::behavior {
    self->attach_functor([st] { st->subscriptions.clear(); });
    return {
        [self, st](bus::msg_atom, const std::string& subject, const std::string& reply,
                   const std::string& data) {
          if (reply.empty()) return;
          self->spawn<caf::detached>([st, subject, reply, data](caf::event_based_actor* w) {
            serve(st, subject, reply, data);
            w->quit();
          });
        },
    };
  });
  for (const char* verb : {"logs", "exec"}) {
    auto sub = st->conn->subscribe(bus::subjects::node_rpc(st->opts.node_name, verb), server);
    if (!sub) {
      caf::anon_send_exit(server, caf::exit_reason::user_shutdown);
      return sub.error();
    }
    st->subscriptions.push_back(std::move(*sub));
  }
  return server;
}

}  // namespace kactor::node::podio
