#include "node/podio/log_files.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace kactor::node::podio {

namespace fs = std::filesystem;

long attempt_of(const fs::path& file) {
  if (file.extension() != ".log") return -1;
  auto stem = file.stem().string();
  long n = -1;
  auto [end, ec] = std::from_chars(stem.data(), stem.data() + stem.size(), n);
  return ec == std::errc() && end == stem.data() + stem.size() ? n : -1;
}

std::optional<fs::path> container_log(const fs::path& root, const std::string& ns,
                                      const std::string& pod, const std::string& container,
                                      bool previous) {
  std::error_code ec;
  std::optional<fs::path> pod_dir;
  fs::file_time_type newest{};
  auto prefix = ns + "_" + pod + "_";
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    auto name = entry.path().filename().string();
    if (!name.starts_with(prefix) || !entry.is_directory(ec)) continue;
    auto t = entry.last_write_time(ec);
    if (!pod_dir || t > newest) {
      pod_dir = entry.path();
      newest = t;
    }
  }
  if (!pod_dir) return std::nullopt;
  std::vector<std::pair<long, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(*pod_dir / container, ec))
    if (auto n = attempt_of(entry.path()); n >= 0) files.emplace_back(n, entry.path());
  if (files.empty()) return std::nullopt;
  std::sort(files.begin(), files.end());
  if (!previous) return files.back().second;
  if (files.size() < 2) return std::nullopt;
  return files[files.size() - 2].second;
}

}  // namespace kactor::node::podio
