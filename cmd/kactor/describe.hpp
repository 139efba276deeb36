#pragma once

#include <string>

#include <caf/error.hpp>

namespace kactor::cmd {

// The message of an error made with a single string as its context (how kactor's modules
// make them: "http: listen on 127.0.0.1:6443: Address already in use"); CAF's rendering
// for any other error.
std::string describe(const caf::error& err);

}  // namespace kactor::cmd
