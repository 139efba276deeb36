#include "storage/cli/store_cli.hpp"

#include "storage/cli/commands.hpp"

namespace kactor::store_cli {

int run_store_cli(const store_cli_options& options, std::ostream& out, std::ostream& err) {
  session s(options, out, err);
  switch (options.command) {
    case store_command::get:
      return run_get(s);
    case store_command::ls:
      return run_ls(s);
    case store_command::put:
      return run_put(s);
    case store_command::del:
      return run_del(s);
    case store_command::watch:
      return run_watch(s);
    case store_command::compact:
      return run_compact(s);
    case store_command::status:
      return run_status(s);
    case store_command::endpoint_health:
      return run_endpoint_health(s);
    case store_command::history:
      return run_history(s);
    case store_command::snapshot_save:
      return run_snapshot_save(s);
    case store_command::snapshot_restore:
      return run_snapshot_restore(s);
  }
  return s.fail("unknown command", 2);
}

}  // namespace kactor::store_cli
