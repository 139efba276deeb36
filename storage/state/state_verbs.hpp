#pragma once

#include <string>
#include <string_view>

// The verbs the state actor serves on kactor.v1.state.<verb> (docs/state.md): bus.proto's
// get, list, create, update, delete, txn, watch-from, compact, status, and state.proto's
// range and history.
namespace kactor::state::verbs {

// Served by the readers (reads, and compaction, which never blocks the writer).
inline constexpr std::string_view get = "get";
inline constexpr std::string_view list = "list";
inline constexpr std::string_view watch_from = "watch-from";
inline constexpr std::string_view status = "status";
inline constexpr std::string_view compact = "compact";
inline constexpr std::string_view range = "range";
inline constexpr std::string_view history = "history";
// Served by the writer: every change of cluster state.
inline constexpr std::string_view create = "create";
inline constexpr std::string_view update = "update";
inline constexpr std::string_view remove = "delete";
inline constexpr std::string_view txn = "txn";

inline constexpr std::string_view read_verbs[] = {get,     list,  watch_from, status,
                                                  compact, range, history};
inline constexpr std::string_view write_verbs[] = {create, update, remove, txn};

// The queue group every subscription of the state actor uses, so that a second instance
// would share the requests instead of answering them twice.
inline constexpr std::string_view queue_group = "kactor-state";

// kactor.v1.state.<verb>
std::string subject(std::string_view verb);

// The verb of a kactor.v1.state.<verb> subject; "" for any other subject.
std::string_view verb_of(std::string_view subject);

}  // namespace kactor::state::verbs
