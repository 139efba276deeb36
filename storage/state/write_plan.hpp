#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kactor/bus.pb.h"
#include "storage/error.hpp"
#include "storage/request.hpp"
#include "storage/state/keys.hpp"
#include "storage/types.hpp"

// The write commands (create, update, delete, txn): from request bytes to a storage write
// request, and from the committed outcome to the reply bytes. Pure functions: the state actor
// does the messaging, the committer the writing.
namespace kactor::state {

namespace v1 = kactor::bus::v1;

// A write command decoded and checked, ready for the committer.
struct write_plan {
  std::string_view verb;  // verbs::create, update, remove or txn
  storage::write_request request;
  std::vector<std::string> keys;  // the key of each command op (one, or one per TxnOp)
};

// Decodes `request` (CreateRequest, UpdateRequest, DeleteRequest or TxnRequest by `verb`) and
// checks it: every ref names a stored resource and a valid name (keys.hpp), every object
// parses as its resource's message with the ref's name and namespace (object_check.hpp), and
// the storage request respects `limits` (keys, size). Errors: invalid (malformed bytes, bad
// ref or object, an empty txn, a key twice in a txn), too_large (above the request limit).
//
// Preconditions become compares: create -> the key is absent; update and delete -> the key
// exists, with expected_revision != 0 -> its mod revision equals it.
// When a txn op is at fault, `*failed_op` (if given) is set to its index, otherwise to -1.
storage::result<write_plan> plan_write(std::string_view verb, std::string_view request,
                                       const key_space& keys, const storage::request_limits& limits,
                                       int* failed_op = nullptr);

// The reply to a write command that failed before or during the commit: an error-only reply,
// or for txn a TxnReply with `failed_op` (-1: no single op is at fault).
std::string rejection_reply(std::string_view verb, v1::Error error, int failed_op = -1);

// Looks up a key's current mod revision; nullopt when it is not live.
using revision_lookup = std::function<std::optional<storage::revision>(const std::string& key)>;

// The reply to a planned command (WriteReply, or TxnReply for txn) given its outcome. Objects
// carry metadata.resourceVersion: the new version's, and for a delete the deleted object with
// the deletion's revision. Failures carry the storage error mapped to a bus code; CONFLICT
// also the object's current revision (from `lookup`), and a txn the index of the failing op.
std::string write_reply(const write_plan& plan,
                        const storage::result<storage::write_result>& outcome,
                        const revision_lookup& lookup);

}  // namespace kactor::state
