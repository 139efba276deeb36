#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

// Test helper: a fresh directory under $TMPDIR (or /tmp), removed with everything in it when
// the object goes out of scope, also when the test fails.
namespace kactor::storage::testing {

class temp_dir {
 public:
  temp_dir() {
    auto base = std::filesystem::temp_directory_path() / "kactor-storage-XXXXXX";
    std::string pattern = base.string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace kactor::storage::testing
