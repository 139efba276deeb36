#include "gateway/rest/api_context.hpp"

#include <spdlog/spdlog.h>

namespace kactor::rest {

api_context::api_context(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
                         std::shared_ptr<watchcache::watch_cache> cache,
                         std::shared_ptr<spdlog::logger> log, rest_options options)
    : sys_(sys),
      types_(messages::registry::generated()),
      state_(sys, std::move(rpc), options.state_timeout),
      cache_(std::move(cache)),
      log_(log ? std::move(log) : spdlog::default_logger()),
      options_(std::move(options)) {}

void api_context::note_write(const std::string& group, const std::string& resource,
                             std::uint64_t revision) {
  std::lock_guard lock{marks_mutex_};
  auto& mark = marks_[group + "/" + resource];
  if (revision > mark) mark = revision;
}

std::uint64_t api_context::write_mark(const std::string& group, const std::string& resource) const {
  std::lock_guard lock{marks_mutex_};
  auto it = marks_.find(group + "/" + resource);
  return it == marks_.end() ? 0 : it->second;
}

}  // namespace kactor::rest
