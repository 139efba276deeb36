#include "actors/bus/subjects.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/bus/connection.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

namespace bus = kactor::bus;
namespace subjects = kactor::bus::subjects;
using namespace std::chrono_literals;

TEST_CASE("escape_token keeps plain names and escapes what NATS forbids") {
  CHECK(subjects::escape_token("web-7d4b9") == "web-7d4b9");
  CHECK(subjects::escape_token("system:node") == "system:node");
  CHECK(subjects::escape_token("kube-root-ca.crt") == "kube-root-ca%2Ecrt");
  CHECK(subjects::escape_token("node1.example.com") == "node1%2Eexample%2Ecom");
  CHECK(subjects::escape_token("a b*c>d") == "a%20b%2Ac%3Ed");
  CHECK(subjects::escape_token("50%") == "50%25");
  CHECK(subjects::escape_token("_") == "%5F");
  CHECK(subjects::escape_token("") == "");
}

TEST_CASE("escaping round-trips every byte") {
  std::string all;
  for (int c = 1; c < 256; ++c)
    all += char(c);
  for (std::string raw :
       {all, std::string{"kube-root-ca.crt"}, std::string{"%2E"}, std::string{"_bookmark"},
        std::string{"ünïcode.name"}, std::string{"with\0nul", 8}, std::string{">"}}) {
    auto token = subjects::escape_token(raw);
    CHECK(subjects::valid_subject(token, false));
    CHECK(token.find('.') == std::string::npos);
    CHECK(token.front() != '_');
    auto back = subjects::unescape_token(token);
    REQUIRE(back.has_value());
    CHECK(*back == raw);
  }
}

TEST_CASE("unescape_token rejects what escape_token never writes") {
  for (std::string_view bad : {"", "_", "_bookmark", "a.b", "%", "%2", "%2e", "%GG", "%61", "a b"})
    CHECK_FALSE(subjects::unescape_token(bad).has_value());
}

TEST_CASE("group and namespace tokens") {
  CHECK(subjects::group_token("") == "core");
  CHECK(subjects::group_token("apps") == "apps");
  CHECK(subjects::group_token("networking.k8s.io") == "networking_k8s_io");
  CHECK(subjects::parse_group_token("core") == std::string{});
  CHECK(subjects::parse_group_token("rbac_authorization_k8s_io") == "rbac.authorization.k8s.io");
  CHECK_FALSE(subjects::parse_group_token("").has_value());
  CHECK_FALSE(subjects::parse_group_token("a%2Eb").has_value());
  CHECK(subjects::namespace_token("") == "_");
  CHECK(subjects::namespace_token("kube-system") == "kube-system");
  CHECK(subjects::parse_namespace_token("_") == std::string{});
  CHECK(subjects::parse_namespace_token("default") == "default");
}

TEST_CASE("event subjects build and parse back") {
  subjects::object_ref cm{"", "configmaps", "kube-system", "kube-root-ca.crt"};
  CHECK(subjects::event(cm) == "kactor.v1.events.core.configmaps.kube-system.kube-root-ca%2Ecrt");
  CHECK(subjects::parse_event(subjects::event(cm)) == cm);
  subjects::object_ref node{"", "nodes", "", "node1.example.com"};
  CHECK(subjects::event(node) == "kactor.v1.events.core.nodes._.node1%2Eexample%2Ecom");
  CHECK(subjects::parse_event(subjects::event(node)) == node);
  subjects::object_ref ing{"networking.k8s.io", "ingresses", "default", "web"};
  CHECK(subjects::event(ing) == "kactor.v1.events.networking_k8s_io.ingresses.default.web");
  CHECK(subjects::parse_event(subjects::event(ing)) == ing);
  CHECK_FALSE(subjects::parse_event(subjects::event_bookmark("apps", "deployments")));
  CHECK_FALSE(subjects::parse_event("kactor.v1.events.core.pods.default"));
  CHECK_FALSE(subjects::parse_event("kactor.v2.events.core.pods.default.web"));
  CHECK_FALSE(subjects::parse_event("kactor.v1.nodes.n1.pods.default.web"));
}

TEST_CASE("node, state and heartbeat subjects") {
  CHECK(subjects::node_pod("n1.lan", "default", "web-1") ==
        "kactor.v1.nodes.n1%2Elan.pods.default.web-1");
  auto parsed = subjects::parse_node_pod(subjects::node_pod("n1.lan", "default", "web-1"));
  REQUIRE(parsed.has_value());
  CHECK(parsed->node == "n1.lan");
  CHECK(parsed->pod == subjects::object_ref{"", "pods", "default", "web-1"});
  CHECK_FALSE(subjects::parse_node_pod(subjects::node_pod_bookmark("n1")));
  CHECK(subjects::node_pod_stream("n1") == "kactor.v1.nodes.n1.pods.>");
  CHECK(subjects::node_rpc("n1", "logs") == "kactor.v1.nodes.n1.rpc.logs");
  CHECK(subjects::state(subjects::state_verb::remove) == "kactor.v1.state.delete");
  CHECK(subjects::state(subjects::state_verb::watch_from) == "kactor.v1.state.watch-from");
  CHECK(subjects::state(subjects::state_verb::range) == "kactor.v1.state.range");
  CHECK(subjects::state(subjects::state_verb::history) == "kactor.v1.state.history");
  for (int i = 0; i <= int(subjects::state_verb::history); ++i) {
    auto verb = static_cast<subjects::state_verb>(i);
    CHECK(subjects::parse_state(subjects::state(verb)) == verb);
  }
  CHECK_FALSE(subjects::parse_state("kactor.v1.state.frobnicate"));
  CHECK(subjects::heartbeat("kubelet", "n1.lan") == "kactor.v1.heartbeats.kubelet.n1%2Elan");
}

