#include <CLI/CLI.hpp>

#include <map>
#include <optional>
#include <sstream>

#include "storage/cli/store_cli.hpp"

namespace kactor::store_cli {

namespace {

const std::map<std::string, output_format> formats = {
    {"yaml", output_format::yaml}, {"json", output_format::json}, {"proto", output_format::proto}};

// "5s", "250ms", "1.5" (seconds) -> milliseconds; nullopt when malformed or not positive.
std::optional<std::chrono::milliseconds> parse_timeout(const std::string& text) {
  double scale = 1000;
  std::string number = text;
  if (text.ends_with("ms")) {
    scale = 1;
    number = text.substr(0, text.size() - 2);
  } else if (text.ends_with("s")) {
    number = text.substr(0, text.size() - 1);
  }
  try {
    std::size_t used = 0;
    double value = std::stod(number, &used);
    if (used != number.size() || !(value > 0)) return std::nullopt;
    return std::chrono::milliseconds(static_cast<std::int64_t>(value * scale + 0.5));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The command line's grammar, bound to the fields it fills.
struct grammar {
  CLI::App app{"kactor store: inspect, back up and restore the state store (like etcdctl)",
               "kactor store"};
  store_cli_options options;
  std::string timeout = "5s";
  std::string format;                          // -o, checked after parsing
  std::map<CLI::App*, store_command> command;  // the sub-command that was given

  grammar() {
    app.require_subcommand(1);
    app.fallthrough();  // global options may also follow the sub-command
    app.add_option("--data-dir", options.data_dir,
                   "data directory (reads DIR/nats-url; snapshots)");
    app.add_option("--nats", options.nats_url,
                   "NATS URL of the cluster's bus (overrides DIR/nats-url)");
    app.add_option("--timeout", timeout, "deadline of each request, e.g. 5s or 500ms")
        ->capture_default_str();
    add_object_commands();
    add_stream_commands();
    add_maintenance_commands();
  }

  CLI::App* add(CLI::App& parent, const char* name, const char* help,
                std::optional<store_command> c = std::nullopt) {
    auto* sub = parent.add_subcommand(name, help);
    sub->fallthrough();
    if (c) command[sub] = *c;
    return sub;
  }

  void add_output(CLI::App* sub, const char* choices) {
    sub->add_option("-o,--output", format, std::string("output format: ") + choices);
  }

  void add_key(CLI::App* sub) {
    sub->add_option("KEY", options.key, "/registry/<resource>/[<namespace>/]<name>")->required();
  }

  void add_object_commands() {
    auto* get = add(app, "get", "print one object", store_command::get);
    add_key(get);
    add_output(get, "yaml (default), json or proto");
    get->add_option("--rev", options.revision, "read at this revision");
    auto* put = add(app, "put", "store an object from a YAML or JSON manifest", store_command::put);
    add_key(put);
    put->add_option("-f,--filename", options.file, "manifest file, - for standard input")
        ->required();
    add_key(add(app, "del", "delete one object", store_command::del));
    auto* history =
        add(app, "history", "every retained version of one object", store_command::history);
    add_key(history);
    add_output(history, "yaml or json (default: one line per version)");
  }

  void add_stream_commands() {
    auto* ls = add(app, "ls", "list keys under a prefix", store_command::ls);
    ls->add_option("PREFIX", options.key, "key prefix (default /registry/)");
    ls->add_option("--rev", options.revision, "list at this revision");
    auto* watch =
        add(app, "watch", "print changes under a prefix as they happen", store_command::watch);
    watch->add_option("PREFIX", options.key, "/registry/<resource>/[<namespace>] or /registry/")
        ->required();
    watch->add_option("--rev", options.revision,
                      "first revision to print (catches up from history)");
    watch->add_option("--max-events", options.max_events, "stop after this many events");
    add_output(watch, "yaml or json (default: one line per event)");
  }

  void add_maintenance_commands() {
    auto* compact = add(app, "compact", "forget history before a revision", store_command::compact);
    compact->add_option("REV", options.revision, "revision (default: by the configured window)");
    add(app, "status", "revision, compacted revision, size, objects", store_command::status);
    auto* endpoint = add(app, "endpoint", "state actor endpoint checks");
    endpoint->require_subcommand(1);
    add(*endpoint, "health", "check that the state actor answers", store_command::endpoint_health);
    auto* snapshot = add(app, "snapshot", "back up or restore the store");
    snapshot->require_subcommand(1);
    auto* save = add(*snapshot, "save", "write a consistent copy (also while running)",
                     store_command::snapshot_save);
    save->add_option("FILE", options.file, "snapshot file to write")->required();
    auto* restore = add(*snapshot, "restore", "create a data directory from a snapshot",
                        store_command::snapshot_restore);
    restore->add_option("FILE", options.file, "snapshot file")->required();
  }

  // What the grammar cannot check; "" when all is well.
  std::string finish() {
    for (auto& [sub, c] : command)
      if (sub->parsed()) options.command = c;
    auto parsed_timeout = parse_timeout(timeout);
    if (!parsed_timeout)
      return "--timeout: expected a positive duration like 5s or 500ms, got \"" + timeout + "\"";
    options.timeout = *parsed_timeout;
    if (!format.empty()) {
      auto found = formats.find(format);
      if (found == formats.end())
        return "--output: expected yaml, json or proto, got \"" + format + "\"";
      if (found->second == output_format::proto && options.command != store_command::get)
        return "--output proto is only for get";
      options.output = found->second;
    } else if (options.command == store_command::get) {
      options.output = output_format::yaml;
    }
    if (options.command == store_command::ls && options.key.empty()) options.key = "/registry/";
    if (options.command == store_command::snapshot_restore && options.data_dir.empty())
      return "snapshot restore needs --data-dir NEW (the data directory to create)";
    if (options.command == store_command::snapshot_save && options.data_dir.empty())
      return "snapshot save needs --data-dir DIR (the data directory of the cluster)";
    return {};
  }
};

}  // namespace

parsed_args parse_store_args(const std::vector<std::string>& args) {
  grammar g;
  parsed_args out;
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 wants them reversed
    g.app.parse(reversed);
  } catch (const CLI::Success& e) {  // --help: CLI11 signals it by throwing
    std::ostringstream text, ignored;
    g.app.exit(e, text, ignored);
    out.message = text.str();
    return out;
  } catch (const CLI::ParseError& e) {
    out.message =
        std::string("kactor store: ") + e.what() + "\nRun 'kactor store --help' for usage.";
    out.exit_code = 2;
    return out;
  }
  if (auto problem = g.finish(); !problem.empty()) {
    out.message = "kactor store: " + problem;
    out.exit_code = 2;
    return out;
  }
  out.options = std::move(g.options);
  return out;
}

}  // namespace kactor::store_cli
