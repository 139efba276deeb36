#include "config/command_line.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <map>
#include <sstream>

#include "config/gateway_fields.hpp"
#include "config/state_fields.hpp"
#include "config/up_fields.hpp"
#include "config/yaml_source.hpp"

namespace kactor::config {
namespace {

const std::vector<command_info> all_commands{
    {command::up, "up",
     "run every role in one process plus a supervised nats-server (the default setup)", true},
    {command::state, "state",
     "the state actor: LMDB store, revisions, watch history (replaces etcd)", true},
    {command::gateway, "gateway", "the Kubernetes REST API for kubectl (replaces kube-apiserver)",
     true},
    {command::scheduler, "scheduler", "binds pending pods to nodes (replaces kube-scheduler)",
     true},
    {command::controller_manager, "controller-manager",
     "the controllers: deployment, replicaset, garbage collector, node lifecycle ...", true},
    {command::kubelet, "kubelet", "one node: runs pods as processes and reports their status",
     true},
    {command::proxy, "proxy", "routes service virtual IPs to ready endpoints (replaces kube-proxy)",
     false},
    {command::dns, "dns", "answers <service>.<namespace>.svc.cluster.local queries", false},
    {command::store, "store", "inspect, back up and restore the state store (like etcdctl)", true},
    {command::bus, "bus", "tail typed events on the NATS bus", false},
    {command::version, "version", "print the kactor version", true},
};

// The flags of a configurable command as typed, by field name; applied after the config file.
struct typed_flags {
  std::string config_file;
  std::map<std::string, std::string> values;
};

struct flag_help {
  const char* value;  // placeholder shown by --help
  const char* text;
};
using help_table = std::map<std::string, flag_help>;

// Flags that several commands share.
const help_table shared_help{
    {"--log-format", {"FORMAT", "text or json (default text)"}},
    {"--log-level", {"LEVEL", "trace, debug, info, warn, error, critical or off (default info)"}},
    {"--history-window",
     {"DURATION", "how long the store keeps history for watch resume (default 5m)"}},
};

const help_table up_help{
    {"--data-dir", {"DIR", "directory for state, logs, lock and bus URL files (required)"}},
    {"--port",
     {"PORT", "HTTP port of the health endpoints and API (default 6443; 0: any free port)"}},
    {"--bind-address", {"ADDRESS", "HTTP listen address (default 127.0.0.1)"}},
    {"--nats", {"URL", "external NATS URL; default: run a supervised nats-server"}},
    {"--nats-server", {"PATH", "nats-server executable (default: found in PATH)"}},
};

const help_table state_help{
    {"--data-dir", {"DIR", "data directory: the store is DIR/state, the log DIR/logs (required)"}},
    {"--nats", {"URL", "NATS URL of the bus (default: the URL in DIR/nats-url)"}},
};

const help_table gateway_help{
    {"--nats", {"URL", "NATS URL of the bus (default: the URL in DIR/nats-url of --data-dir)"}},
    {"--data-dir",
     {"DIR", "data dir of a running `kactor up`: only DIR/nats-url is read (no lock taken)"}},
    {"--port", {"PORT", "HTTP port of the API and health endpoints (default 6443; 0: any free)"}},
    {"--bind-address", {"ADDRESS", "HTTP listen address (default 127.0.0.1)"}},
    {"--log-file", {"FILE", "also append the log to FILE (default: stderr only)"}},
    {"--service-cluster-ip-range",
     {"CIDR", "IPv4 range of service cluster IPs (default 10.96.0.0/12)"}},
};

const help_table role_help{
    {"--nats", {"URL", "NATS URL of the bus (default: the URL in DIR/nats-url of --data-dir)"}},
    {"--data-dir", {"DIR", "data dir of a running `kactor up`: only DIR/nats-url is read"}},
    {"--log-file", {"FILE", "also append the log to FILE (default: stderr only)"}},
    {"--leader-elect", {"BOOL", "elect one leader through a Lease in kube-system (default true)"}},
    {"--leader-elect-lease-duration", {"DURATION", "lease duration (default 15s)"}},
    {"--leader-elect-renew-deadline", {"DURATION", "renew deadline (default 10s)"}},
    {"--leader-elect-retry-period", {"DURATION", "retry period (default 2s)"}},
    {"--scheduler-config", {"FILE", "plugins and weights (YAML, docs/scheduler.md)"}},
    {"--node-monitor-period", {"DURATION", "node heartbeat check period (default 5s)"}},
    {"--node-monitor-grace-period",
     {"DURATION", "silence before a node is NotReady (default 40s)"}},
    {"--hostname-override", {"NAME", "the Node's name (default: the host name)"}},
    {"--node-ip", {"ADDRESS", "the node's InternalIP (default 127.0.0.1)"}},
    {"--address", {"ADDRESS", "kubelet HTTP endpoint address (default 127.0.0.1)"}},
    {"--port", {"PORT", "kubelet HTTP endpoint port (default 0: any free port)"}},
    {"--root-dir", {"DIR", "pod logs and runtime state (default: DATA_DIR/kubelet/NODE)"}},
    {"--node-status-update-frequency", {"DURATION", "node status period (default 10s)"}},
    {"--pod-manifest-path", {"PATH", "static pod manifests directory or file"}},
    {"--file-check-frequency", {"DURATION", "static pod manifest re-read period (default 20s)"}},
    {"--manifest-url", {"URL", "http:// URL of a static pod manifest"}},
    {"--http-check-frequency", {"DURATION", "manifest URL re-fetch period (default 20s)"}},
};

// The role of a control-loop command.
std::optional<role_kind> role_of(command which) {
  if (which == command::scheduler) return role_kind::scheduler;
  if (which == command::controller_manager) return role_kind::controller_manager;
  if (which == command::kubelet) return role_kind::kubelet;
  return std::nullopt;
}

// Adds --config and one option per field that has a flag; values are only recorded here.
void add_field_options(CLI::App& sub, typed_flags& flags, const std::vector<field>& fields,
                       const help_table& help, const char* section) {
  sub.add_option("--config", flags.config_file,
                 std::string{"YAML config file (section `"} + section + "`); flags override it")
      ->type_name("FILE");
  for (auto& f : fields) {
    if (f.flag.empty()) continue;
    const flag_help* h = nullptr;
    for (auto* table : {&help, &shared_help})
      if (auto it = table->find(f.flag); h == nullptr && it != table->end()) h = &it->second;
    auto* opt = sub.add_option_function<std::string>(
        f.flag, [&flags, name = f.name](const std::string& v) { flags.values[name] = v; },
        h != nullptr ? h->text : "");
    if (h != nullptr) opt->type_name(h->value);
  }
}

// The config file, then the flags over it, in table order (so the first bad flag reported is
// deterministic).
std::optional<config_error> apply_flags(const typed_flags& flags,
                                        const std::vector<field>& fields) {
  if (!flags.config_file.empty())
    if (auto err = apply_yaml_file(flags.config_file, fields)) return err;
  for (auto& f : fields) {
    auto it = flags.values.find(f.name);
    if (it == flags.values.end()) continue;
    if (auto expectation = f.assign(it->second))
      return config_error{field_error(f.name, *expectation, it->second, "flag " + f.flag)};
  }
  return std::nullopt;
}

config_error usage_error(const std::string& what) {
  return config_error{"kactor: " + what + "\nRun 'kactor --help' for usage."};
}

}  // namespace

const std::vector<command_info>& commands() {
  return all_commands;
}

const command_info& info(command which) {
  for (auto& c : all_commands)
    if (c.which == which) return c;
  std::abort();  // every enumerator is listed in all_commands
}

result<invocation> parse_command_line(int argc, const char* const* argv, std::string_view version,
                                      const environment& env) {
  CLI::App app{"kactor: a Kubernetes-compatible control plane of supervised actors on NATS",
               "kactor"};
  app.set_version_flag("--version", std::string{version});
  app.require_subcommand(1);
  invocation out;
  typed_flags up_flags;
  typed_flags state_flags;
  typed_flags gateway_flags;
  auto up_table = up_fields(out.up);
  auto state_table = state_command_fields(out.state);
  auto gateway_table = gateway_fields(out.gateway);
  std::map<command, std::vector<field>> role_tables;
  std::map<command, typed_flags> role_flags;
  std::map<CLI::App*, command> by_app;
  CLI::App* store = nullptr;
  for (auto& c : all_commands) {
    auto* sub = app.add_subcommand(std::string{c.name}, std::string{c.summary});
    by_app[sub] = c.which;
    if (c.which == command::up) {
      add_field_options(*sub, up_flags, up_table, up_help, "up");
    } else if (c.which == command::state) {
      add_field_options(*sub, state_flags, state_table, state_help, "state");
    } else if (c.which == command::gateway) {
      add_field_options(*sub, gateway_flags, gateway_table, gateway_help, "gateway");
    } else if (auto kind = role_of(c.which)) {
      role_tables[c.which] = role_fields(out.role, *kind);
      add_field_options(*sub, role_flags[c.which], role_tables[c.which], role_help,
                        section_of(*kind).c_str());
    } else if (c.which == command::store) {
      store = sub;
      sub->prefix_command();  // everything after `store` is store_cli's, in order
      sub->set_help_flag();   // `kactor store --help` too
    } else if (!c.available) {
      sub->allow_extras();  // whatever it is given, it reports "not available yet"
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version: CLI11 signals them by throwing
    std::ostringstream text;
    std::ostringstream ignored;
    app.exit(e, text, ignored);
    out.print = text.str();
    return out;
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  for (auto* sub : app.get_subcommands())
    out.which = by_app.at(sub);
  switch (out.which) {
    case command::version:
      out.print = "kactor " + std::string{version} + "\n";
      return out;
    case command::store:
      out.store_args = store->remaining();
      return out;
    case command::up: {
      if (auto err = apply_flags(up_flags, up_table)) return *err;
      auto finalized = finalize(std::move(out.up), env);
      if (!finalized) return finalized.error();
      out.up = std::move(*finalized);
      return out;
    }
    case command::state: {
      if (auto err = apply_flags(state_flags, state_table)) return *err;
      auto finalized = finalize(std::move(out.state));
      if (!finalized) return finalized.error();
      out.state = std::move(*finalized);
      return out;
    }
    case command::gateway: {
      if (auto err = apply_flags(gateway_flags, gateway_table)) return *err;
      auto finalized = finalize(std::move(out.gateway));
      if (!finalized) return finalized.error();
      out.gateway = std::move(*finalized);
      return out;
    }
    case command::scheduler:
    case command::controller_manager:
    case command::kubelet: {
      if (auto err = apply_flags(role_flags[out.which], role_tables[out.which])) return *err;
      auto finalized = finalize(std::move(out.role), section_of(*role_of(out.which)));
      if (!finalized) return finalized.error();
      out.role = std::move(*finalized);
      return out;
    }
    default:
      return out;
  }
}

}  // namespace kactor::config
