// The smallest keep-alive HTTP server on Boost.Beast (C++20 coroutines, two threads), answering every request with
// one file's bytes: one side of the measurement behind the choice of HTTP library (docs/performance.md, run by
// bench/run).  Usage: nrs_bench_http_beast PORT FILE

// clang-format off
#include <utility>  // first: Boost 1.74's coroutine support uses std::exchange without including it (GCC 12)
// clang-format on

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Tcp = asio::ip::tcp;

asio::awaitable<void> Session(Tcp::socket socket, const std::string& body) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::empty_body> request;
    beast::error_code ec;
    co_await http::async_read(stream, buffer, request, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    http::response<http::buffer_body> response{http::status::ok, request.version()};
    response.set(http::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    response.body().data = const_cast<char*>(body.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    response.body().size = body.size();
    response.body().more = false;
    response.content_length(body.size());
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !request.keep_alive()) co_return;
  }
}

asio::awaitable<void> Listen(Tcp::acceptor& acceptor, asio::io_context& io, const std::string& body) {
  for (;;) {
    Tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(io), asio::use_awaitable);
    const auto executor = socket.get_executor();
    asio::co_spawn(executor, Session(std::move(socket), body), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  try {
    std::ifstream in(argv[2], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string body = std::move(text).str();
    asio::io_context io(2);
    Tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(argv[1]))});
    asio::co_spawn(io, Listen(acceptor, io, body), asio::detached);
    std::thread other([&io] { io.run(); });
    io.run();
    other.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
