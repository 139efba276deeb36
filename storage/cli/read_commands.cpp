#include <chrono>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "kactor/state.pb.h"
#include "storage/cli/commands.hpp"
#include "storage/cli/object_output.hpp"
#include "storage/state/state_verbs.hpp"

namespace kactor::store_cli {

namespace v1 = kactor::bus::v1;
namespace verbs = state::verbs;

namespace {

// "1.5 MiB (1572864 bytes)"
std::string human_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  std::ostringstream text;
  text << std::fixed << std::setprecision(unit == 0 ? 0 : 1) << value << " " << units[unit] << " ("
       << bytes << " bytes)";
  return text.str();
}

}  // namespace

std::optional<state::key_info> object_key(session& s, const std::string& key) {
  auto info = s.keys().parse_key(key);
  if (!info)
    s.fail("\"" + key +
               "\" is not an object key: expected /registry/<resource>/<namespace>/<name> " +
               "or /registry/<resource>/<name> for a cluster-scoped resource",
           2);
  return info;
}

int run_get(session& s) {
  auto info = object_key(s, s.options.key);
  if (!info) return 2;
  auto client = s.client();
  if (!client) return s.fail(verbs::get, client.error());
  v1::GetRequest req;
  *req.mutable_ref() = wire_ref(info->ref);
  req.set_revision(s.options.revision);
  auto reply = (*client)->call<v1::GetReply>(verbs::get, req);
  if (!reply) return s.fail(verbs::get, reply.error());
  if (s.failed(reply->error())) return 1;
  if (!print_object(s.out, s.keys().types(), *info->resource, reply->object(), s.options.output))
    return s.fail("the stored object does not parse as " + info->resource->kind);
  return 0;
}

int run_ls(session& s) {
  auto client = s.client();
  if (!client) return s.fail(verbs::range, client.error());
  v1::RangeRequest req;
  req.set_prefix(s.options.key);
  req.set_revision(s.options.revision);
  req.set_keys_only(true);
  do {
    auto reply = (*client)->call<v1::RangeReply>(verbs::range, req);
    if (!reply) return s.fail(verbs::range, reply.error());
    if (s.failed(reply->error())) return 1;
    for (const auto& kv : reply->kvs())
      s.out << kv.key() << "\n";
    req.set_revision(0);  // the continue token carries the listing's revision
    req.set_continue_token(reply->continue_token());
  } while (!req.continue_token().empty());
  return 0;
}

int run_history(session& s) {
  auto info = object_key(s, s.options.key);
  if (!info) return 2;
  auto client = s.client();
  if (!client) return s.fail(verbs::history, client.error());
  v1::HistoryRequest req;
  *req.mutable_ref() = wire_ref(info->ref);
  auto reply = (*client)->call<v1::HistoryReply>(verbs::history, req);
  if (!reply) return s.fail(verbs::history, reply.error());
  if (s.failed(reply->error())) return 1;
  if (reply->entries_size() == 0) {
    s.out << "no versions of " << s.options.key << " since revision " << reply->compacted_revision()
          << "\n";
    return 0;
  }
  for (const auto& entry : reply->entries()) {
    if (entry.deleted()) {
      s.out << "revision " << entry.mod_revision() << ": deleted\n";
      continue;
    }
    s.out << "revision " << entry.mod_revision() << ": version " << entry.version()
          << " (created at revision " << entry.create_revision() << ")\n";
    print_object(s.out, s.keys().types(), *info->resource, entry.object(), s.options.output);
  }
  return 0;
}

int run_status(session& s) {
  auto client = s.client();
  if (!client) return s.fail(verbs::status, client.error());
  auto reply = (*client)->call<v1::StatusReply>(verbs::status, v1::StatusRequest{});
  if (!reply) return s.fail(verbs::status, reply.error());
  if (s.failed(reply->error())) return 1;
  s.out << "revision:           " << reply->revision() << "\n"
        << "compacted revision: " << reply->compacted_revision() << "\n"
        << "db size:            " << human_bytes(reply->db_size_bytes()) << "\n"
        << "objects:            " << reply->keys() << "\n"
        << "version:            " << reply->version() << "\n"
        << "epoch:              " << reply->epoch() << "\n";
  return 0;
}

int run_endpoint_health(session& s) {
  auto where = s.url();
  if (!where) return s.fail(bus::describe(where.error()), 2);
  auto started = std::chrono::steady_clock::now();
  auto client = s.client();
  caf::expected<v1::StatusReply> reply =
      client ? (*client)->call<v1::StatusReply>(verbs::status, v1::StatusRequest{})
             : caf::expected<v1::StatusReply>(client.error());
  if (!reply || reply->error().code() != v1::Error::CODE_UNSPECIFIED) {
    auto why = !reply ? bus::describe(reply.error())
                      : code_name(reply->error().code()) + ": " + reply->error().message();
    s.out << *where << " is unhealthy: " << why << "\n";
    return 1;
  }
  auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  s.out << *where << " is healthy: the state actor answered in " << std::fixed
        << std::setprecision(1) << took.count() << " ms (revision " << reply->revision() << ")\n";
  return 0;
}

}  // namespace kactor::store_cli
