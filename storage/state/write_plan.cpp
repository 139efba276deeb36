#include "storage/state/write_plan.hpp"

#include "kactor/bus.pb.h"
#include "storage/state/object_check.hpp"
#include "storage/state/reply_error.hpp"
#include "storage/state/resource_version.hpp"
#include "storage/state/state_verbs.hpp"

namespace kactor::state {

namespace {

using storage::compare;
using storage::error_code;
using storage::make_error;
using storage::operation;

object_ref ref_of(const v1::ObjectRef& ref) {
  return {ref.group(), ref.resource(), ref.namespace_(), ref.name()};
}

template <class Message>
storage::result<Message> decode(std::string_view bytes, std::string_view what) {
  Message message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return make_error(error_code::invalid, "malformed " + std::string(what));
  return message;
}

// Appends the compares and the operation of one command to `out`.
storage::result<std::string> add_put(write_plan& out, const key_space& keys,
                                     const v1::ObjectRef& ref, const std::string& object,
                                     std::optional<compare> precondition,
                                     compare::kind when_unconditional) {
  auto key = keys.key_of(ref_of(ref));
  if (!key) return key.error();
  if (auto st = check_object(keys, ref_of(ref), object); !st) return st.error();
  auto cmp = precondition ? *precondition : compare{*key, when_unconditional, 0};
  cmp.key = *key;
  out.request.compares.push_back(std::move(cmp));
  out.request.ops.push_back({operation::kind::put, *key, object});
  return *key;
}

std::optional<compare> expected(std::uint64_t rev) {
  if (rev == 0) return std::nullopt;
  return compare{"", compare::kind::mod_revision, rev};
}

storage::status add_create(write_plan& out, const key_space& keys, const v1::CreateRequest& req) {
  auto key = add_put(out, keys, req.ref(), req.object(), std::nullopt, compare::kind::absent);
  if (!key) return key.error();
  out.keys.push_back(std::move(*key));
  return {};
}

storage::status add_update(write_plan& out, const key_space& keys, const v1::UpdateRequest& req) {
  auto key = add_put(out, keys, req.ref(), req.object(), expected(req.expected_revision()),
                     compare::kind::exists);
  if (!key) return key.error();
  out.keys.push_back(std::move(*key));
  return {};
}

storage::status add_delete(write_plan& out, const key_space& keys, const v1::DeleteRequest& req) {
  auto key = keys.key_of(ref_of(req.ref()));
  if (!key) return key.error();
  auto cmp = expected(req.expected_revision()).value_or(compare{"", compare::kind::exists, 0});
  cmp.key = *key;
  out.request.compares.push_back(std::move(cmp));
  out.request.ops.push_back({operation::kind::remove, *key, {}});
  out.keys.push_back(std::move(*key));
  return {};
}

storage::status add_txn(write_plan& out, const key_space& keys, const v1::TxnRequest& req,
                        int* failed_op) {
  if (req.ops_size() == 0) return make_error(error_code::invalid, "txn without operations");
  for (int i = 0; i < req.ops_size(); ++i) {
    const auto& op = req.ops(i);
    storage::status st;
    switch (op.op_case()) {
      case v1::TxnOp::kCreate:
        st = add_create(out, keys, op.create());
        break;
      case v1::TxnOp::kUpdate:
        st = add_update(out, keys, op.update());
        break;
      case v1::TxnOp::kDelete:
        st = add_delete(out, keys, op.delete_());
        break;
      default:
        st = make_error(error_code::invalid, "empty operation");
    }
    if (!st) {
      if (failed_op) *failed_op = i;
      return make_error(st.code(), "txn op " + std::to_string(i) + ": " + st.error().message);
    }
  }
  return {};
}

// The index of the op whose key the storage error names ("key <k> ..."); -1 if none.
int failing_op_index(const write_plan& plan, const storage::error& err) {
  for (std::size_t i = 0; i < plan.keys.size(); ++i) {
    auto prefix = "key " + plan.keys[i] + " ";
    if (err.message.starts_with(prefix)) return static_cast<int>(i);
  }
  return -1;
}

// The reply of one op of a successful write: its revision and the object as stored.
v1::WriteReply op_reply(const storage::write_result& done, std::size_t index) {
  v1::WriteReply reply;
  reply.set_revision(done.rev);
  if (index >= done.events.size()) return reply;
  const auto& change = done.events[index];
  if (change.type == storage::event::kind::put)
    reply.set_object(with_resource_version(change.kv.value, done.rev));
  else if (change.prev)
    reply.set_object(with_resource_version(change.prev->value, done.rev));
  return reply;
}

}  // namespace

storage::result<write_plan> plan_write(std::string_view verb, std::string_view request,
                                       const key_space& keys, const storage::request_limits& limits,
                                       int* failed_op) {
  if (failed_op) *failed_op = -1;
  write_plan plan;
  storage::status st;
  if (verb == verbs::create) {
    plan.verb = verbs::create;
    auto req = decode<v1::CreateRequest>(request, "CreateRequest");
    st = req ? add_create(plan, keys, *req) : storage::status(req.error());
  } else if (verb == verbs::update) {
    plan.verb = verbs::update;
    auto req = decode<v1::UpdateRequest>(request, "UpdateRequest");
    st = req ? add_update(plan, keys, *req) : storage::status(req.error());
  } else if (verb == verbs::remove) {
    plan.verb = verbs::remove;
    auto req = decode<v1::DeleteRequest>(request, "DeleteRequest");
    st = req ? add_delete(plan, keys, *req) : storage::status(req.error());
  } else if (verb == verbs::txn) {
    plan.verb = verbs::txn;
    auto req = decode<v1::TxnRequest>(request, "TxnRequest");
    st = req ? add_txn(plan, keys, *req, failed_op) : storage::status(req.error());
  } else {
    st = make_error(error_code::invalid, "unknown write verb " + std::string(verb));
  }
  if (!st) return st.error();
  if (auto valid = storage::validate(plan.request, limits); !valid) return valid.error();
  return plan;
}

std::string rejection_reply(std::string_view verb, v1::Error error, int failed_op) {
  if (verb != verbs::txn) return error_reply(error);
  v1::TxnReply reply;
  *reply.mutable_error() = std::move(error);
  reply.set_failed_op(failed_op);
  return reply.SerializeAsString();
}

std::string write_reply(const write_plan& plan,
                        const storage::result<storage::write_result>& outcome,
                        const revision_lookup& lookup) {
  if (!outcome) {
    auto err = to_bus_error(outcome.error());
    int index = failing_op_index(plan, outcome.error());
    if (outcome.code() == error_code::conflict && index >= 0) {
      if (auto current = lookup(plan.keys[index])) err.set_revision(*current);
    }
    return rejection_reply(plan.verb, std::move(err), index);
  }
  if (plan.verb != verbs::txn) return op_reply(*outcome, 0).SerializeAsString();
  v1::TxnReply reply;
  reply.set_failed_op(-1);
  reply.set_revision(outcome->rev);
  for (std::size_t i = 0; i < plan.keys.size(); ++i)
    *reply.add_results() = op_reply(*outcome, i);
  return reply.SerializeAsString();
}

}  // namespace kactor::state
