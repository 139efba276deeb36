#include "storage/state/state_verbs.hpp"

#include "actors/bus/subjects.hpp"

namespace kactor::state::verbs {

namespace {

std::string prefix() {
  return std::string(bus::subjects::root) + ".state.";
}

}  // namespace

std::string subject(std::string_view verb) {
  return prefix() + std::string(verb);
}

std::string_view verb_of(std::string_view subject) {
  static const std::string p = prefix();
  if (!subject.starts_with(p)) return {};
  auto verb = subject.substr(p.size());
  for (auto known : read_verbs)
    if (verb == known) return known;
  for (auto known : write_verbs)
    if (verb == known) return known;
  return {};
}

}  // namespace kactor::state::verbs
