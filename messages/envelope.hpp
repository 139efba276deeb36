#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "messages/decoded_object.hpp"
#include "messages/registry.hpp"
#include "messages/result.hpp"

namespace kactor::messages {

/// The four bytes that start every Kubernetes protobuf body
/// (Content-Type application/vnd.kubernetes.protobuf).
inline constexpr std::string_view protobuf_magic{"k8s\0", 4};

/// Encodes `message` as Kubernetes does: protobuf_magic + runtime.Unknown{typeMeta{apiVersion,
/// kind}, raw = the message's bytes}. Fails with unknown_kind for a type the registry does
/// not know.
result<std::string> encode_envelope(const google::protobuf::Message& message,
                                    const registry& types);

/// The same with an explicit TypeMeta (e.g. a kind served under another version).
std::string encode_envelope(const google::protobuf::Message& message, const type_meta& meta);

/// Decodes a Kubernetes protobuf body and normalizes it (normalize_go_protobuf). Errors:
/// bad_envelope (`not a Kubernetes protobuf body: missing the "k8s\0" prefix`, an unparsable
/// envelope or object, a content encoding), missing_kind (no kind or apiVersion in typeMeta),
/// unknown_kind (`no matches for kind "Foo" in version "v1"`). Unknown protobuf fields are
/// kept in the message and reported as warnings.
result<decoded_object> decode_envelope(std::string_view bytes, const registry& types);

/// Turns what Go's gogo-protobuf writes into what the codec means: Go writes every
/// non-pointer scalar even when it holds "", 0 or false, and zero Times as empty messages.
/// Recursively clears every scalar field holding its zero value unless it carries
/// `(kactor.pointer) = true`, and every empty Time, MicroTime, Duration, Quantity,
/// IntOrString and RawExtension-like (RAW) message unless its field is a pointer. So
/// `replicas: 0` (a pointer) survives and `generateName: ""` disappears. Empty plain
/// messages (`spec: {}`) are kept: Kubernetes writes them too.
void normalize_go_protobuf(google::protobuf::Message& message);

}  // namespace kactor::messages
