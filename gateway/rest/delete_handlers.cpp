#include "gateway/rest/delete_handlers.hpp"

#include <atomic>

#include "gateway/rest/delete_options.hpp"
#include "gateway/rest/list_filter.hpp"
#include "gateway/rest/object_meta.hpp"
#include "gateway/rest/state_errors.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "k8s/core/v1/namespace.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;
namespace bv1 = kactor::bus::v1;

namespace {

bool failed(const bv1::Error& e) {
  return e.code() != bv1::Error::CODE_UNSPECIFIED;
}

json success_status(const rest_call& c, const std::string& name, const std::string& uid) {
  json details = json::object();
  details["name"] = name;
  if (!c.scope.resource->group.empty()) details["group"] = c.scope.resource->group;
  details["kind"] = c.scope.resource->plural;
  details["uid"] = uid;
  json s = json::object();
  s["kind"] = "Status";
  s["apiVersion"] = "v1";
  s["metadata"] = json::object();
  s["status"] = "Success";
  s["details"] = std::move(details);
  return s;
}

bool has_finalizer(const k8s::meta::v1::ObjectMeta& meta, std::string_view f) {
  for (auto& x : meta.finalizers())
    if (x == f) return true;
  return false;
}

// One object's deletion; `done` gets the answer instead of the client when set
// (deletecollection).
struct delete_run : std::enable_shared_from_this<delete_run> {
  call_ptr c;
  std::string name;
  delete_options opts;
  std::function<void(std::optional<api_error>)> done;
  int attempts_left = 5;

  void fail(const api_error& e) { done ? done(e) : c->fail(e); }
  void ok(http::response r) { done ? done(std::nullopt) : c->reply(std::move(r)); }

  void start() {
    bv1::GetRequest req;
    *req.mutable_ref() = c->ref(name);
    c->ctx->state().call_typed<bv1::GetReply>(
        bus::subjects::state_verb::get, req,
        [self = shared_from_this()](caf::expected<bv1::GetReply> r) {
          self->on_current(std::move(r));
        });
  }

  void on_current(caf::expected<bv1::GetReply> reply) {
    if (!reply) return fail(from_transport_error(reply.error()));
    if (failed(reply->error()))
      return fail(from_state_error(reply->error(), c->scope.qualified(), name));
    auto current = decode_stored(*c, reply->object());
    if (!current) return fail(internal("stored object does not decode"));
    auto& meta = *metadata_of(*current);
    auto revision = reply->mod_revision();
    if (opts.uid && *opts.uid != meta.uid())
      return fail(conflict(c->scope.qualified(), name,
                           "Precondition failed: UID in precondition: " + *opts.uid +
                               ", UID in object meta: " + meta.uid()));
    if (opts.resource_version && *opts.resource_version != std::to_string(revision))
      return fail(conflict(c->scope.qualified(), name,
                           "the ResourceVersion in the precondition (" + *opts.resource_version +
                               ") does not match the ResourceVersion in record (" +
                               std::to_string(revision) +
                               "). The object might have been modified"));
    auto next = std::unique_ptr<pb::Message>(current->New());
    next->CopyFrom(*current);
    auto& nmeta = *metadata_of(*next);
    bool changed = false;
    if (opts.propagation == "Orphan" && !has_finalizer(nmeta, "orphan")) {
      nmeta.add_finalizers("orphan");
      changed = true;
    } else if (opts.propagation == "Foreground" && !has_finalizer(nmeta, "foregroundDeletion")) {
      nmeta.add_finalizers("foregroundDeletion");
      changed = true;
    }
    // A namespace with spec.finalizers becomes Terminating; the namespace controller empties
    // it, removes its finalizer (finalize subresource) and deletes it again.
    auto* ns = dynamic_cast<k8s::core::v1::Namespace*>(next.get());
    bool ns_finalizing = ns && ns->spec().finalizers_size() > 0;
    if (ns_finalizing && ns->status().phase() != "Terminating") {
      ns->mutable_status()->set_phase("Terminating");
      changed = true;
    }
    auto* pod = dynamic_cast<k8s::core::v1::Pod*>(next.get());
    std::int64_t grace = 0;
    if (pod) {
      grace = opts.grace_period_seconds.value_or(pod->spec().has_terminationgraceperiodseconds()
                                                     ? pod->spec().terminationgraceperiodseconds()
                                                     : 30);
      bool finished = pod->status().phase() == "Succeeded" || pod->status().phase() == "Failed";
      if (pod->spec().nodename().empty() || finished) grace = 0;
    }
    bool graceful =
        pod && grace > 0 &&
        (!nmeta.has_deletiongraceperiodseconds() || nmeta.deletiongraceperiodseconds() > grace);
    // A pod already terminating with this grace or a shorter one: deleting it again changes
    // nothing (the kubelet finishes it); only a shorter grace (e.g. 0, --force) goes further.
    if (pod && !graceful && grace > 0 && nmeta.has_deletiontimestamp() && !changed)
      return ok(object_response(200, *current, c->out));
    if (nmeta.finalizers_size() > 0 || graceful || ns_finalizing) {
      if (!nmeta.has_deletiontimestamp() || graceful) {
        *nmeta.mutable_deletiontimestamp() =
            messages::to_time(messages::timestamp{messages::now().seconds + grace, 0});
        nmeta.set_deletiongraceperiodseconds(grace);
        changed = true;
      }
      if (!changed || c->dry_run()) return ok(object_response(200, *next, c->out));
      nmeta.clear_resourceversion();
      bv1::UpdateRequest req;
      *req.mutable_ref() = c->ref(name);
      req.set_object(next->SerializeAsString());
      req.set_expected_revision(revision);
      c->ctx->state().call_typed<bv1::WriteReply>(
          bus::subjects::state_verb::update, req,
          [self = shared_from_this()](caf::expected<bv1::WriteReply> r) {
            self->on_written(std::move(r), false);
          });
      return;
    }
    if (c->dry_run()) return ok(answer_for(*current));
    bv1::DeleteRequest req;
    *req.mutable_ref() = c->ref(name);
    req.set_expected_revision(revision);
    c->ctx->state().call_typed<bv1::WriteReply>(
        bus::subjects::state_verb::remove, req,
        [self = shared_from_this()](caf::expected<bv1::WriteReply> r) {
          self->on_written(std::move(r), true);
        });
  }

