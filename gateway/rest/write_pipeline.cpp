#include "gateway/rest/write_pipeline.hpp"

#include "gateway/admission/allocation.hpp"
#include "gateway/admission/apply_defaults.hpp"
#include "gateway/admission/field_error.hpp"
#include "gateway/admission/validation.hpp"
#include "gateway/apply/server_side_apply.hpp"
#include "gateway/apply/track_update.hpp"
#include "gateway/rest/changed_fields.hpp"
#include "gateway/rest/namespace_check.hpp"
#include "gateway/rest/object_meta.hpp"
#include "gateway/rest/request_body.hpp"
#include "gateway/rest/service_allocation.hpp"
#include "gateway/rest/state_errors.hpp"
#include "k8s/core/v1/service.pb.h"
#include "messages/codec/from_json.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/time.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;
namespace bv1 = kactor::bus::v1;

namespace {

bool failed(const bv1::Error& e) {
  return e.code() != bv1::Error::CODE_UNSPECIFIED;
}

std::string qualified_kind(const messages::resource_info& r) {
  return r.group.empty() ? r.kind : r.kind + "." + r.group;
}

// Answers a stored write with `sent`, the object whose bytes the request carried: the state
// actor stores those bytes unchanged and hands them back with metadata.resourceVersion = the
// reply's revision appended (storage/state/resource_version.hpp), so `sent` with that
// resourceVersion is the stored object, without decoding the reply's copy.
void answer_stored(const call_ptr& c, const bv1::WriteReply& reply, pb::Message& sent, int code,
                   const update_answer& answer) {
  auto& r = *c->scope.resource;
  c->ctx->note_write(r.group, r.plural, reply.revision());
  auto* meta = metadata_of(sent);
  if (!meta) return c->fail(internal("stored object has no metadata"));
  meta->set_resourceversion(std::to_string(reply.revision()));
  if (answer) return answer(c, sent);
  c->reply_object(code, sent);
}

struct update_run : std::enable_shared_from_this<update_run> {
  call_ptr c;
  mutation mutate;
  update_answer answer;
  bool create_missing = false;
  int attempts_left = 0;

  void start() {
    bv1::GetRequest req;
    *req.mutable_ref() = c->ref();
    c->ctx->state().call_typed<bv1::GetReply>(
        bus::subjects::state_verb::get, req,
        [self = shared_from_this()](caf::expected<bv1::GetReply> reply) {
          self->on_current(std::move(reply));
        });
  }

  void on_current(caf::expected<bv1::GetReply> reply) {
    if (!reply) return c->fail(from_transport_error(reply.error()));
    if (failed(reply->error())) {
      if (reply->error().code() == bv1::Error::NOT_FOUND && create_missing) return create();
      return c->fail(from_state_error(reply->error(), c->scope.qualified(), c->scope.name));
    }
    auto current = decode_stored(*c, reply->object());
    if (!current) return c->fail(internal("stored object does not decode"));
    auto next = mutate(*current, reply->mod_revision());
    if (!next) return c->fail(next.error());
    auto object = std::move(*next);
    auto* meta = metadata_of(*object);
    if (!meta) return c->fail(bad_request("the object has no metadata"));
    std::uint64_t expected = reply->mod_revision();
    bool pinned = !meta->resourceversion().empty();
    if (pinned && meta->resourceversion() != std::to_string(expected))
      return c->fail(conflict(c->scope.qualified(), c->scope.name, modified_text));
    if (auto err = prepare_update(*object, *current, c->scope)) return c->fail(*err);
    if (auto err = admit(*c, *object, current.get())) return c->fail(*err);
    // Kubernetes skips a write that changes nothing: same object, same resourceVersion.
    metadata_of(*object)->set_resourceversion(std::to_string(expected));
    if (object->SerializeAsString() == current->SerializeAsString() || c->dry_run()) {
      if (answer) return answer(c, *object);
      return c->reply_object(200, *object);
    }
    metadata_of(*object)->clear_resourceversion();
    bv1::UpdateRequest req;
    *req.mutable_ref() = c->ref();
    req.set_object(object->SerializeAsString());
    req.set_expected_revision(expected);
    std::shared_ptr<pb::Message> sent{std::move(object)};
    c->ctx->state().call_typed<bv1::WriteReply>(
        bus::subjects::state_verb::update, req,
        [self = shared_from_this(), pinned, sent](caf::expected<bv1::WriteReply> reply) {
          self->on_stored(std::move(reply), pinned, *sent);
        });
  }

  void on_stored(caf::expected<bv1::WriteReply> reply, bool pinned, pb::Message& sent) {
    if (!reply) return c->fail(from_transport_error(reply.error()));
    if (failed(reply->error())) {
      if (reply->error().code() == bv1::Error::CONFLICT && !pinned && attempts_left-- > 0)
        return start();
      return c->fail(from_state_error(reply->error(), c->scope.qualified(), c->scope.name));
    }
    answer_stored(c, *reply, sent, 200, answer);
  }

  void create() {
    auto empty = new_object(*c);
    auto next = mutate(*empty, 0);
    if (!next) return c->fail(next.error());
    auto object = std::move(*next);
    if (auto err = prepare_create(*object, c->scope)) return c->fail(*err);
    store_create(c, std::move(object), 201);
  }
};

}  // namespace

