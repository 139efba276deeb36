#include "gateway/rest/namespace_check.hpp"

#include "gateway/rest/read_handlers.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "k8s/core/v1/namespace.pb.h"

namespace kactor::rest {

void check_namespace_open(const call_ptr& c, const std::string& ns, const std::string& name,
                          std::function<void(std::optional<api_error>)> done) {
  if (ns.empty() || !c->scope.resource->namespaced) return done(std::nullopt);
  auto check = [c, ns, name, done](bool) {
    auto snap = c->ctx->cache()->snapshot("", "namespaces");
    auto obj = snap ? snap->get_as<k8s::core::v1::Namespace>(ns) : nullptr;
    if (!obj) return done(not_found({"", "namespaces"}, ns));
    if (obj->metadata().has_deletiontimestamp() || obj->status().phase() == "Terminating") {
      return done(forbidden(
          c->scope.qualified(), name,
          "unable to create new content in namespace " + ns + " because it is being terminated"));
    }
    done(std::nullopt);
  };
  when_cache_has(*c->ctx, "", "namespaces", c->ctx->write_mark("", "namespaces"), check);
}

}  // namespace kactor::rest