TEST_CASE("valid_subject follows the NATS rules") {
  CHECK(subjects::valid_subject("a.b.c", false));
  CHECK(subjects::valid_subject("a.*.c", true));
  CHECK(subjects::valid_subject("a.>", true));
  CHECK_FALSE(subjects::valid_subject("a.*.c", false));
  CHECK_FALSE(subjects::valid_subject("a.>", false));
  CHECK_FALSE(subjects::valid_subject("a.>.c", true));
  CHECK_FALSE(subjects::valid_subject("", true));
  CHECK_FALSE(subjects::valid_subject("a..b", true));
  CHECK_FALSE(subjects::valid_subject(".a", true));
  CHECK_FALSE(subjects::valid_subject("a.", true));
  CHECK_FALSE(subjects::valid_subject("a b", true));
  CHECK_FALSE(subjects::valid_subject("a\tb", true));
  CHECK_FALSE(subjects::valid_subject(std::string_view{"a\0b", 3}, true));
}

namespace {

// The subjects among `published` that a subscription on `filter` receives from a real server.
// `sentinel` must match `filter`: it is published last, and since one subscription's messages
// arrive in publish order, everything received before it is everything that will arrive.
std::set<std::string> received_by(const std::string& filter, const std::string& sentinel,
                                  const std::vector<std::string>& published) {
  kactor::testing::nats_server server;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor owner{sys};
  caf::scoped_actor target{sys};
  bus::connection_options opts;
  opts.url = server.url();
  auto conn = bus::connection::open(opts, caf::actor_cast<caf::actor>(owner));
  REQUIRE(conn);
  auto sub = (*conn)->subscribe(filter, caf::actor_cast<caf::actor>(target));
  REQUIRE(sub);
  for (auto& subject : published)
    REQUIRE_FALSE((*conn)->publish(subject, "x"));
  REQUIRE_FALSE((*conn)->publish(sentinel, "end"));
  std::set<std::string> got;
  while (true) {
    auto msg = kactor::testing::next_message(target, 30s);
    REQUIRE_FALSE(msg.empty());
    auto subject = msg.get_as<std::string>(1);
    if (subject == sentinel) break;
    got.insert(subject);
  }
  return got;
}

}  // namespace

TEST_CASE("wildcards subscribe to what they should") {
  subjects::object_ref web{"apps", "deployments", "default", "web"};
  subjects::object_ref db{"apps", "deployments", "prod", "db.primary"};
  subjects::object_ref rs{"apps", "replicasets", "default", "web-1"};
  subjects::object_ref pod{"", "pods", "default", "web-1"};
  subjects::object_ref node{"", "nodes", "", "n1.lan"};
  std::vector<std::string> all = {subjects::event(web),
                                  subjects::event(db),
                                  subjects::event(rs),
                                  subjects::event(pod),
                                  subjects::event(node),
                                  subjects::event_bookmark("apps", "deployments"),
                                  subjects::node_pod("n1.lan", "default", "web-1"),
                                  subjects::node_pod("n2", "default", "web-2"),
                                  subjects::node_pod_bookmark("n1.lan"),
                                  subjects::state(subjects::state_verb::get)};
  auto sentinel = [](std::string_view group, std::string_view resource, std::string_view ns) {
    return subjects::event({std::string{group}, std::string{resource}, std::string{ns}, "end"});
  };
  CHECK(received_by(subjects::event_stream("apps", "deployments"),
                    sentinel("apps", "deployments", "zz"),
                    all) == std::set<std::string>{subjects::event(web), subjects::event(db),
                                                  subjects::event_bookmark("apps", "deployments")});
  CHECK(received_by(subjects::events_in_namespace("apps", "deployments", "default"),
                    sentinel("apps", "deployments", "default"),
                    all) == std::set<std::string>{subjects::event(web)});
  CHECK(received_by(subjects::events_in_namespace("", "nodes", ""), sentinel("", "nodes", ""),
                    all) == std::set<std::string>{subjects::event(node)});
  CHECK(received_by(subjects::all_events(), sentinel("x", "y", "z"), all) ==
        std::set<std::string>{all.begin(), all.begin() + 6});
  CHECK(received_by(subjects::node_pod_stream("n1.lan"), subjects::node_pod("n1.lan", "zz", "end"),
                    all) == std::set<std::string>{subjects::node_pod("n1.lan", "default", "web-1"),
                                                  subjects::node_pod_bookmark("n1.lan")});
  CHECK(received_by(subjects::state_all(), subjects::state(subjects::state_verb::status), all) ==
        std::set<std::string>{subjects::state(subjects::state_verb::get)});
}
