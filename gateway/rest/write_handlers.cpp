#include "gateway/rest/write_handlers.hpp"

#include "gateway/apply/server_side_apply.hpp"
#include "gateway/patch/apply_patch.hpp"
#include "gateway/patch/patch_type.hpp"
#include "gateway/rest/object_meta.hpp"
#include "gateway/rest/request_body.hpp"
#include "gateway/rest/write_pipeline.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/time.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;

namespace {

api_error from_patch_error(const patch::patch_error& err) {
  switch (err.code) {
    case patch::patch_errc::bad_request:
      return bad_request(err.message);
    case patch::patch_errc::unprocessable:
      return api_error{422, "", err.message, nullptr};
    case patch::patch_errc::unsupported:
      return unsupported_media_type("", err.message);
    default:
      return api_error{500, "", err.message, nullptr};
  }
}

constexpr std::string_view patch_types =
    "application/json-patch+json, application/merge-patch+json, "
    "application/strategic-merge-patch+json, application/apply-patch+yaml";

// Decodes a patched or applied JSON object into the scope's kind.
result<std::unique_ptr<pb::Message>> decode_json(const call_ptr& c, const messages::json& value,
                                                 field_validation mode) {
  auto decoded = decode_object_json(value, *c->scope.resource, c->scope.resource->descriptor, mode);
  if (!decoded) return decoded.error();
  for (auto& w : decoded->warnings)
    c->warnings.push_back(w);
  return std::move(decoded->object);
}

void handle_apply(const call_ptr& c, messages::json config, field_validation mode) {
  auto manager = c->req.query_value("fieldManager");
  if (!manager || manager->empty())
    return c->fail(bad_request(
        "PATCH, application/apply-patch+yaml requires fieldManager to be set (is required for "
        "apply patch)"));
  auto force_text = c->req.query_value("force").value_or("false");
  apply::apply_options opts;
  opts.manager = *manager;
  opts.force = force_text == "true" || force_text == "True" || force_text == "1";
  opts.api_version = c->scope.resource->api_version();
  opts.now = messages::format_rfc3339(messages::now().seconds);
  opts.subresource = c->scope.subresource;
  c->applied = true;  // server_side_apply maintains managedFields itself
  auto shared_config = std::make_shared<messages::json>(std::move(config));
  update_with(
      c,
      [c, shared_config, opts, mode](const pb::Message& current, std::uint64_t revision)
          -> result<std::unique_ptr<pb::Message>> {
        std::optional<messages::json> live;
        if (revision != 0) live = messages::to_json_object(current, c->ctx->types());
        auto applied = apply::server_side_apply(live ? &*live : nullptr, *shared_config,
                                                c->scope.resource->descriptor, opts);
        if (!applied) {
          auto& e = applied.error();
          std::vector<status_cause> causes;
          for (auto& cause : e.causes)
            causes.push_back({"FieldManagerConflict", cause.message, cause.field});
          switch (e.code) {
            case apply::apply_errc::conflict:
              return apply_conflict(c->scope.qualified(), c->scope.name, e.message,
                                    std::move(causes));
            case apply::apply_errc::bad_request:
              return bad_request(e.message);
            case apply::apply_errc::invalid:
              return api_error{422, "Invalid", e.message, nullptr};
            default:
              return internal(e.message);
          }
        }
        auto obj = decode_json(c, *applied, mode);
        if (!obj) return obj.error();
        if (revision != 0) metadata_of(**obj)->clear_resourceversion();
        return obj;
      },
      nullptr, /*create_missing=*/true);
}

}  // namespace

void handle_create(const call_ptr& c) {
  auto mode = field_validation_of(c->req);
  if (!mode) return c->fail(mode.error());
  auto body = decode_object_body(c->req, *c->scope.resource, c->scope.resource->descriptor, *mode);
  if (!body) return c->fail(body.error());
  c->warnings = std::move(body->warnings);
  if (auto err = prepare_create(*body->object, c->scope)) return c->fail(*err);
  store_create(c, std::move(body->object), 201);
}

void handle_update(const call_ptr& c) {
  auto mode = field_validation_of(c->req);
  if (!mode) return c->fail(mode.error());
  auto body = decode_object_body(c->req, *c->scope.resource, c->scope.resource->descriptor, *mode);
  if (!body) return c->fail(body.error());
  c->warnings = std::move(body->warnings);
  std::shared_ptr<pb::Message> wanted{std::move(body->object)};
  update_with(c,
              [wanted](const pb::Message&, std::uint64_t) -> result<std::unique_ptr<pb::Message>> {
                std::unique_ptr<pb::Message> copy{wanted->New()};
                copy->CopyFrom(*wanted);
                return copy;
              });
}

void handle_patch(const call_ptr& c) {
  auto ct = c->req.find_header("Content-Type");
  auto type = patch::patch_type_of(ct ? *ct : "");
  if (!type) return c->fail(unsupported_media_type(ct ? *ct : "", patch_types));
  auto mode = field_validation_of(c->req);
  if (!mode) return c->fail(mode.error());
  if (*type == patch::patch_type::apply_patch) {
    auto config = parse_body_json(c->req);
    if (!config) return c->fail(config.error());
    return handle_apply(c, std::move(*config), *mode);
  }
  auto parsed = patch::parse_patch(c->req.body, *type);
  if (!parsed) return c->fail(from_patch_error(parsed.error()));
  auto doc = std::make_shared<messages::json>(std::move(*parsed));
  update_with(
      c,
      [c, doc, type = *type, mode = *mode](const pb::Message& current,
                                           std::uint64_t) -> result<std::unique_ptr<pb::Message>> {
        auto original = messages::to_json_object(current, c->ctx->types());
        auto* rv_before = &original["metadata"]["resourceVersion"];
        auto before = rv_before->is_string() ? rv_before->get<std::string>() : std::string{};
        auto patched = patch::apply_patch(type, original, *doc, c->scope.resource->descriptor);
        if (!patched) return from_patch_error(patched.error());
        auto obj = decode_json(c, *patched, mode);
        if (!obj) return obj.error();
        // A resourceVersion the patch did not touch is not a client precondition.
        auto* meta = metadata_of(**obj);
        if (meta && meta->resourceversion() == before) meta->clear_resourceversion();
        return obj;
      });
}

}  // namespace kactor::rest
