#include "tests/support/mailbox.hpp"

#include <caf/after.hpp>
#include <caf/others.hpp>
#include <caf/result.hpp>

namespace kactor::testing {

caf::message next_message(caf::scoped_actor& self, std::chrono::milliseconds timeout) {
  caf::message result;
  self->receive(
      caf::others >> [&](caf::message_view& x) -> caf::result<caf::message> {
        result = x.move_content_to_message();
        return caf::message{};
      },
      caf::after(timeout) >> [] {});
  return result;
}

bool starts_with(const caf::message& msg, caf::atom_value atom) {
  return !msg.empty() && msg.match_element<caf::atom_value>(0) &&
         msg.get_as<caf::atom_value>(0) == atom;
}

caf::message await_atom(caf::scoped_actor& self, caf::atom_value atom,
                        std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return {};
    auto msg = next_message(self, left);
    if (msg.empty()) return {};
    if (starts_with(msg, atom)) return msg;
  }
}

}  // namespace kactor::testing
