#pragma once

#include <chrono>

#include <caf/atom.hpp>
#include <caf/message.hpp>
#include <caf/scoped_actor.hpp>

// Test helpers for reading a caf::scoped_actor's mailbox with deadlines.
namespace kactor::testing {

// The next message in `self`'s mailbox, waiting at most `timeout`; an empty message when
// none arrived in time.
caf::message next_message(caf::scoped_actor& self, std::chrono::milliseconds timeout);

// Waits at most `timeout` for a message whose first element is `atom`, dropping every other
// message received meanwhile; an empty message when none arrived in time.
caf::message await_atom(caf::scoped_actor& self, caf::atom_value atom,
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));

// True when the first element of `msg` is `atom`.
bool starts_with(const caf::message& msg, caf::atom_value atom);

}  // namespace kactor::testing
