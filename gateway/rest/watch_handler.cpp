#include "gateway/rest/watch_handler.hpp"

#include <atomic>

#include "gateway/http/stream.hpp"
#include "gateway/rest/list_filter.hpp"
#include "gateway/rest/query_values.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "messages/codec/json_writer.hpp"
#include "messages/time.hpp"

namespace kactor::rest {

namespace pb = google::protobuf;

namespace {

// Event lines: {"type":"ADDED","object":{...}}\n, the object as JSON or a one-row Table
// (column definitions in the first event only, as kube-apiserver writes them).
watchcache::event_encoder make_encoder(const output_choice& out) {
  auto first = std::make_shared<std::atomic<bool>>(true);
  return [out, first](std::string_view type, const pb::Message& object) -> std::string {
    std::string body;
    if (out.format == output_format::table && type != "BOOKMARK" && type != "ERROR") {
      printers::table_options opts;
      opts.now = messages::now();
      opts.rows = out.rows;
      opts.column_definitions = first->exchange(false);
      body = printers::table_for_object(object, opts, messages::registry::generated()).dump();
    } else {
      body = messages::to_json_object_text(object, messages::registry::generated());
    }
    std::string line = "{\"type\":\"";
    line += type;
    line += "\",\"object\":";
    line += body;
    line += "}\n";
    return line;
  };
}

// JSON events of cached objects: the object's text is encoded once (cached_object::
// derived_text, shared with LIST) and only wrapped per watcher.
watchcache::cached_event_encoder make_cached_encoder(const messages::resource_info& info) {
  // Registry entries live as long as the process.
  return
      [info = &info](std::string_view type, const informer::cached_object& object) -> std::string {
        auto text = cached_object_text(*info, object);
        std::string line;
        line.reserve(text.size() + 32);
        line += "{\"type\":\"";
        line += type;
        line += "\",\"object\":";
        line += text;
        line += "}\n";
        return line;
      };
}

}  // namespace

void handle_watch(const call_ptr& c) {
  auto& r = *c->scope.resource;
  auto filter = parse_list_filter(c->req, r.descriptor);
  if (!filter) return c->fail(filter.error());
  watchcache::watch_request wr;
  wr.group = r.group;
  wr.resource = r.plural;
  wr.ns = c->scope.ns;
  wr.labels = filter->labels;
  wr.fields = filter->fields;
  wr.name = c->scope.name.empty() ? filter->name : c->scope.name;
  if (auto rv = c->req.query_value("resourceVersion"); rv && !rv->empty()) {
    auto parsed = parse_unsigned(*rv);
    if (!parsed) return c->fail(bad_request("invalid resource version: " + *rv));
    if (*parsed != 0) wr.resource_version = *parsed;
  }
  wr.bookmarks = query_true(c->req.query_value("allowWatchBookmarks"));
  if (auto t = c->req.query_value("timeoutSeconds"); t && !t->empty()) {
    auto parsed = parse_unsigned(*t);
    if (!parsed) return c->fail(bad_request("invalid timeoutSeconds: " + *t));
    if (*parsed > 0) wr.timeout = std::chrono::seconds(*parsed);
  }
  http::response head;
  head.status = 200;
  head.set_header("Content-Type", "application/json");
  auto stream = c->res.begin_stream(std::move(head));
  if (!stream) return;
  watchcache::watch_sink sink;
  sink.encode = make_encoder(c->out);
  if (c->out.format != output_format::table) sink.encode_cached = make_cached_encoder(r);
  sink.write = [stream = *stream](std::string bytes) { return stream.write(std::move(bytes)); };
  sink.end = [stream = *stream] { stream.end(); };
  sink.error = [stream = *stream](std::string status_json) {
    stream.write("{\"type\":\"ERROR\",\"object\":" + status_json + "}\n");
    stream.end();
  };
  auto started = c->ctx->cache()->start_watch(std::move(wr), std::move(sink));
  if (!started) {
    // Selectors were checked above, so this is a server-side failure: report it in the stream.
    auto& e = started.error();
    stream->write("{\"type\":\"ERROR\",\"object\":" +
                  api_error{e.code, e.reason, e.message, nullptr}.status().dump() + "}\n");
    stream->end();
    return;
  }
  stream->on_close([handle = *started] { handle.cancel(); });
}

}  // namespace kactor::rest
