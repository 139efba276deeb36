#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace kactor::node::runtime::testing {

/// A fresh directory under /tmp, removed with its contents on destruction.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = "/tmp/kactor-runtime-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

}  // namespace kactor::node::runtime::testing
