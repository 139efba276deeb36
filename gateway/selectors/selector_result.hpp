#pragma once

#include <cstddef>
#include <string>

#include "messages/basic_result.hpp"

namespace kactor::selectors {

/// A selector the API server refuses: `message` is Kubernetes' own text (the gateway answers
/// it as a 400 BadRequest Status), `position` the byte offset in the selector text where the
/// problem was found (0 when the selector did not come from text).
struct selector_error {
  std::string message;
  std::size_t position = 0;
};

/// Either a T or the selector_error that prevented it: the return type at this module's
/// boundary. Nothing in selectors/ throws to its callers.
template <class T>
using result = messages::basic_result<T, selector_error>;

}  // namespace kactor::selectors
