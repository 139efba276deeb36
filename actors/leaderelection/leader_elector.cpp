#include "actors/leaderelection/leader_elector.hpp"

#include <unistd.h>

#include <cstdio>
#include <optional>
#include <random>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/leaderelection/lease_decision.hpp"

namespace kactor::leaderelection {

namespace {

using tick_atom = caf::atom_constant<caf::atom("le_tick")>;
using lease_t = k8s::coordination::v1::Lease;

constexpr std::uint64_t read_tag = 1;
constexpr std::uint64_t write_tag = 2;

struct elector_state {
  elector_options opts;
  std::shared_ptr<const apiclient::api_client> client;
  caf::actor target;
  std::shared_ptr<spdlog::logger> log;
  observation obs;
  std::optional<lease_t> current;  // the lease as last read or written
  bool leading = false;
  bool busy = false;  // a read or write is in flight
  steady::time_point last_renewed{};
};

void set_leading(caf::event_based_actor* self, elector_state& st, bool leading) {
  if (st.leading == leading) return;
  st.leading = leading;
  st.log->info("leader election {}/{}: {} {} leading", st.opts.lease_namespace, st.opts.lease_name,
               st.opts.identity, leading ? "started" : "stopped");
  self->send(st.target, leading_atom::value, leading);
}

// A leader that could not renew within the deadline steps down.
void check_deadline(caf::event_based_actor* self, elector_state& st) {
  if (st.leading && steady::now() - st.last_renewed > st.opts.renew_deadline)
    set_leading(self, st, false);
}

void on_read(caf::event_based_actor* self, elector_state& st, const apiclient::api_reply& r) {
  std::optional<lease_t> lease;
  if (r.ok()) {
    if (auto* l = dynamic_cast<lease_t*>(r.object.get())) lease = *l;
  } else if (!r.not_found()) {
    st.busy = false;
    return check_deadline(self, st);
  }
  st.current = lease;
  auto a = decide(lease, st.opts.identity, st.opts.lease_duration, steady::now(), st.obs);
  if (a == action::wait) {
    st.busy = false;
    return set_leading(self, st, false);
  }
  auto next = next_lease(lease, a, st.opts.lease_namespace, st.opts.lease_name, st.opts.identity,
                         st.opts.lease_duration);
  auto done = apiclient::reply_to(caf::actor_cast<caf::actor>(self), write_tag);
  if (a == action::create)
    st.client->create(next, done);
  else
    st.client->update(next, done);
}

void on_write(caf::event_based_actor* self, elector_state& st, const apiclient::api_reply& r) {
  st.busy = false;
  if (!r.ok()) return check_deadline(self, st);
  if (auto* l = dynamic_cast<lease_t*>(r.object.get())) st.current = *l;
  st.last_renewed = steady::now();
  set_leading(self, st, true);
}

caf::behavior elector(caf::event_based_actor* self, std::shared_ptr<elector_state> st) {
  self->set_exit_handler([self, st](caf::exit_msg& msg) {
    if (st->leading && st->opts.release_on_stop && st->current)
      st->client->update(released(*st->current), [](apiclient::api_reply) {});
    set_leading(self, *st, false);
    self->quit(msg.reason);
  });
  self->send(self, tick_atom::value);
  return {
      [self, st](tick_atom) {
        self->delayed_send(self, st->opts.retry_period, tick_atom::value);
        if (st->busy) return check_deadline(self, *st);
        st->busy = true;
        apiclient::object_path p{"coordination.k8s.io", "leases", st->opts.lease_namespace,
                                 st->opts.lease_name};
        st->client->get(p, apiclient::reply_to(caf::actor_cast<caf::actor>(self), read_tag));
      },
      [self, st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        if (tag == read_tag)
          on_read(self, *st, r);
        else
          on_write(self, *st, r);
      },
  };
}

}  // namespace

std::string default_identity() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::random_device rd;
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%08x%08x", rd(), rd());
  return std::string(host) + "_" + suffix;
}

caf::actor spawn_leader_elector(caf::actor_system& sys, elector_options options,
                                std::shared_ptr<const apiclient::api_client> client,
                                caf::actor target, std::shared_ptr<spdlog::logger> log) {
  auto st = std::make_shared<elector_state>();
  st->opts = std::move(options);
  st->client = std::move(client);
  st->target = std::move(target);
  st->log = log ? std::move(log) : spdlog::default_logger();
  return sys.spawn(elector, st);
}

}  // namespace kactor::leaderelection
