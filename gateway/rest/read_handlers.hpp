#pragma once

#include <cstdint>
#include <functional>

#include "gateway/rest/rest_call.hpp"

// GET of one object and LIST of a collection, served from the watch cache.
namespace kactor::rest {

// Runs `then(true)` once the watch cache holds the scope's resource at `revision` or later
// (at once when it does), `then(false)` after the context's fresh_deadline.
void when_cache_has(const call_ptr& c, std::uint64_t revision, std::function<void(bool)> then);
// The same for any resource of the watch cache.
void when_cache_has(const api_context& ctx, const std::string& group, const std::string& resource,
                    std::uint64_t revision, std::function<void(bool)> then);

void handle_get(const call_ptr& c);
void handle_list(const call_ptr& c);

}  // namespace kactor::rest
