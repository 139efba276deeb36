#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include <google/protobuf/message.h>

#include "gateway/rest/rest_call.hpp"

// The steps every write shares: admission (defaults, validation), the namespace check, and
// the store request with its optimistic concurrency.
namespace kactor::rest {

// Defaults, validates (create) and stores a new object prepared by prepare_create; answers
// `code` (201) with the stored object, or the object itself under dryRun=All.
void store_create(const call_ptr& c, std::unique_ptr<google::protobuf::Message> object,
                  int code = 201);

// The new version of an object computed from its current one (read from the state actor).
// `current_revision` is its mod revision. Return the error to answer instead.
using mutation = std::function<result<std::unique_ptr<google::protobuf::Message>>(
    const google::protobuf::Message& current, std::uint64_t current_revision)>;

// What to answer after a successful update (default: the stored object with 200).
using update_answer =
    std::function<void(const call_ptr& c, const google::protobuf::Message& stored)>;

// Read-modify-write of the scope's object: get, mutate, prepare_update (carry-overs,
// generation), defaults and validation, then update with the read revision as precondition.
// A conflict is retried (re-read, mutate again) up to options().conflict_retries times
// unless the mutated object carries a metadata.resourceVersion, which is then the client's
// precondition: a different current revision is a 409 Conflict. An absent object is a 404,
// or, when `create_missing` is set, the mutation runs on an empty object and the result is
// created (server-side apply).
void update_with(const call_ptr& c, mutation mutate, update_answer answer = nullptr,
                 bool create_missing = false);

// The defaults and validation of a create or an update (old = null on create). Returns the
// 422 Invalid to answer, if any.
std::optional<api_error> admit(const rest_call& c, google::protobuf::Message& object,
                               const google::protobuf::Message* old);

}  // namespace kactor::rest
