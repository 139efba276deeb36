#include "storage/cli/state_client.hpp"

#include "storage/state/state_verbs.hpp"

namespace kactor::store_cli {

state_client::state_client(std::shared_ptr<bus::connection> conn, std::chrono::milliseconds timeout)
    : conn_(std::move(conn)), timeout_(timeout) {}

caf::expected<std::string> state_client::send(std::string_view verb, const std::string& request) {
  return conn_->request_blocking(state::verbs::subject(verb), request, timeout_);
}

}  // namespace kactor::store_cli
