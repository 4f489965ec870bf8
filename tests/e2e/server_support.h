#pragma once

// For the end-to-end tests of `nrs serve`: the real binary started as a child process on a free loopback port,
// a small HTTP client (Boost.Beast, synchronous) and a raw-socket client for the misbehaving ones.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nrs::e2e {

using Json = nlohmann::ordered_json;

// Runs `nrs` with `args` (and `input` on stdin) to completion; returns the exit code and stdout.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
RunResult RunNrs(const std::vector<std::string>& args, const std::string& input = "");

// The `nrs` binary under test (beside the test binary's build tree).
std::string NrsBinary();

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  Json json() const;  // the body parsed (null when it is not JSON)
  std::string header(const std::string& name) const;
};

// One keep-alive connection, reconnecting when the server closed it.
class Client {
 public:
  explicit Client(int port) : port_(port) {}
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Response Send(const std::string& method, const std::string& target, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {});
  Response Get(const std::string& target) { return Send("GET", target); }
  // JSON body; with a session, its cookie and CSRF token.
  Response Post(const std::string& target, const Json& body, const std::string& method = "POST");

  // Signs in; later requests carry the session. False when refused.
  bool SignIn(const std::string& username, const std::string& password);
  void SignOut() {
    cookie_.clear();
    csrf_.clear();
  }
  const std::string& csrf() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }

 private:
  struct Connection;
  int port_;
  Connection* connection_ = nullptr;
  std::string cookie_;
  std::string csrf_;
};

// Raw TCP, for requests no well-behaved client sends.
class RawSocket {
 public:
  explicit RawSocket(int port);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);
  // Reads until the server closes or `timeout` passes; returns what arrived.
  std::string ReadAll(std::chrono::milliseconds timeout);
  // True when the server has closed the connection within `timeout` (a read returns end-of-file or an error).
  bool ClosedWithin(std::chrono::milliseconds timeout);
  void Close();

 private:
  int fd_ = -1;
};

// `nrs --db <db> serve --port 0 …` as a child process.
class ServerProcess {
 public:
  ServerProcess(const std::string& db, const std::vector<std::string>& extra_args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits until the server says where it listens. False if it exited or said nothing in `timeout`.
  bool WaitUntilListening(std::chrono::seconds timeout = std::chrono::seconds(120));
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Everything the server wrote on stderr so far.
  std::string Log();

  // Sends `signal` and waits for the exit; returns the exit status (128 + signal when killed), or -1 when it did
  // not exit within `timeout`.
  int Stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(30));
  bool running();

 private:
  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  std::string log_;
  int port_ = 0;
  int exit_status_ = -1;
};

// Demo-account passwords printed by `serve --demo`, by username.
std::map<std::string, std::string> DemoPasswords(const std::string& log);

}  // namespace nrs::e2e
