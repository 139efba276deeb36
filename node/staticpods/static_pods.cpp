#include "node/staticpods/static_pods.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <vector>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "k8s/core/v1/node.pb.h"
#include "node/staticpods/http_fetch.hpp"
#include "node/staticpods/static_manifests.hpp"

namespace kactor::node::staticpods {

namespace {

namespace fs = std::filesystem;
using file_tick = caf::atom_constant<caf::atom("sp_file")>;
using http_tick = caf::atom_constant<caf::atom("sp_http")>;
using k8s::core::v1::Pod;

constexpr std::uint64_t node_tag = 1;
constexpr std::uint64_t list_tag = 2;
constexpr std::uint64_t write_tag = 3;

struct sources_state {
  static_pods_options opts;
  std::shared_ptr<const apiclient::api_client> client;
  std::shared_ptr<spdlog::logger> log;
  std::map<std::string, std::string> file_texts;  // manifest file -> its text, as last read
  std::string http_text;                          // the URL's manifest as last fetched
  std::string node_uid;
  // Writes sent and not yet visible in a list: "create|ns/name" or "delete|uid" -> when sent.
  // Not repeated for a few seconds, so two reconciles in a row do not write twice.
  std::map<std::string, std::chrono::steady_clock::time_point> in_flight;
  bool syncing = false;  // a reconcile is waiting for the API
  bool again = false;    // a source changed while syncing: reconcile once more after it
};

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Every manifest file of the configured path, read now.
std::map<std::string, std::string> read_files(const fs::path& path) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    out[path.string()] = read_text(path);
    return out;
  }
  for (const auto& e : fs::directory_iterator(path, ec)) {
    auto ext = e.path().extension();
    if (e.is_regular_file(ec) && (ext == ".yaml" || ext == ".yml" || ext == ".json"))
      out[e.path().string()] = read_text(e.path());
  }
  return out;
}

// The mirror pods every source wants, by "namespace/name".
std::map<std::string, Pod> desired(sources_state& st) {
  std::map<std::string, Pod> out;
  std::vector<std::string> problems;
  auto add = [&](const std::string& text, const std::string& origin, const char* source) {
    for (auto& p : mirror_pods(text, origin, source, st.opts.node_name, st.node_uid, problems))
      out[p.metadata().namespace_() + "/" + p.metadata().name()] = std::move(p);
  };
  for (const auto& [file, text] : st.file_texts)
    add(text, file, "file");
  if (!st.http_text.empty()) add(st.http_text, st.opts.manifest_url, "http");
  for (const auto& p : problems)
    st.log->warn("static pods: {}", p);
  return out;
}

void start_sync(caf::event_based_actor* self, sources_state& st) {
  if (st.syncing) {
    st.again = true;
    return;
  }
  st.syncing = true;
  st.client->get({"", "nodes", "", st.opts.node_name},
                 apiclient::reply_to(caf::actor_cast<caf::actor>(self), node_tag));
}

void list_mirrors(caf::event_based_actor* self, sources_state& st) {
  bus::v1::ApiRequest req;
  req.set_method("GET");
  req.set_path("/api/v1/pods");
  req.set_query("fieldSelector=spec.nodeName%3D" + st.opts.node_name);
  st.client->call(req, apiclient::reply_to(caf::actor_cast<caf::actor>(self), list_tag));
}

// True when `key` was written less than a few seconds ago (else it is recorded as written now).
bool recently_sent(sources_state& st, const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::erase_if(st.in_flight,
                [&](const auto& kv) { return now - kv.second > std::chrono::seconds(5); });
  return !st.in_flight.emplace(key, now).second;
}

void reconcile(caf::event_based_actor* self, sources_state& st,
               const k8s::core::v1::PodList& list) {
  auto want = desired(st);
  auto ignore = apiclient::reply_to(caf::actor_cast<caf::actor>(self), write_tag);
  std::map<std::string, const Pod*> have;
  for (const auto& p : list.items())
    if (!mirror_hash(p).empty() && !p.metadata().has_deletiontimestamp())
      have[p.metadata().namespace_() + "/" + p.metadata().name()] = &p;
  // Writes the list already shows are done: forget them, so they can be repeated at once.
  std::set<std::string> seen_uids;
  for (const auto& p : list.items())
    seen_uids.insert(p.metadata().uid());
  std::erase_if(st.in_flight, [&](const auto& kv) {
    const auto& k = kv.first;
    if (k.starts_with("delete|")) return !seen_uids.count(k.substr(7));
    for (const auto& [key, pod] : have)
      if (k == "create|" + key + "|" + mirror_hash(*pod)) return true;
    return false;
  });
  for (const auto& [key, pod] : have) {
    auto it = want.find(key);
    if (it != want.end() && mirror_hash(it->second) == mirror_hash(*pod)) continue;
    if (recently_sent(st, "delete|" + pod->metadata().uid())) continue;
    st.log->info("static pods: deleting mirror pod {}", key);
    apiclient::delete_options d;
    d.precondition_uid = pod->metadata().uid();
    st.client->remove({"", "pods", pod->metadata().namespace_(), pod->metadata().name()}, d,
                      ignore);
  }
  for (const auto& [key, pod] : want) {
    if (have.count(key) || recently_sent(st, "create|" + key + "|" + mirror_hash(pod))) continue;
    st.log->info("static pods: creating mirror pod {}", key);
    st.client->create(pod, ignore);
  }
}

caf::behavior static_pods(caf::event_based_actor* self, std::shared_ptr<sources_state> st) {
  if (!st->opts.manifest_path.empty()) self->send(self, file_tick::value);
  if (!st->opts.manifest_url.empty()) self->send(self, http_tick::value);
  return {
      [self, st](file_tick) {
        self->delayed_send(self, st->opts.file_check_frequency, file_tick::value);
        st->file_texts = read_files(st->opts.manifest_path);
        start_sync(self, *st);
      },
      [self, st](http_tick) {
        self->delayed_send(self, st->opts.http_check_frequency, http_tick::value);
        auto fetched = http_get(st->opts.manifest_url, std::chrono::seconds(10));
        if (fetched)
          st->http_text = std::move(*fetched);
        else
          st->log->warn("static pods: {} (keeping the last manifest)", fetched.error().message);
        start_sync(self, *st);
      },
      [self, st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        if (tag == write_tag) {
          if (!r.ok() && !r.not_found() && !r.already_exists())
            st->log->warn("static pods: {}", r.describe());
          return;
        }
        if (tag == node_tag) {
          if (auto* node = dynamic_cast<k8s::core::v1::Node*>(r.object.get()))
            st->node_uid = node->metadata().uid();
          return list_mirrors(self, *st);
        }
        if (auto* list = dynamic_cast<k8s::core::v1::PodList*>(r.object.get()))
          reconcile(self, *st, *list);
        st->syncing = false;
        if (std::exchange(st->again, false)) start_sync(self, *st);
      },
  };
}

}  // namespace

caf::actor spawn_static_pods(caf::actor_system& sys, static_pods_options options,
                             std::shared_ptr<const apiclient::api_client> client,
                             std::shared_ptr<spdlog::logger> log) {
  auto st = std::make_shared<sources_state>();
  st->opts = std::move(options);
  st->client = std::move(client);
  st->log = log ? std::move(log) : spdlog::default_logger();
  return sys.spawn<caf::detached>(static_pods, st);
}

}  // namespace kactor::node::staticpods
