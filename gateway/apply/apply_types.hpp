#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "messages/basic_result.hpp"

namespace kactor::apply {

/// Who writes, and how: the request's side of a managedFields update.
struct apply_options {
  std::string manager;      ///< fieldManager (or the user-agent's default, e.g. "kubectl")
  bool force = false;       ///< apply only: take over fields other managers own instead of 409
  std::string api_version;  ///< the version the request was written in: "apps/v1", "v1"
  std::string now;          ///< the request's time, RFC 3339 seconds: "2026-01-02T03:04:05Z"
  std::string subresource;  ///< "" for the main resource, "status", "scale" ...
};

/// How the API server answers a failed apply; the gateway maps these to Status.
enum class apply_errc : std::uint8_t {
  conflict,     ///< 409 Conflict: fields owned by other managers; see apply_error::causes
  bad_request,  ///< 400 BadRequest: the configuration is not an applicable object
  invalid,      ///< 422 Invalid: the configuration does not fit the schema (list keys ...)
  internal,     ///< 500: the live object's managedFields cannot be decoded
};

/// One field that conflicts; the Status detail cause with reason "FieldManagerConflict".
struct conflict_cause {
  std::string field;    ///< ".spec.replicas"
  std::string message;  ///< `conflict with "kubectl" using apps/v1`
};

/// A failed apply: the code, Kubernetes' message (for conflicts e.g. `Apply failed with 1
/// conflict: conflict with "kubectl" using apps/v1: .spec.replicas`) and the causes.
struct apply_error {
  apply_errc code = apply_errc::bad_request;
  std::string message;
  std::vector<conflict_cause> causes;
};

/// Either a T or the apply_error that prevented it; nothing in apply/ throws to callers.
template <class T>
using result = messages::basic_result<T, apply_error>;

}  // namespace kactor::apply
