#pragma once

#include <string_view>
#include <vector>

#include "messages/codec/document.hpp"
#include "messages/codec/from_json.hpp"
#include "messages/decoded_object.hpp"
#include "messages/registry.hpp"
#include "messages/result.hpp"

namespace kactor::messages {

/// Decodes one JSON object that names its own type (a request body, a manifest document):
/// reads "apiVersion" and "kind", finds the kind in the registry, and decodes the rest with
/// from_json (its errors and warnings apply). Errors: wrong_type for a non-object or a
/// non-string apiVersion/kind; missing_kind `Object 'Kind' is missing in '{...}'` (or
/// 'apiVersion'), quoting the object's JSON; unknown_kind `no matches for kind "Foo" in
/// version "v1"`.
result<decoded_object> decode_object(const json& value, const registry& types,
                                     const decode_options& options = {});

/// Decodes manifest text as `kubectl apply -f` feeds it: YAML or JSON, several documents,
/// empty documents skipped, a `kind: List` expanded into its items. With several documents,
/// an error names the failing one: `document 2: spec.replicas: expected integer, got string
/// "three" (line 19)`. `strict` is fieldValidation=Strict (see from_json).
result<std::vector<decoded_object>> decode_manifests(std::string_view text, const registry& types,
                                                     bool strict = false);

}  // namespace kactor::messages
