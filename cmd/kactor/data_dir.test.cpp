#include "cmd/kactor/data_dir.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <caf/message.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kactor::cmd;

namespace {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    char tmpl[] = "/tmp/kactor-dir-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the first lock creates the directories and records the pid; a second lock fails") {
  temp_dir tmp;
  auto dir = tmp.path / "data";
  auto first = data_dir_lock::acquire(dir);
  REQUIRE(first);
  CHECK(std::filesystem::is_directory(dir / "logs"));
  CHECK(read_file(dir / "kactor.lock") == std::to_string(::getpid()) + "\n");
  auto second =
      data_dir_lock::acquire(dir);  // flock conflicts between open files, even in one process
  REQUIRE_FALSE(second);
  CHECK(second.error().context().get_as<std::string>(0) ==
        "data dir " + dir.string() + " is in use by another kactor (pid " +
            std::to_string(::getpid()) + ", lock " + (dir / "kactor.lock").string() + ")");
}

TEST_CASE("the lock is released with its owner") {
  temp_dir tmp;
  {
    auto first = data_dir_lock::acquire(tmp.path);
    REQUIRE(first);
  }
  auto again = data_dir_lock::acquire(tmp.path);
  CHECK(again);
}

TEST_CASE("a directory that cannot be created is an error") {
  temp_dir tmp;
  std::ofstream{tmp.path / "file"} << "x";
  auto lock = data_dir_lock::acquire(tmp.path / "file" / "sub");
  REQUIRE_FALSE(lock);
  CHECK(lock.error().context().get_as<std::string>(0).find("cannot create it") !=
        std::string::npos);
}

TEST_CASE("write_file_atomically replaces the content and leaves no temporary") {
  temp_dir tmp;
  auto file = tmp.path / "nats-url";
  CHECK_FALSE(write_file_atomically(file, "nats://127.0.0.1:1\n"));
  CHECK_FALSE(write_file_atomically(file, "nats://127.0.0.1:2\n"));
  CHECK(read_file(file) == "nats://127.0.0.1:2\n");
  CHECK_FALSE(std::filesystem::exists(tmp.path / "nats-url.tmp"));
  CHECK(write_file_atomically(tmp.path / "missing" / "x", "y"));
}
