#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <sys/types.h>

// The `kactor up` process bench_gateway measures: started on a free port with a fresh data
// directory, stopped with SIGTERM.
namespace kactor::bench::gateway {

class kactor_process {
 public:
  kactor_process() = default;
  ~kactor_process();  // stops it if still running, removes the data dir unless kept
  kactor_process(const kactor_process&) = delete;
  kactor_process& operator=(const kactor_process&) = delete;

  // Runs `binary up --data-dir <new dir under tmp_root> --port 0`, reads the HTTP port from its
  // ready line, then polls /readyz until 200. Returns "" on success, else why it failed (the
  // process is stopped again then). Waits at most 60 s.
  std::string start(const std::string& binary, const std::filesystem::path& tmp_root);

  // SIGTERM, then waits up to 30 s for the exit (SIGKILL after that). Returns the exit status
  // as `kactor up` documents it (0 clean), or -1 if it had to be killed. Idempotent.
  int stop();

  // Leaves the data dir (and its logs/kactor.log) in place for a post-mortem.
  void keep_data_dir() { keep_ = true; }

  pid_t pid() const { return pid_; }
  std::uint16_t port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  std::string wait_ready_line(int fd);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;  // read end of its stdout, open while it runs (no SIGPIPE on a late line)
  int exit_code_ = 0;
  std::uint16_t port_ = 0;
  std::filesystem::path data_dir_;
  bool keep_ = false;
};

}  // namespace kactor::bench::gateway
