#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <caf/scoped_actor.hpp>

#include "kactor/bus.pb.h"
#include "storage/cli/state_client.hpp"
#include "storage/cli/store_cli.hpp"
#include "storage/state/keys.hpp"

// What one `kactor store` command works with: its options and output streams, the key layout,
// and (made on first use) an actor system and a bus connection to the state actor.
namespace kactor::store_cli {

class session {
 public:
  session(const store_cli_options& options, std::ostream& out, std::ostream& err);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  const store_cli_options& options;
  std::ostream& out;
  std::ostream& err;

  const state::key_space& keys() const { return keys_; }

  // The bus URL: --nats, else the content of <data-dir>/nats-url. An error names what is
  // missing.
  caf::expected<std::string> url() const;

  // The actor system (created on first use).
  caf::actor_system& system();

  // Connects on first use (failing at once when no server answers). Errors are bus errors.
  caf::expected<state_client*> client();

  // Prints "kactor store: <message>" to err and returns `code`.
  int fail(const std::string& message, int code = 1);
  // Prints a transport failure ("kactor store: status: nats: ... timeout") and returns 1.
  int fail(std::string_view verb, const caf::error& err);
  // When `error` is set (a failed command), prints "kactor store: <CODE>: <message>" and
  // returns true.
  bool failed(const bus::v1::Error& error);

 private:
  state::key_space keys_;
  std::unique_ptr<caf::actor_system_config> cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::unique_ptr<caf::scoped_actor> owner_;  // receives the connection's events
  std::shared_ptr<bus::connection> conn_;
  std::unique_ptr<state_client> client_;
};

// The name of a reply error code ("NOT_FOUND").
std::string code_name(bus::v1::Error::Code code);

}  // namespace kactor::store_cli
