#include "gateway/rest/subresource_handlers.hpp"

#include "gateway/patch/apply_patch.hpp"
#include "gateway/patch/patch_type.hpp"
#include "gateway/rest/delete_handlers.hpp"
#include "gateway/rest/object_meta.hpp"
#include "gateway/rest/read_handlers.hpp"
#include "gateway/rest/request_body.hpp"
#include "gateway/rest/state_errors.hpp"
#include "gateway/rest/write_pipeline.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "k8s/autoscaling/v1/horizontal_pod_autoscaler.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/meta/v1/selector.pb.h"
#include "k8s/policy/v1/disruption.pb.h"
#include "messages/codec/from_json.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/time.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;
using k8s::autoscaling::v1::Scale;

namespace {

const pb::Message* sub_message(const pb::Message& m, const char* name) {
  auto* f = m.GetDescriptor()->FindFieldByName(name);
  if (!f || f->type() != pb::FieldDescriptor::TYPE_MESSAGE) return nullptr;
  return &m.GetReflection()->GetMessage(m, f);
}

std::int32_t int_field(const pb::Message* m, const char* name, std::int32_t fallback) {
  if (!m) return fallback;
  auto* f = m->GetDescriptor()->FindFieldByName(name);
  if (!f || f->cpp_type() != pb::FieldDescriptor::CPPTYPE_INT32) return fallback;
  if (!m->GetReflection()->HasField(*m, f)) return fallback;
  return m->GetReflection()->GetInt32(*m, f);
}

// The selector of a workload's spec as text: a LabelSelector (apps) or a map (RC).
std::string selector_text(const pb::Message* spec) {
  if (!spec) return "";
  auto* f = spec->GetDescriptor()->FindFieldByName("selector");
  if (!f) return "";
  if (f->is_map()) {
    k8s::meta::v1::LabelSelector sel;
    auto* refl = spec->GetReflection();
    for (int i = 0; i < refl->FieldSize(*spec, f); ++i) {
      auto& entry = refl->GetRepeatedMessage(*spec, f, i);
      auto* d = entry.GetDescriptor();
      (*sel.mutable_matchlabels())[entry.GetReflection()->GetString(entry,
                                                                    d->FindFieldByNumber(1))] =
          entry.GetReflection()->GetString(entry, d->FindFieldByNumber(2));
    }
    return selectors::format_label_selector(sel);
  }
  auto* sel = dynamic_cast<const k8s::meta::v1::LabelSelector*>(
      &spec->GetReflection()->GetMessage(*spec, f));
  return sel ? selectors::format_label_selector(*sel) : "";
}

Scale scale_of(const pb::Message& object) {
  Scale s;
  auto* meta = metadata_of(object);
  auto* m = s.mutable_metadata();
  m->set_name(meta->name());
  m->set_namespace_(meta->namespace_());
  m->set_uid(meta->uid());
  m->set_resourceversion(meta->resourceversion());
  *m->mutable_creationtimestamp() = meta->creationtimestamp();
  auto* spec = sub_message(object, "spec");
  s.mutable_spec()->set_replicas(int_field(spec, "replicas", 1));
  s.mutable_status()->set_replicas(int_field(sub_message(object, "status"), "replicas", 0));
  s.mutable_status()->set_selector(selector_text(spec));
  return s;
}

// The workload with spec.replicas from `scale`.
std::unique_ptr<pb::Message> with_replicas(const pb::Message& current, const Scale& scale) {
  std::unique_ptr<pb::Message> next{current.New()};
  next->CopyFrom(current);
  auto* spec_field = next->GetDescriptor()->FindFieldByName("spec");
  auto* spec = next->GetReflection()->MutableMessage(next.get(), spec_field);
  auto* f = spec->GetDescriptor()->FindFieldByName("replicas");
  spec->GetReflection()->SetInt32(spec, f, scale.spec().replicas());
  auto* meta = metadata_of(*next);
  meta->set_resourceversion(scale.metadata().resourceversion());
  return next;
}

void answer_scale(const call_ptr& c, const pb::Message& stored) {
  c->reply(object_response(200, scale_of(stored), c->out));
}

api_error scale_invalid(const call_ptr& c, const std::string& message) {
  return invalid({"autoscaling", "scale"}, "Scale", c->scope.name,
                 "Scale.autoscaling \"" + c->scope.name + "\" is invalid: " + message, {});
}

}  // namespace

