#include "gateway/rest/read_handlers.hpp"

#include "gateway/rest/list_filter.hpp"
#include "gateway/rest/list_token.hpp"
#include "gateway/rest/query_values.hpp"
#include "gateway/rest/state_errors.hpp"
#include "gateway/watchcache/watch_cache.hpp"

namespace kactor::rest {

namespace {

namespace bv1 = kactor::bus::v1;

// The revision a read must see: "" -> this gateway's last write of the resource (read your
// writes), "0" -> anything, N -> at least N. Invalid text is a 400.
result<std::uint64_t> minimum_revision(const rest_call& c) {
  auto rv = c.req.query_value("resourceVersion");
  auto mark = c.ctx->write_mark(c.scope.resource->group, c.scope.resource->plural);
  if (!rv || rv->empty()) return mark;
  auto parsed = parse_unsigned(*rv);
  if (!parsed) return bad_request("invalid resource version: " + *rv);
  return *parsed;
}

// The GET fallback when the cache is behind: read the state actor.
void get_from_state(const call_ptr& c) {
  bv1::GetRequest req;
  *req.mutable_ref() = c->ref();
  c->ctx->state().call_typed<bv1::GetReply>(
      bus::subjects::state_verb::get, req, [c](caf::expected<bv1::GetReply> reply) {
        if (!reply) return c->fail(from_transport_error(reply.error()));
        if (reply->has_error() && reply->error().code() != bv1::Error::CODE_UNSPECIFIED)
          return c->fail(from_state_error(reply->error(), c->scope.qualified(), c->scope.name));
        auto obj = decode_stored(*c, reply->object());
        if (!obj) return c->fail(internal("stored object does not decode"));
        c->reply_object(200, *obj);
      });
}

// resourceVersionMatch=Exact: the list as of that revision, from the state actor's history.
// `continue` carries the state actor's own token.
void list_exact(const call_ptr& c, std::shared_ptr<list_filter> match, std::uint64_t revision,
                std::uint32_t limit) {
  auto& r = *c->scope.resource;
  bv1::ListRequest req;
  req.set_group(r.group);
  req.set_resource(r.plural);
  req.set_namespace_(c->scope.ns);
  req.set_revision(revision);
  req.set_limit(limit);
  req.set_continue_token(c->req.query_value("continue").value_or(""));
  c->ctx->state().call_typed<bv1::ListReply>(
      bus::subjects::state_verb::list, req, [c, match](caf::expected<bv1::ListReply> reply) {
        if (!reply) return c->fail(from_transport_error(reply.error()));
        if (reply->has_error() && reply->error().code() != bv1::Error::CODE_UNSPECIFIED)
          return c->fail(from_state_error(reply->error(), c->scope.qualified(), ""));
        std::vector<std::unique_ptr<google::protobuf::Message>> owned;
        std::vector<const google::protobuf::Message*> items;
        for (auto& item : reply->items()) {
          auto obj = decode_stored(*c, item.object());
          if (!obj) return c->fail(internal("stored object does not decode"));
          if (!match->matches(*obj)) continue;
          items.push_back(obj.get());
          owned.push_back(std::move(obj));
        }
        list_meta meta;
        meta.revision = reply->revision();
        meta.continue_token = reply->continue_token();
        c->reply(list_response(*c->scope.resource, items, meta, c->out));
      });
}

}  // namespace

void when_cache_has(const api_context& ctx, const std::string& group, const std::string& resource,
                    std::uint64_t revision, std::function<void(bool)> then) {
  auto& cache = *ctx.cache();
  auto snap = cache.snapshot(group, resource);
  if (snap && snap->synced() && snap->revision() >= revision) return then(true);
  cache.when_fresh(group, resource, revision, ctx.options().fresh_deadline, std::move(then));
}

void when_cache_has(const call_ptr& c, std::uint64_t revision, std::function<void(bool)> then) {
  when_cache_has(*c->ctx, c->scope.resource->group, c->scope.resource->plural, revision,
                 std::move(then));
}

void handle_get(const call_ptr& c) {
  auto min = minimum_revision(*c);
  if (!min) return c->fail(min.error());
  when_cache_has(c, *min, [c](bool fresh) {
    if (!fresh) return get_from_state(c);
    auto& r = *c->scope.resource;
    auto snap = c->ctx->cache()->snapshot(r.group, r.plural);
    auto obj = snap ? snap->get(c->scope.ns, c->scope.name) : nullptr;
    if (!obj) return c->fail(not_found(c->scope.qualified(), c->scope.name));
    if (c->out.format == output_format::json && c->scope.subresource.empty() && c->warnings.empty())
      return c->reply(cached_object_json(*c->scope.resource, obj));
    c->reply_object(200, *obj->message);
  });
}

void handle_list(const call_ptr& c) {
  auto& r = *c->scope.resource;
  auto filter = parse_list_filter(c->req, r.descriptor);
  if (!filter) return c->fail(filter.error());
  auto min = minimum_revision(*c);
  if (!min) return c->fail(min.error());
  std::uint32_t limit = 0;
  if (auto text = c->req.query_value("limit"); text && !text->empty()) {
    auto v = parse_unsigned(*text);
    if (!v) return c->fail(bad_request("invalid limit: " + *text));
    limit = static_cast<std::uint32_t>(std::min<std::uint64_t>(*v, UINT32_MAX));
  }
  auto rv_match = c->req.query_value("resourceVersionMatch").value_or("");
  if (!rv_match.empty()) {
    auto rv = c->req.query_value("resourceVersion").value_or("");
    if (rv_match != "Exact" && rv_match != "NotOlderThan")
      return c->fail(bad_request("resourceVersionMatch: Unsupported value: \"" + rv_match +
                                 "\": supported values: \"Exact\", \"NotOlderThan\""));
    if (rv.empty())
      return c->fail(
          bad_request("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless "
                      "resourceVersion is provided"));
    if (rv_match == "Exact" && *min == 0)
      return c->fail(bad_request(
          "resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for "
          "resourceVersion \"0\""));
    if (rv_match == "Exact")
      return list_exact(c, std::make_shared<list_filter>(std::move(*filter)), *min, limit);
  }
  std::optional<list_token> token;
  if (auto text = c->req.query_value("continue"); text && !text->empty()) {
    token = parse_list_token(*text);
    if (!token) return c->fail(bad_request("continue key is not valid: " + *text));
  }
  auto match = std::make_shared<list_filter>(std::move(*filter));
  when_cache_has(c, *min, [c, match, limit, token, min = *min](bool fresh) {
    auto& r = *c->scope.resource;
    if (!fresh)
      return c->fail(
          timeout("Too large resource version: " + std::to_string(min) + ", current: unknown"));
    auto snap = c->ctx->cache()->snapshot(r.group, r.plural);
    std::vector<informer::object_ptr> keep;  // holds the messages while the page is written
    std::vector<const google::protobuf::Message*> items;
    std::string start = token ? token->start_after : std::string{};
    std::size_t remaining = 0;
    std::string last_key;
    auto visit = [&](const informer::object_ptr& obj) {
      if (!c->scope.ns.empty() && obj->ns != c->scope.ns) return;
      if (!match->name.empty() && obj->name != match->name) return;
      if (!start.empty() && obj->key() <= start) return;
      if (!match->matches(*obj->message)) return;
      if (limit != 0 && items.size() >= limit) {
        ++remaining;
        return;
      }
      items.push_back(obj->message.get());
      keep.push_back(obj);
      last_key = obj->key();
    };
    // Keys are "namespace/name" in order: a namespace is one contiguous range.
    if (c->scope.ns.empty())
      snap->for_each(visit);
    else
      snap->objects().for_each_prefix(
          c->scope.ns + "/",
          [&](const std::string&, const informer::object_ptr& obj) { visit(obj); });
    list_meta meta;
    meta.revision = token ? token->revision : snap->revision();
    if (remaining > 0) {
      meta.continue_token = format_list_token({meta.revision, last_key});
      meta.remaining = static_cast<std::int64_t>(remaining);
    }
    if (c->out.format == output_format::json) return c->reply(cached_list_json(r, keep, meta));
    c->reply(list_response(r, items, meta, c->out));
  });
}

}  // namespace kactor::rest
