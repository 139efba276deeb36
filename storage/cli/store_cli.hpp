#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

// `kactor store ...`: etcdctl for kactor (docs/state.md). Every command except the snapshot
// ones talks to the running state actor over the bus; `snapshot save` reads the store file
// directly (read-only, consistent while the cluster runs) and `snapshot restore` writes a new
// data directory offline.
namespace kactor::store_cli {

enum class store_command {
  get,               // get KEY [-o yaml|json|proto] [--rev N]
  ls,                // ls [PREFIX] [--rev N]
  put,               // put KEY -f FILE
  del,               // del KEY
  watch,             // watch PREFIX [--rev N] [-o yaml|json]
  compact,           // compact [REV]
  status,            // status
  endpoint_health,   // endpoint health
  history,           // history KEY [-o yaml|json]
  snapshot_save,     // snapshot save FILE
  snapshot_restore,  // snapshot restore FILE --data-dir NEW
};

enum class output_format {
  none,  // the command's summary lines only (watch, history without -o)
  yaml,
  json,
  proto,  // the object's binary protobuf, as the state actor returns it (get only)
};

struct store_cli_options {
  store_command command = store_command::status;
  // get, put, del, history: the object's key ("/registry/pods/default/web"); ls, watch: a key
  // prefix ("/registry/pods/", "/registry/pods/default", "/registry/" for everything).
  std::string key;
  // put: the manifest (YAML or JSON, "-" = standard input); snapshot save/restore: the file.
  std::filesystem::path file;
  // Output of get (default yaml), watch and history (default none).
  output_format output = output_format::none;
  // get, ls: read at this revision (0: latest); watch: print changes from this revision on
  // (0: only changes from now on); compact: the revision (0: by the configured window).
  std::uint64_t revision = 0;
  // The process data directory: the bus URL is read from <data_dir>/nats-url (written by
  // `kactor up`); snapshot save reads <data_dir>/state; snapshot restore creates it.
  std::filesystem::path data_dir;
  // The NATS URL; overrides the one in data_dir.
  std::string nats_url;
  // Deadline of every request to the state actor. Default: 5 s.
  std::chrono::milliseconds timeout{5000};
  // watch: stop after printing this many events (0: never).
  std::uint64_t max_events = 0;
  // watch: polled a few times a second; true ends the watch (exit code 0). Empty: never.
  std::function<bool()> interrupted;
};

// Runs one command, writing its results to `out` and problems to `err`. Exit codes: 0 success,
// 1 failure (the state actor's error, an unreachable bus, an unreadable file), 2 bad usage
// (a key that is not an object key, a missing URL).
int run_store_cli(const store_cli_options& options, std::ostream& out, std::ostream& err);

// The command line after `kactor store`, parsed. Exactly one of `options` and `message` is
// meaningful: with options, run them; otherwise print `message` (help text, exit code 0, or
// a usage error, exit code 2) and exit with `exit_code`.
struct parsed_args {
  std::optional<store_cli_options> options;
  std::string message;
  int exit_code = 0;
};
parsed_args parse_store_args(const std::vector<std::string>& args);

}  // namespace kactor::store_cli
