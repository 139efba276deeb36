#include "gateway/watchcache/watch_request.hpp"

#include <caf/send.hpp>

namespace kactor::watchcache {

void watch_handle::cancel() const {
  if (actor_) caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown);
}

}  // namespace kactor::watchcache