void send_create(const call_ptr& c, const std::shared_ptr<pb::Message>& object, int code);

void track_managed_fields(const rest_call& c, pb::Message& object, const pb::Message* old) {
  if (c.applied) return;
  auto manager = c.field_manager();
  if (manager.empty()) return;
  apply::apply_options opts;
  opts.manager = manager;
  opts.api_version = c.scope.resource->api_version();
  opts.now = messages::format_rfc3339(messages::now().seconds);
  opts.subresource = c.scope.subresource;
  auto& types = c.ctx->types();
  json updated;
  std::optional<json> before;
  if (old) {
    // Only what differs is compared (same outcome, see changed_fields.hpp).
    auto pair = changed_fields(*old, object);
    before = messages::to_json_object(*pair.old_fields, types);
    updated = messages::to_json_object(*pair.new_fields, types);
  } else {
    updated = messages::to_json_object(object, types);
  }
  apply::track_update(before ? &*before : nullptr, updated, object.GetDescriptor(), opts);
  auto* meta = metadata_of(object);
  auto it = updated.find("metadata");
  if (!meta || it == updated.end()) return;
  auto mf = it->find("managedFields");
  meta->clear_managedfields();
  if (mf == it->end()) return;
  k8s::meta::v1::ObjectMeta parsed;
  json holder = json::object();
  holder["managedFields"] = *mf;
  if (messages::from_json(holder, parsed)) *meta->mutable_managedfields() = parsed.managedfields();
}

std::optional<api_error> admit(const rest_call& c, pb::Message& object, const pb::Message* old) {
  auto* svc = dynamic_cast<k8s::core::v1::Service*>(&object);
  if (svc && old)
    if (auto* old_svc = dynamic_cast<const k8s::core::v1::Service*>(old))
      admission::carry_allocated_values(*svc, *old_svc);
  admission::apply_defaults(object);
  if (!old) admission::prepare_for_create(object);
  // A binding sets only spec.nodeName (and annotations, a condition) of a pod, which an update
  // of the pod may not: Kubernetes' binding storage skips pod update validation too.
  admission::field_errors errors;
  if (!old)
    errors = admission::validate_create(object);
  else if (c.scope.subresource != "binding")
    errors = admission::validate_update(object, *old);
  if (errors.empty()) {
    // Kubernetes' binding storage writes the pod without its field manager: a bound pod has
    // no entry for the scheduler (nor for the PodScheduled condition the binding sets).
    if (c.scope.subresource != "binding") track_managed_fields(c, object, old);
    return std::nullopt;
  }
  auto& r = *c.scope.resource;
  auto* meta = metadata_of(object);
  std::string name = meta ? meta->name() : c.scope.name;
  std::vector<status_cause> causes;
  for (auto& e : errors)
    causes.push_back({e.type, e.message, e.field});
  return invalid(c.scope.qualified(), r.kind, name,
                 admission::invalid_message(qualified_kind(r), name, errors), std::move(causes));
}

void store_create(const call_ptr& c, std::unique_ptr<pb::Message> object, int code) {
  if (auto err = admit(*c, *object, nullptr)) return c->fail(*err);
  auto* meta = metadata_of(*object);
  if (meta->name().empty())
    return c->fail(
        invalid(c->scope.qualified(), c->scope.resource->kind, "",
                c->scope.resource->kind + " \"\" is invalid: metadata.name: Required "
                                          "value: name or generateName is required",
                {{"FieldValueRequired", "Required value: name or generateName is required",
                  "metadata.name"}}));
  auto ns = meta->namespace_();
  std::shared_ptr<pb::Message> shared{std::move(object)};
  check_namespace_open(c, ns, meta->name(), [c, shared, code](std::optional<api_error> closed) {
    if (closed) return c->fail(*closed);
    if (auto err = allocate_service_addresses(*c, *shared)) return c->fail(*err);
    if (c->dry_run()) return c->reply_object(code, *shared);
    send_create(c, shared, code);
  });
}

void send_create(const call_ptr& c, const std::shared_ptr<pb::Message>& object, int code) {
  auto* meta = metadata_of(*object);
  bv1::CreateRequest req;
  *req.mutable_ref() = c->ref(meta->name());
  req.set_object(object->SerializeAsString());
  c->ctx->state().call_typed<bv1::WriteReply>(
      bus::subjects::state_verb::create, req,
      [c, code, object](caf::expected<bv1::WriteReply> reply) {
        if (!reply) return c->fail(from_transport_error(reply.error()));
        if (failed(reply->error()))
          return c->fail(
              from_state_error(reply->error(), c->scope.qualified(), metadata_of(*object)->name()));
        answer_stored(c, *reply, *object, code, nullptr);
      });
}

void update_with(const call_ptr& c, mutation mutate, update_answer answer, bool create_missing) {
  auto run = std::make_shared<update_run>();
  run->c = c;
  run->mutate = std::move(mutate);
  run->answer = std::move(answer);
  run->create_missing = create_missing;
  run->attempts_left = c->ctx->options().conflict_retries;
  run->start();
}

}  // namespace kactor::rest
