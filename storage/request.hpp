#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "storage/error.hpp"
#include "storage/types.hpp"

// Write requests. Every write is a transaction in etcd's sense: a list of compares that must
// all hold, then a list of operations applied all together at one new revision, or nothing.
// create/update/remove/put are the common shapes built from it.
namespace kactor::storage {

// A condition on the latest committed state of one key, checked before any operation runs.
struct compare {
  enum class kind : std::uint8_t {
    exists,        // the key is live; fails with not_found
    absent,        // the key is not live; fails with already_exists
    mod_revision,  // the key is live with this mod revision; not_found if absent, else conflict
  };

  std::string key;
  kind what = kind::exists;
  revision expected = 0;  // used by kind::mod_revision only
};

// One change applied when all compares hold.
struct operation {
  enum class kind : std::uint8_t {
    put,     // create or overwrite the key with `value`
    remove,  // delete the key; fails (the whole request) with not_found if it is not live
  };

  kind type = kind::put;
  std::string key;
  std::string value;  // put only
};

// A transaction: compares, then operations (at least one; each key at most once).
struct write_request {
  std::vector<compare> compares;
  std::vector<operation> ops;
};

// Create a key that must not be live (already_exists otherwise).
write_request create_request(std::string key, std::string value);

// Overwrite a live key (not_found otherwise); with `expected`, only if its mod revision is
// that (conflict otherwise).
write_request update_request(std::string key, std::string value,
                             std::optional<revision> expected = std::nullopt);

// Delete a live key (not_found otherwise); with `expected`, only if its mod revision is that.
write_request remove_request(std::string key, std::optional<revision> expected = std::nullopt);

// Create or overwrite, unconditionally (etcdctl put).
write_request put_request(std::string key, std::string value);

// Limits a request must respect; defaults are etcd's.
struct request_limits {
  // Largest key in bytes. LMDB keys are at most 511 bytes and history keys add 9.
  std::size_t max_key_bytes = 500;
  // Largest request (sum of keys and values of its operations), bytes. etcd: 1.5 MiB.
  std::size_t max_request_bytes = 1536 * 1024;
};

// Checks the shape of `req` without reading the store: every key non-empty, without NUL
// bytes and within the key limit (invalid); at least one operation and no key twice among
// the operations (invalid); total size within the limit (too_large).
status validate(const write_request& req, const request_limits& limits);

// The bytes a request occupies (keys and values of its operations), for batching decisions.
std::size_t request_bytes(const write_request& req);

}  // namespace kactor::storage
