#include "storage/state/state_verbs.hpp"

#include <doctest/doctest.h>

#include "actors/bus/subjects.hpp"

namespace kactor::state {

TEST_CASE("the verbs of bus.proto use the subjects of subjects.hpp") {
  namespace subjects = bus::subjects;
  using subjects::state_verb;
  CHECK(verbs::subject(verbs::get) == subjects::state(state_verb::get));
  CHECK(verbs::subject(verbs::list) == subjects::state(state_verb::list));
  CHECK(verbs::subject(verbs::create) == subjects::state(state_verb::create));
  CHECK(verbs::subject(verbs::update) == subjects::state(state_verb::update));
  CHECK(verbs::subject(verbs::remove) == subjects::state(state_verb::remove));
  CHECK(verbs::subject(verbs::txn) == subjects::state(state_verb::txn));
  CHECK(verbs::subject(verbs::watch_from) == subjects::state(state_verb::watch_from));
  CHECK(verbs::subject(verbs::compact) == subjects::state(state_verb::compact));
  CHECK(verbs::subject(verbs::status) == subjects::state(state_verb::status));
  CHECK(verbs::subject(verbs::range) == "kactor.v1.state.range");
  CHECK(verbs::subject(verbs::history) == "kactor.v1.state.history");
}

TEST_CASE("verb_of parses state subjects only") {
  CHECK(verbs::verb_of("kactor.v1.state.watch-from") == verbs::watch_from);
  CHECK(verbs::verb_of("kactor.v1.state.history") == verbs::history);
  CHECK(verbs::verb_of("kactor.v1.state.nope").empty());
  CHECK(verbs::verb_of("kactor.v1.events.core.pods.a.b").empty());
}

}  // namespace kactor::state