  http::response answer_for(const pb::Message& object) {
    if (c->scope.resource->group.empty() && c->scope.resource->plural == "pods")
      return object_response(200, object, c->out);
    auto* meta = metadata_of(object);
    return http::response::json(200, success_status(*c, name, meta ? meta->uid() : "").dump());
  }

  bool retry(const bv1::Error& e) {
    return e.code() == bv1::Error::CONFLICT && attempts_left-- > 0;
  }

  // The reply to the marking update (`deleted` false: answer the object) or the delete.
  void on_written(caf::expected<bv1::WriteReply> reply, bool deleted) {
    if (!reply) return fail(from_transport_error(reply.error()));
    if (failed(reply->error())) {
      if (retry(reply->error())) return start();
      return fail(from_state_error(reply->error(), c->scope.qualified(), name));
    }
    c->ctx->note_write(c->scope.resource->group, c->scope.resource->plural, reply->revision());
    auto stored = decode_stored(*c, reply->object());
    if (!stored) return fail(internal("stored object does not decode"));
    ok(deleted ? answer_for(*stored) : object_response(200, *stored, c->out));
  }
};

}  // namespace

void handle_delete(const call_ptr& c) {
  auto opts = parse_delete_options(c->req);
  if (!opts) return c->fail(opts.error());
  auto run = std::make_shared<delete_run>();
  run->c = c;
  run->name = c->scope.name;
  run->opts = std::move(*opts);
  run->start();
}

void handle_delete_collection(const call_ptr& c) {
  auto opts = parse_delete_options(c->req);
  if (!opts) return c->fail(opts.error());
  auto filter = parse_list_filter(c->req, c->scope.resource->descriptor);
  if (!filter) return c->fail(filter.error());
  auto& r = *c->scope.resource;
  auto snap = c->ctx->cache()->snapshot(r.group, r.plural);
  std::vector<std::string> names;
  if (snap)
    snap->for_each([&](const informer::object_ptr& obj) {
      if (!c->scope.ns.empty() && obj->ns != c->scope.ns) return;
      if (filter->matches(*obj->message)) names.push_back(obj->name);
    });
  json list = json::object();
  list["kind"] = "Status";
  list["apiVersion"] = "v1";
  list["metadata"] = json::object();
  list["status"] = "Success";
  if (names.empty()) return c->reply(http::response::json(200, list.dump()));
  auto left = std::make_shared<std::atomic<std::size_t>>(names.size());
  auto first_error = std::make_shared<std::optional<api_error>>();
  auto mutex = std::make_shared<std::mutex>();
  for (auto& name : names) {
    auto run = std::make_shared<delete_run>();
    run->c = c;
    run->name = name;
    run->opts = *opts;
    run->done = [c, left, first_error, mutex, list](std::optional<api_error> err) {
      if (err && err->code != 404) {
        std::lock_guard lock{*mutex};
        if (!*first_error) *first_error = std::move(err);
      }
      if (left->fetch_sub(1) != 1) return;
      if (*first_error) return c->fail(**first_error);
      c->reply(http::response::json(200, list.dump()));
    };
    run->start();
  }
}

}  // namespace kactor::rest
