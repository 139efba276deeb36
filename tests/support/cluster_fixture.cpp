#include "tests/support/cluster_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <future>
#include <iterator>
#include <stdexcept>
#include <thread>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/bus/events.hpp"

namespace kactor::testing {

namespace {

constexpr auto start_timeout = std::chrono::seconds(60);
constexpr auto stop_timeout = std::chrono::seconds(20);

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p};
  return {std::istreambuf_iterator<char>{in}, {}};
}

// The text between `prefix` and the next `end` character in `line`; "" when absent.
std::string between(const std::string& line, const std::string& prefix, char end) {
  auto at = line.find(prefix);
  if (at == std::string::npos) return {};
  at += prefix.size();
  auto stop = line.find(end, at);
  return stop == std::string::npos ? std::string() : line.substr(at, stop - at);
}

}  // namespace

cluster_fixture::cluster_fixture(std::vector<std::string> extra_args) {
  char pattern[] = "/tmp/kactor-cluster-XXXXXX";
  if (!::mkdtemp(pattern))
    throw std::runtime_error(std::string("cluster_fixture: mkdtemp: ") + std::strerror(errno));
  dir_ = pattern;
  owner_ = sys.spawn([](caf::event_based_actor* self) -> caf::behavior {
    self->set_default_handler(caf::drop);
    return {[](bus::up_atom, const std::string&) {}};
  });
  spawn(extra_args);
  try {
    wait_for_ready_line();
  } catch (...) {
    stop_child();
    throw;
  }
}

cluster_fixture::~cluster_fixture() {
  clients_.clear();
  for (auto& c : connections_)
    c->close();
  connections_.clear();
  caf::anon_send_exit(owner_, caf::exit_reason::user_shutdown);
  stop_child();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void cluster_fixture::spawn(const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {KACTOR_BINARY, "up", "--data-dir", (dir_ / "data").string(),
                                   "--port",      "0",  "--roles",    "state,gateway"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto out_path = (dir_ / "output.log").string();
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("cluster_fixture: fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    if (out >= 0) {
      ::dup2(out, STDOUT_FILENO);
      ::dup2(out, STDERR_FILENO);
    }
    if (in >= 0) ::dup2(in, STDIN_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
}

void cluster_fixture::wait_for_ready_line() {
  auto deadline = std::chrono::steady_clock::now() + start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("cluster_fixture: kactor up exited during start:\n" + output_tail());
    }
    auto text = read_file(dir_ / "output.log");
    auto at = text.find("kactor up: ready (");
    if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
      auto line = text.substr(at, text.find('\n', at) - at);
      api_address_ = between(line, "(http ", ',');
      nats_url_ = between(line, ", bus ", ',');
      if (api_address_.empty() || nats_url_.empty())
        throw std::runtime_error("cluster_fixture: unexpected ready line: " + line);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("cluster_fixture: no ready line within 60 s:\n" + output_tail());
}

std::string cluster_fixture::output_tail() const {
  auto text = read_file(dir_ / "output.log");
  return text.size() > 4000 ? text.substr(text.size() - 4000) : text;
}

void cluster_fixture::stop_child() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + stop_timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::shared_ptr<bus::connection> cluster_fixture::open(bool low_latency) {
  bus::connection_options opts;
  opts.url = nats_url_;
  opts.name = "kactor-test";
  opts.low_latency = low_latency;
  auto conn = bus::connection::open(opts, owner_);
  if (!conn) throw std::runtime_error("cluster_fixture: bus: " + bus::describe(conn.error()));
  connections_.push_back(*conn);
  return *conn;
}

std::shared_ptr<apiclient::api_client> cluster_fixture::client(const std::string& user_agent) {
  for (auto& [agent, c] : clients_)
    if (agent == user_agent) return c;
  auto c = std::make_shared<apiclient::api_client>(sys, open(true), user_agent);
  clients_.emplace_back(user_agent, c);
  return c;
}

apiclient::api_reply cluster_fixture::call(
    const std::function<void(apiclient::api_client::callback)>& start,
    std::chrono::milliseconds timeout) {
  auto promise = std::make_shared<std::promise<apiclient::api_reply>>();
  auto future = promise->get_future();
  start([promise](apiclient::api_reply r) { promise->set_value(std::move(r)); });
  if (future.wait_for(timeout) != std::future_status::ready) {
    apiclient::api_reply r;
    r.reason = "Timeout";
    r.message = "cluster_fixture: no reply in time";
    return r;
  }
  return future.get();
}

bool cluster_fixture::eventually(const std::function<bool()>& predicate,
                                 std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() >= deadline) return predicate();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace kactor::testing
