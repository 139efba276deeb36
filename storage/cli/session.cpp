#include "storage/cli/session.hpp"

#include <cctype>
#include <fstream>
#include <ostream>
#include <sstream>

#include <caf/actor_system_config.hpp>

#include "messages/registry.hpp"
#include "storage/cli/commands.hpp"

namespace kactor::store_cli {

session::session(const store_cli_options& opts, std::ostream& o, std::ostream& e)
    : options(opts), out(o), err(e), keys_(messages::registry::generated()) {}

session::~session() {
  client_.reset();
  if (conn_) conn_->close();
  conn_.reset();
  owner_.reset();
}

caf::expected<std::string> session::url() const {
  if (!options.nats_url.empty()) return options.nats_url;
  if (options.data_dir.empty())
    return bus::make_error(bus::errc::invalid_argument,
                           "give --nats URL, or --data-dir DIR of a cluster started with "
                           "`kactor up` (it writes DIR/nats-url)");
  auto file = options.data_dir / "nats-url";
  std::ifstream in(file);
  std::string text;
  if (!in || !std::getline(in, text))
    return bus::make_error(bus::errc::unavailable,
                           "cannot read " + file.string() + ": is the cluster running?");
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.pop_back();
  return text;
}

caf::actor_system& session::system() {
  if (!sys_) {
    cfg_ = std::make_unique<caf::actor_system_config>();
    sys_ = std::make_unique<caf::actor_system>(*cfg_);
  }
  return *sys_;
}

caf::expected<state_client*> session::client() {
  if (client_) return client_.get();
  auto where = url();
  if (!where) return where.error();
  owner_ = std::make_unique<caf::scoped_actor>(system());
  bus::connection_options opts;
  opts.url = *where;
  opts.name = "kactor-store";
  opts.low_latency = true;
  opts.retry_initial_connect = false;
  opts.max_reconnects = 0;
  auto conn = bus::connection::open(opts, caf::actor_cast<caf::actor>(*owner_));
  if (!conn) return conn.error();
  conn_ = *conn;
  client_ = std::make_unique<state_client>(conn_, options.timeout);
  return client_.get();
}

int session::fail(const std::string& message, int code) {
  err << "kactor store: " << message << "\n";
  return code;
}

int session::fail(std::string_view verb, const caf::error& e) {
  auto text = bus::describe(e);
  if (bus::code_of(e) == bus::errc::no_responders) text += " (is the state actor running?)";
  return fail(std::string(verb) + ": " + text);
}

bool session::failed(const bus::v1::Error& error) {
  if (error.code() == bus::v1::Error::CODE_UNSPECIFIED) return false;
  fail(code_name(error.code()) + ": " + error.message());
  return true;
}

bus::v1::ObjectRef wire_ref(const state::object_ref& ref) {
  bus::v1::ObjectRef out;
  out.set_group(ref.group);
  out.set_resource(ref.resource);
  out.set_namespace_(ref.ns);
  out.set_name(ref.name);
  return out;
}

std::string code_name(bus::v1::Error::Code code) {
  return bus::v1::Error::Code_Name(code);
}

}  // namespace kactor::store_cli
