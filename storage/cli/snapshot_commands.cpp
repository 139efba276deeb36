#include <ostream>

#include "storage/cli/commands.hpp"
#include "storage/snapshot.hpp"
#include "storage/state/state_role.hpp"
#include "storage/store.hpp"

// Snapshots work on the store files, not over the bus. `save` opens the store read-only: LMDB
// lets a second process read while the state actor writes, and the copy runs inside one read
// transaction, so the file holds exactly one committed revision while the cluster goes on.
// (The file must be on this machine; LMDB forbids opening one store twice in one process, so
// this must not run inside the process that hosts the state role.) `restore` installs a
// snapshot as the store of a new data directory, offline.
namespace kactor::store_cli {

int run_snapshot_save(session& s) {
  storage::store_options options;
  options.data_dir = state::state_store_dir(s.options.data_dir);
  options.read_only = true;
  if (!std::filesystem::exists(options.data_dir / "data.mdb"))
    return s.fail("no store in " + options.data_dir.string());
  auto db = storage::store::open(options);
  if (!db)
    return s.fail("open " + options.data_dir.string() + ": " + storage::describe(db.error()));
  if (auto st = (*db)->save_snapshot(s.options.file); !st)
    return s.fail("snapshot save: " + storage::describe(st.error()));
  auto info = storage::inspect_snapshot(s.options.file);
  if (!info) return s.fail("snapshot save: " + storage::describe(info.error()));
  s.out << "snapshot saved to " << s.options.file.string() << ": revision " << info->current << ", "
        << info->objects << " objects, " << info->bytes << " bytes\n";
  return 0;
}

int run_snapshot_restore(session& s) {
  auto dir = state::state_store_dir(s.options.data_dir);
  if (auto st = storage::restore_snapshot(s.options.file, dir); !st)
    return s.fail("snapshot restore: " + storage::describe(st.error()));
  auto info = storage::inspect_snapshot(s.options.file);
  if (!info) return s.fail("snapshot restore: " + storage::describe(info.error()));
  s.out << "restored " << s.options.file.string() << " into " << dir.string() << ": revision "
        << info->current << ", " << info->objects << " objects\n";
  return 0;
}

}  // namespace kactor::store_cli
