#pragma once

#include "storage/cli/session.hpp"

// The `kactor store` commands, one function each; run_store_cli picks one. Each returns the
// process exit code (store_cli.hpp) and writes to the session's streams.
namespace kactor::store_cli {

int run_get(session& s);
int run_ls(session& s);
int run_history(session& s);
int run_status(session& s);
int run_endpoint_health(session& s);

int run_put(session& s);
int run_del(session& s);
int run_compact(session& s);

int run_watch(session& s);

int run_snapshot_save(session& s);
int run_snapshot_restore(session& s);

// The wire form of a ref.
bus::v1::ObjectRef wire_ref(const state::object_ref& ref);

// The object a key names, or a usage failure printed by `s` (nullopt).
std::optional<state::key_info> object_key(session& s, const std::string& key);

}  // namespace kactor::store_cli
