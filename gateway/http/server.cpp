#include "gateway/http/server.hpp"

#include <caf/error.hpp>
#include <caf/sec.hpp>

#include <boost/asio/executor_work_guard.hpp>

#include "gateway/http/session.hpp"

namespace kactor::http {
namespace {

void accept_next(const std::shared_ptr<http_server::impl>& server) {
  server->acceptor.async_accept(
      asio::make_strand(server->ioc), [server](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || server->stopping || server->draining) return;
        if (!ec) {
          auto s = std::make_shared<session>(std::move(socket), server);
          {
            std::lock_guard<std::mutex> guard{server->mutex};
            std::erase_if(server->sessions, [](auto& w) { return w.expired(); });
            server->sessions.insert(s);
            ++server->open;
          }
          s->start();
        }
        // Accept errors (EMFILE ...) are transient: keep accepting.
        accept_next(server);
      });
}

caf::error listen_error(const config::http_config& cfg, const beast::error_code& ec) {
  return caf::make_error(
      caf::sec::cannot_open_port,
      "http: listen on " + cfg.bind_address + ":" + std::to_string(cfg.port) + ": " + ec.message());
}

std::vector<std::shared_ptr<session>> live_sessions(http_server::impl& server) {
  std::vector<std::shared_ptr<session>> out;
  std::lock_guard<std::mutex> guard{server.mutex};
  for (auto& w : server.sessions)
    if (auto s = w.lock()) out.push_back(std::move(s));
  return out;
}

}  // namespace

void http_server::impl::connection_closed() {
  {
    std::lock_guard<std::mutex> guard{mutex};
    --open;
  }
  open_changed.notify_all();
}

caf::expected<std::unique_ptr<http_server>> http_server::start(
    const config::http_config& cfg, std::shared_ptr<const router> routes) {
  auto state = std::make_shared<impl>();
  state->cfg = cfg;
  state->routes = std::move(routes);
  beast::error_code ec;
  auto address = asio::ip::make_address(cfg.bind_address, ec);
  if (ec) return listen_error(cfg, ec);
  tcp::endpoint endpoint{address, cfg.port};
  auto& acceptor = state->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); ec) return listen_error(cfg, ec);
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec)
    return listen_error(cfg, ec);
  if (acceptor.bind(endpoint, ec); ec) return listen_error(cfg, ec);
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec)
    return listen_error(cfg, ec);
  state->address = cfg.bind_address;
  state->port = acceptor.local_endpoint().port();
  accept_next(state);
  state->keep_running.emplace(state->ioc.get_executor());
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(cfg.threads, 1); ++i)
    state->threads.emplace_back([s = state.get()] { s->ioc.run(); });
  return std::make_unique<http_server>(std::move(state));
}

http_server::http_server(std::shared_ptr<impl> state) : impl_(std::move(state)) {}

http_server::~http_server() {
  stop();
}

std::uint16_t http_server::port() const {
  return impl_->port;
}

const std::string& http_server::address() const {
  return impl_->address;
}

std::size_t http_server::connections() const {
  std::lock_guard<std::mutex> guard{impl_->mutex};
  return impl_->open;
}

void http_server::drain(std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  if (impl_->stopping) return;
  impl_->draining = true;
  asio::post(impl_->acceptor.get_executor(), [s = impl_] {
    beast::error_code ec;
    s->acceptor.close(ec);
  });
  // A session accepted after this snapshot sees `draining` before its first read and closes.
  for (auto& s : live_sessions(*impl_))
    s->drain();
  {
    std::unique_lock<std::mutex> lock{impl_->mutex};
    impl_->open_changed.wait_until(lock, until, [&] { return impl_->open == 0; });
  }
  stop();
}

void http_server::stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->acceptor.get_executor(), [s = impl_] {
    beast::error_code ec;
    s->acceptor.close(ec);
  });
  auto open = live_sessions(*impl_);
  for (auto& s : open)
    s->close();
  open.clear();
  // Until now the guard kept the loop running, so every close above runs.
  impl_->keep_running.reset();
  // Closing ends every pending operation; the loop then runs out of work and its threads end.
  for (auto& t : impl_->threads)
    t.join();
  impl_->threads.clear();
  // Run what was queued meanwhile (answers posted just before stopping), so no queued handler
  // keeps a session, and through it this state, alive in a reference cycle.
  impl_->ioc.restart();
  impl_->ioc.poll();
}

}  // namespace kactor::http
