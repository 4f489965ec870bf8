// The smallest keep-alive HTTP server on RESTinio (on Boost.Asio, a pool of two threads), answering every request
// with one file's bytes: the other side of the measurement behind the choice of HTTP library (docs/performance.md,
// run by bench/run).  Usage: nrs_bench_http_restinio PORT FILE

// clang-format off
#include <utility>  // first: Boost 1.74's coroutine support uses std::exchange without including it (GCC 12)
// clang-format on

#include <cstdio>
#include <exception>
#include <fstream>
#include <restinio/all.hpp>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  try {
    std::ifstream in(argv[2], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string body = std::move(text).str();
    const auto port = static_cast<std::uint16_t>(std::stoi(argv[1]));
    restinio::run(restinio::on_thread_pool(2).port(port).address("127.0.0.1").request_handler([&body](auto request) {
      return request->create_response()
          .append_header(restinio::http_field::content_type, "application/json")
          .set_body(body)
          .done();
    }));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
