#pragma once

#include <atomic>
#include <functional>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "messages/result.hpp"

// One API object as an informer holds it: the stored bytes and the message decoded from them,
// both immutable and shared by the cache, its snapshots and every notification.
namespace kactor::informer {

struct cached_object {
  std::string ns;  // "" for cluster-scoped objects
  std::string name;
  std::uint64_t revision = 0;  // the store revision of its last change (its resourceVersion)
  // The binary protobuf of the object's own message, exactly as the state actor sent it: what
  // a watch cache forwards without re-encoding.
  std::string bytes;
  // The decoded message (never null), of the informer's type: what controllers read. Use as<T>.
  std::shared_ptr<const google::protobuf::Message> message;

  // The message as the generated class T, or null when the informer's type is not T.
  template <class T>
  const T* as() const {
    return dynamic_cast<const T*>(message.get());
  }

  // "namespace/name", or "name" for cluster-scoped objects (the key of client-go's caches).
  std::string key() const;

  // A text derived from the object (the gateway's JSON of it), made by the first caller of
  // derived_text() and shared by every later one, so serving the same object to many readers
  // encodes it once. Thread-safe; under a race `make` may run twice (both results equal).
  // Every caller must pass the same kind of `make` for one object.
  std::shared_ptr<const std::string> derived_text(
      const std::function<std::string(const google::protobuf::Message&)>& make) const;

 private:
  mutable std::atomic<std::shared_ptr<const std::string>> derived_;
};

using object_ptr = std::shared_ptr<const cached_object>;

// "namespace/name", or "name" when `ns` is empty.
std::string object_key(std::string_view ns, std::string_view name);

// The namespace and name in a message's `metadata` (field 1 of every API object, a
// k8s.meta.v1.ObjectMeta); nullopt when the message has no such field or no name.
struct object_identity {
  std::string ns;
  std::string name;
};
std::optional<object_identity> identity_of(const google::protobuf::Message& message);

// Decodes `bytes` as a message of `prototype`'s type. With empty `ns` and `name` they are read
// from the decoded metadata (list items carry only bytes). `lean`: keep neither the bytes nor
// metadata.managedFields (informer_options::lean). Fails with codec_errc::syntax when the bytes
// do not parse or no name is found.
messages::result<object_ptr> decode_object(const google::protobuf::Message& prototype,
                                           std::string bytes, std::uint64_t revision,
                                           std::string ns = {}, std::string name = {},
                                           bool lean = false);

// Clears metadata.managedFields of an API object (no-op for a message without metadata).
void strip_managed_fields(google::protobuf::Message& message);

}  // namespace kactor::informer
