#include "actors/informer/informer.hpp"

#include <google/protobuf/message.h>
#include <caf/all.hpp>

#include "actors/informer/informer_actor.hpp"
#include "messages/registry.hpp"

namespace kactor::informer {
namespace {

caf::error invalid(std::string message) {
  return caf::make_error(caf::sec::invalid_argument, "informer: " + std::move(message));
}

}  // namespace

const google::protobuf::Descriptor* registered_type(std::string_view group,
                                                    std::string_view resource) {
  // resources() lists newer versions of a group first.
  for (const auto& r : messages::registry::generated().resources())
    if (r.group == group && r.plural == resource) return r.descriptor;
  return nullptr;
}

caf::expected<caf::actor> spawn_informer(caf::actor_system& sys, informer_options options,
                                         informer_deps deps) {
  if (options.resource.empty()) return invalid("resource is empty");
  if (options.page_size == 0) return invalid("page_size must be positive");
  if (options.request_timeout.count() <= 0) return invalid("request_timeout must be positive");
  if (options.retry_min.count() <= 0 || options.retry_max < options.retry_min)
    return invalid("retry_min must be positive and at most retry_max");
  if (!deps.events || !deps.rpc || !deps.cache)
    return invalid("events, rpc and cache are required");
  const auto* type = options.type ? options.type : registered_type(options.group, options.resource);
  if (!type)
    return invalid("no registered type for group \"" + options.group + "\" resource \"" +
                   options.resource + "\"");
  const auto* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (!prototype) return invalid("no generated class for " + type->full_name());
  return sys.spawn<informer_actor>(std::move(options), std::move(deps), prototype);
}

}  // namespace kactor::informer
