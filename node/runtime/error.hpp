#pragma once

#include <string>

#include "messages/basic_result.hpp"

namespace kactor::node::runtime {

/// What the caller should do about a failed runtime call.
enum class error_code {
  invalid,              ///< the request is malformed; retrying the same request fails again
  not_found,            ///< no sandbox or container with that id
  failed_precondition,  ///< wrong state for the call (e.g. starting a running container)
  unsupported,          ///< this runtime cannot run the container (e.g. no command)
  start_failed,         ///< the process could not be started (exec failed, bad working dir)
  internal,             ///< an OS call failed unexpectedly; retry later
};

/// A failed runtime call. `reason` is a CamelCase word the kubelet may show as a container's
/// waiting reason ("NoCommand", "StartError"); `message` is a sentence for people.
struct runtime_error {
  error_code code = error_code::internal;
  std::string reason;
  std::string message;
};

/// Either a T or the runtime_error that prevented it.
template <class T>
using result = messages::basic_result<T, runtime_error>;

}  // namespace kactor::node::runtime
