#include "node/staticpods/http_fetch.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace kactor::node::staticpods {

namespace beast = boost::beast;
namespace asio = boost::asio;

messages::basic_result<std::string, fetch_error> http_get(const std::string& url,
                                                          std::chrono::milliseconds timeout) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) return fetch_error{"only http:// URLs are supported: " + url};
  auto rest = url.substr(scheme.size());
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  auto target = slash == std::string::npos ? std::string("/") : rest.substr(slash);
  auto colon = authority.rfind(':');
  auto host = colon == std::string::npos ? authority : authority.substr(0, colon);
  auto port = colon == std::string::npos ? std::string("80") : authority.substr(colon + 1);
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(timeout);
    stream.connect(resolver.resolve(host, port));
    beast::http::request<beast::http::empty_body> req{beast::http::verb::get, target, 11};
    req.set(beast::http::field::host, authority);
    req.set(beast::http::field::user_agent, "kactor-kubelet");
    beast::http::write(stream, req);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> res;
    beast::http::read(stream, buffer, res);
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    if (res.result_int() != 200)
      return fetch_error{"GET " + url + ": " + std::to_string(res.result_int()) + " " +
                         std::string(res.reason())};
    return std::move(res.body());
  } catch (const std::exception& e) {
    return fetch_error{"GET " + url + ": " + e.what()};
  }
}

}  // namespace kactor::node::staticpods
