#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <caf/error.hpp>

// Errors of starting the state role, as caf::error values of category `state` with a message
// for the operator ("state: open /var/lib/kactor/state: corrupt: data.mdb is not an LMDB file").
namespace kactor::state {

constexpr caf::atom_value error_category = caf::atom("state");

enum class errc : std::uint8_t {
  invalid_options = 1,  // a bad option: fix the configuration
  store,  // the store cannot be opened (corrupt, foreign, unreadable): operator action
  bus,    // the bus connections cannot be set up (bad URL or options)
};

caf::error make_error(errc code, std::string message);

// The code of a state error; nullopt for other errors and for no error.
std::optional<errc> code_of(const caf::error& err);

// The message of a state error; CAF's rendering of any other; "" for no error.
std::string describe(const caf::error& err);

}  // namespace kactor::state
