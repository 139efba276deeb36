#include "node/runtime/proc_stat.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

using namespace kactor::node::runtime;

TEST_CASE("read_proc_stat reads this process and rejects a pid that cannot exist") {
  auto self = read_proc_stat(::getpid());
  REQUIRE(self.has_value());
  CHECK(self->ppid == ::getppid());
  CHECK(self->pgid == ::getpgrp());
  CHECK(self->start_ticks > 0);
  CHECK(same_process_alive(::getpid(), self->start_ticks));
  CHECK_FALSE(same_process_alive(::getpid(), self->start_ticks + 1));
  CHECK_FALSE(read_proc_stat(-1).has_value());
  CHECK_FALSE(read_proc_stat(0x7ffffff0).has_value());
}
