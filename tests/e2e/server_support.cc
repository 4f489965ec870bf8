#include "server_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cctype>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <thread>
#include <utility>  // first: Boost 1.74's asio needs it with GCC 12

namespace nrs::e2e {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads what is available on `fd` (non-blocking) into `out`; false at end of file.
bool Drain(int fd, std::string& out) {
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

}  // namespace

std::string NrsBinary() { return NRS_BINARY; }

RunResult RunNrs(const std::vector<std::string>& args, const std::string& input) {
  int in[2], out[2], err[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    std::vector<char*> argv;
    const std::string binary = NrsBinary();
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!input.empty() && ::write(in[1], input.data(), input.size()) < 0) {
    // The child may not read its input; that is its business.
  }
  ::close(in[1]);
  RunResult result;
  for (auto [fd, text] : {std::pair{out[0], &result.out}, std::pair{err[0], &result.err}}) {
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text->append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

Json Response::json() const { return Json::parse(body, nullptr, false); }

std::string Response::header(const std::string& name) const {
  const auto it = headers.find(Lower(name));
  return it == headers.end() ? std::string() : it->second;
}

struct Client::Connection {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
};

Client::~Client() { delete connection_; }

Response Client::Send(const std::string& method, const std::string& target, const std::string& body,
                      const std::vector<std::pair<std::string, std::string>>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (connection_ == nullptr) {
      connection_ = new Connection();
      beast::error_code ec;
      connection_->stream.connect(
          asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)), ec);
      if (ec) {
        delete connection_;
        connection_ = nullptr;
        return {};
      }
    }
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
    if (!csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
      req.body() = body;
      req.prepare_payload();
    }
    beast::error_code ec;
    connection_->stream.expires_after(std::chrono::seconds(120));
    http::write(connection_->stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::size_t{1} << 30);
    parser.skip(method == "HEAD");  // a reply to HEAD announces a body it does not send
    if (!ec) http::read(connection_->stream, connection_->buffer, parser, ec);
    if (ec) {
      // The server closed a kept-alive connection: once more on a new one.
      delete connection_;
      connection_ = nullptr;
      continue;
    }
    auto res = parser.release();
    Response r;
    r.status = static_cast<int>(res.result_int());
    for (const auto& field : res) r.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
    r.body = std::move(res.body());
    if (!res.keep_alive()) {
      delete connection_;
      connection_ = nullptr;
    }
    return r;
  }
  return {};
}

Response Client::Post(const std::string& target, const Json& body, const std::string& method) {
  return Send(method, target, body.dump(), {{"Content-Type", "application/json"}});
}

bool Client::SignIn(const std::string& username, const std::string& password) {
  SignOut();
  const Response r = Post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (r.status != 200) return false;
  const std::string set = r.header("set-cookie");
  cookie_ = set.substr(0, set.find(';'));
  csrf_ = r.json()["csrf_token"];
  return true;
}

RawSocket::RawSocket(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) Close();
}

RawSocket::~RawSocket() { Close(); }

bool RawSocket::Send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string RawSocket::ReadAll(std::chrono::milliseconds timeout) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fd_ >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

bool RawSocket::ClosedWithin(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fd_ >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
  }
  return true;
}

void RawSocket::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& extra_args) {
  int err[2];
  if (::pipe(err) != 0) return;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(err[1], 2);
    ::close(err[0]);
    ::close(err[1]);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    std::vector<std::string> args = {NrsBinary(), "--db", db, "--log-level", "info", "serve", "--port", "0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(err[1]);
  stderr_fd_ = err[0];
  ::fcntl(stderr_fd_, F_SETFL, ::fcntl(stderr_fd_, F_GETFL) | O_NONBLOCK);
}

ServerProcess::~ServerProcess() {
  if (running()) Stop(SIGKILL, std::chrono::seconds(10));
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

std::string ServerProcess::Log() {
  if (stderr_fd_ >= 0) Drain(stderr_fd_, log_);
  return log_;
}

bool ServerProcess::WaitUntilListening(std::chrono::seconds timeout) {
  const std::regex serving(R"(Serving http://127\.0\.0\.1:(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    const std::string log = Log();
    if (std::regex_search(log, m, serving)) {
      port_ = std::stoi(m[1]);
      return true;
    }
    if (!running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

bool ServerProcess::running() {
  if (pid_ <= 0 || exit_status_ >= 0) return false;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return r == 0;
}

int ServerProcess::Stop(int signal, std::chrono::seconds timeout) {
  if (running()) ::kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Log();
  return exit_status_;
}

std::map<std::string, std::string> DemoPasswords(const std::string& log) {
  std::map<std::string, std::string> passwords;
  const std::regex line(R"(\n  (demo-[a-z]+) +[a-z_]+ +([A-Za-z0-9-]{19}))");
  for (auto it = std::sregex_iterator(log.begin(), log.end(), line); it != std::sregex_iterator(); ++it) {
    passwords[(*it)[1]] = (*it)[2];
  }
  return passwords;
}

}  // namespace nrs::e2e