void handle_scale(const call_ptr& c) {
  if (c->req.method == "GET") {
    return when_cache_has(
        c, c->ctx->write_mark(c->scope.resource->group, c->scope.resource->plural), [c](bool) {
          auto& r = *c->scope.resource;
          auto snap = c->ctx->cache()->snapshot(r.group, r.plural);
          auto obj = snap ? snap->get(c->scope.ns, c->scope.name) : nullptr;
          if (!obj) return c->fail(not_found(c->scope.qualified(), c->scope.name));
          answer_scale(c, *obj->message);
        });
  }
  auto mode = field_validation_of(c->req);
  if (!mode) return c->fail(mode.error());
  std::shared_ptr<messages::json> patch_doc;
  std::optional<patch::patch_type> type;
  std::shared_ptr<Scale> wanted;
  if (c->req.method == "PATCH") {
    auto ct = c->req.find_header("Content-Type");
    type = patch::patch_type_of(ct ? *ct : "");
    if (!type || *type == patch::patch_type::apply_patch)
      return c->fail(unsupported_media_type(ct ? *ct : "",
                                            "application/json-patch+json, "
                                            "application/merge-patch+json, "
                                            "application/strategic-merge-patch+json"));
    auto parsed = patch::parse_patch(c->req.body, *type);
    if (!parsed) return c->fail(bad_request(parsed.error().message));
    patch_doc = std::make_shared<messages::json>(std::move(*parsed));
  } else {
    auto* info = c->ctx->types().find_resource_for_kind("autoscaling/v1", "Scale");
    messages::resource_info scale_info;
    if (info) scale_info = *info;
    scale_info.kind = "Scale";
    scale_info.group = "autoscaling";
    scale_info.version = "v1";
    auto body = decode_object_body(c->req, scale_info, Scale::descriptor(), *mode);
    if (!body) return c->fail(body.error());
    wanted = std::make_shared<Scale>();
    wanted->CopyFrom(*body->object);
  }
  update_with(
      c,
      [c, patch_doc, type, wanted](const pb::Message& current,
                                   std::uint64_t) -> result<std::unique_ptr<pb::Message>> {
        Scale target;
        if (wanted) {
          target = *wanted;
        } else {
          auto original = messages::to_json_object(scale_of(current), c->ctx->types());
          auto before = original["metadata"].value("resourceVersion", "");
          auto patched = patch::apply_patch(*type, original, *patch_doc, Scale::descriptor());
          if (!patched) return bad_request(patched.error().message);
          auto decoded = messages::from_json(*patched, target);
          if (!decoded) return bad_request(decoded.error().message);
          if (target.metadata().resourceversion() == before)
            target.mutable_metadata()->clear_resourceversion();
        }
        if (target.spec().replicas() < 0)
          return scale_invalid(
              c, "spec.replicas: Invalid value: " + std::to_string(target.spec().replicas()) +
                     ": must be greater than or equal to 0");
        return with_replicas(current, target);
      },
      answer_scale);
}

void handle_binding(const call_ptr& c) {
  auto mode = field_validation_of(c->req);
  if (!mode) return c->fail(mode.error());
  messages::resource_info binding_info;
  binding_info.kind = "Binding";
  binding_info.version = "v1";
  auto body = decode_object_body(c->req, binding_info, k8s::core::v1::Binding::descriptor(), *mode);
  if (!body) return c->fail(body.error());
  auto binding = std::make_shared<k8s::core::v1::Binding>();
  binding->CopyFrom(*body->object);
  auto pod_name = c->scope.name.empty() ? binding->metadata().name() : c->scope.name;
  if (binding->target().name().empty())
    return c->fail(invalid({"", "bindings"}, "Binding", pod_name,
                           "Binding \"" + pod_name + "\" is invalid: target.name: Required value",
                           {{"FieldValueRequired", "Required value", "target.name"}}));
  // Bind through the pods resource, whatever URL form was used.
  auto pods = std::make_shared<rest_call>(*c);
  pods->scope.resource = c->ctx->types().find_resource("", "v1", "pods");
  pods->scope.name = pod_name;
  pods->scope.subresource = "binding";
  update_with(
      pods,
      [binding, pod_name](const pb::Message& current,
                          std::uint64_t) -> result<std::unique_ptr<pb::Message>> {
        auto pod = std::make_unique<k8s::core::v1::Pod>();
        pod->CopyFrom(current);
        const auto& uid = binding->metadata().uid();
        if (!uid.empty() && uid != pod->metadata().uid())
          return conflict({"", "pods"}, pod_name,
                          "Precondition failed: UID in precondition: " + uid +
                              ", UID in object meta: " + pod->metadata().uid());
        if (!pod->spec().nodename().empty())
          return conflict({"", "pods"}, pod_name,
                          "pod " + pod_name + " is already assigned to node \"" +
                              pod->spec().nodename() + "\"");
        if (pod->metadata().has_deletiontimestamp())
          return conflict({"", "pods"}, pod_name,
                          "pod " + pod_name + " is being deleted, cannot be assigned to a host");
        pod->mutable_spec()->set_nodename(binding->target().name());
        for (auto& [k, v] : binding->metadata().annotations())
          (*pod->mutable_metadata()->mutable_annotations())[k] = v;
        k8s::core::v1::PodCondition* cond = nullptr;
        for (auto& c : *pod->mutable_status()->mutable_conditions())
          if (c.type() == "PodScheduled") cond = &c;
        if (!cond) cond = pod->mutable_status()->add_conditions();
        if (cond->status() != "True")
          *cond->mutable_lasttransitiontime() = messages::to_time(messages::now());
        cond->set_type("PodScheduled");
        cond->set_status("True");
        cond->clear_reason();
        cond->clear_message();
        pod->mutable_metadata()->clear_resourceversion();
        return std::unique_ptr<pb::Message>(std::move(pod));
      },
      [](const call_ptr& c, const pb::Message&) {
        c->reply(http::response::json(
            201,
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201})"));
      });
}

void handle_eviction(const call_ptr& c) {
  auto doc = parse_body_json(c->req);
  if (!doc) return c->fail(doc.error());
  k8s::policy::v1::Eviction eviction;
  if (auto parsed = messages::from_json(*doc, eviction); !parsed)
    return c->fail(bad_request(parsed.error().message));
  // Delete the pod with the eviction's options, answering 201 Success instead of the pod.
  auto del = std::make_shared<rest_call>(*c);
  del->scope.subresource.clear();
  if (eviction.has_deleteoptions()) {
    del->req.body = messages::to_json(eviction.deleteoptions()).dump();
    del->req.headers.clear();
  } else {
    del->req.body.clear();
  }
  del->res = http::responder{[res = c->res](http::response r) {
    if (r.status == 200)
      r = http::response::json(
          201,
          R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201})");
    res.send(std::move(r));
  }};
  handle_delete(del);
}

}  // namespace kactor::rest
