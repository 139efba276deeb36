#include "gateway/watchcache/watch_filter.hpp"

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace wc = kactor::watchcache;
namespace inf = kactor::informer;
using kactor::informer::change_type;

namespace {

inf::object_ptr config_map(const std::string& ns, const std::string& name, std::uint64_t rev,
                           std::map<std::string, std::string> labels = {}) {
  auto cm = std::make_shared<k8s::core::v1::ConfigMap>();
  cm->mutable_metadata()->set_name(name);
  cm->mutable_metadata()->set_namespace_(ns);
  cm->mutable_metadata()->set_resourceversion(std::to_string(rev));
  for (auto& [k, v] : labels)
    (*cm->mutable_metadata()->mutable_labels())[k] = v;
  auto obj = std::make_shared<inf::cached_object>();
  obj->ns = ns;
  obj->name = name;
  obj->revision = rev;
  obj->bytes = cm->SerializeAsString();
  obj->message = cm;
  return obj;
}

wc::watch_filter filter_of(const wc::watch_request& req) {
  auto f = wc::watch_filter::make(req, k8s::core::v1::ConfigMap::descriptor());
  REQUIRE(f);
  return *f;
}

wc::watch_request web_in(const std::string& ns) {
  wc::watch_request req;
  req.ns = ns;
  auto labels = kactor::selectors::parse_label_selector("app=web");
  REQUIRE(labels);
  req.labels = *labels;
  return req;
}

}  // namespace

TEST_CASE("watch_filter: namespace, name, labels and fields") {
  auto all = filter_of({});
  CHECK(all.matches(*config_map("a", "x", 1)));

  auto f = filter_of(web_in("a"));
  CHECK(f.matches(*config_map("a", "x", 1, {{"app", "web"}})));
  CHECK_FALSE(f.matches(*config_map("b", "x", 1, {{"app", "web"}})));
  CHECK_FALSE(f.matches(*config_map("a", "x", 1, {{"app", "db"}})));
  CHECK_FALSE(f.matches(*config_map("a", "x", 1)));

  wc::watch_request named;
  named.name = "x";
  CHECK(filter_of(named).matches(*config_map("b", "x", 1)));
  CHECK_FALSE(filter_of(named).matches(*config_map("b", "y", 1)));

  wc::watch_request fields;
  fields.fields = kactor::selectors::field_selector({{"metadata.name", true, "x"}});
  CHECK_FALSE(filter_of(fields).matches(*config_map("b", "x", 1)));
  CHECK(filter_of(fields).matches(*config_map("b", "y", 1)));
}

TEST_CASE("watch_filter: a field the kind does not support is a 400") {
  wc::watch_request req;
  req.fields = kactor::selectors::field_selector({{"spec.nodeName", false, "n"}});
  auto bad = wc::watch_filter::make(req, k8s::core::v1::ConfigMap::descriptor());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == 400);
  CHECK(bad.error().reason == "BadRequest");
  CHECK(wc::watch_filter::make(req, k8s::core::v1::Pod::descriptor()));
}

TEST_CASE("watch_filter: transitions through a selector") {
  auto f = filter_of(web_in(""));
  auto web1 = config_map("a", "x", 1, {{"app", "web"}});
  auto web2 = config_map("a", "x", 2, {{"app", "web"}});
  auto db3 = config_map("a", "x", 3, {{"app", "db"}});
  auto db4 = config_map("a", "x", 4, {{"app", "db"}});

  auto added = f.classify(change_type::added, web1, nullptr, 1);
  REQUIRE(added);
  CHECK(added->type == wc::event_type::added);
  CHECK(added->object == web1);

  CHECK_FALSE(f.classify(change_type::added, db3, nullptr, 3));

  auto modified = f.classify(change_type::updated, web2, web1, 2);
  REQUIRE(modified);
  CHECK(modified->type == wc::event_type::modified);
  CHECK(modified->object == web2);

  // Leaves the selector: its previous state, at the change's revision.
  auto left = f.classify(change_type::updated, db3, web2, 3);
  REQUIRE(left);
  CHECK(left->type == wc::event_type::deleted);
  CHECK(left->object == web2);
  CHECK(left->revision == 3);

  CHECK_FALSE(f.classify(change_type::updated, db4, db3, 4));

  auto entered = f.classify(change_type::updated, web1, db4, 5);
  REQUIRE(entered);
  CHECK(entered->type == wc::event_type::added);

  // Deleted: the deleted object, judged by its previous state.
  auto gone = config_map("a", "x", 6, {{"app", "web"}});
  auto deleted = f.classify(change_type::deleted, gone, web1, 6);
  REQUIRE(deleted);
  CHECK(deleted->type == wc::event_type::deleted);
  CHECK(deleted->object == gone);
  CHECK_FALSE(f.classify(change_type::deleted, db4, db3, 7));
  // Without a previous state (a relist found it gone), its last state decides.
  auto relisted = f.classify(change_type::deleted, web1, nullptr, 8);
  REQUIRE(relisted);
  CHECK(relisted->type == wc::event_type::deleted);
}

TEST_CASE("watch_filter: resourceVersion helpers") {
  auto obj = config_map("a", "x", 7);
  CHECK(wc::resource_version_of(*obj->message) == "7");
  auto stamped = wc::with_resource_version(*obj->message, 42);
  CHECK(wc::resource_version_of(*stamped) == "42");
  CHECK(wc::resource_version_of(*obj->message) == "7");  // the cached object is untouched
  auto labelled = config_map("a", "x", 1, {{"k", "v"}});
  const auto* labels = wc::labels_of(*labelled->message);
  REQUIRE(labels);
  CHECK(labels->at("k") == "v");
  CHECK(wc::to_string(wc::event_type::modified) == "MODIFIED");
}
