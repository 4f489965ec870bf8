// The connections: Boost.Beast over Asio, one C++20 coroutine per connection on its own strand. Chosen by
// measurement (docs/performance.md, "HTTP server"): it matched or beat RESTinio and nginx on the same replies,
// and gives the control this server needs — the header read before the body, so that a request is routed,
// authenticated and authorised before a byte of its body is accepted, and an upload streamed to a file.

#include "server/server.h"

#include <signal.h>
#include <sys/resource.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>  // first: Boost 1.74's coroutine support uses std::exchange without including it (GCC 12)

#include "core/log.h"
#include "server/replies.h"
#include "server/request_files.h"
#include "server/state.h"

namespace nrs::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Tcp = asio::ip::tcp;

Method ToMethod(http::verb verb) {
  // Beast knows every method of WebDAV and more; the API takes these.
  if (verb == http::verb::get) return Method::kGet;
  if (verb == http::verb::post) return Method::kPost;
  if (verb == http::verb::put) return Method::kPut;
  if (verb == http::verb::patch) return Method::kPatch;
  if (verb == http::verb::delete_) return Method::kDelete;
  if (verb == http::verb::head) return Method::kHead;
  if (verb == http::verb::options) return Method::kOptions;
  return Method::kOther;
}

// Runs `fn` on the worker pool and resumes the coroutine on its own executor with the result.
template <typename Fn>
asio::awaitable<std::invoke_result_t<Fn&>> OnWorker(asio::thread_pool& pool, Fn fn) {
  using R = std::invoke_result_t<Fn&>;
  std::optional<R> result;
  std::exception_ptr failure;
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        asio::post(pool, [&, handler = std::move(handler)]() mutable {
          try {
            result.emplace(fn());
          } catch (...) {
            failure = std::current_exception();
          }
          const auto executor = asio::get_associated_executor(handler);
          asio::post(executor, std::move(handler));
        });
      },
      asio::use_awaitable);
  if (failure) std::rethrow_exception(failure);
  co_return std::move(*result);
}

// A connection as the server sees it from outside: whether it is between requests (and may be closed at
// shutdown) and how to close it on its own strand.
struct ConnectionEntry {
  std::atomic<bool> busy{false};
  std::function<void()> close;
};

// The web application's policy: everything from this server only, except the basemap's tiles when one is set.
std::string ContentSecurityPolicy(const std::string& tile_url) {
  const std::string tiles = tile_url.empty() ? "" : " " + TileOrigin(tile_url);
  return "default-src 'self'; img-src 'self' data: blob:" + tiles + "; connect-src 'self'" + tiles +
         "; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'";
}

class HttpServer {
 public:
  HttpServer(App& app, const ServerOptions& options)
      : options_(options),
        state_(app, options),
        threads_(options.threads > 0 ? options.threads : Cores()),
        io_(threads_),
        workers_(static_cast<std::size_t>(options.workers > 0 ? options.workers : Cores())),
        acceptor_(io_),
        signals_(io_, SIGINT, SIGTERM),
        drain_timer_(io_) {}

  Status Run() {
    NRS_RETURN_IF_ERROR(Listen());
    signals_.async_wait([this](const beast::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("signal {}: finishing the requests in flight, then stopping", signal);
      BeginShutdown();
    });
    asio::co_spawn(io_, Accept(), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 1; i < threads_; ++i) threads.emplace_back([this] { RunLoop(); });
    RunLoop();
    for (std::thread& t : threads) t.join();
    workers_.join();
    const auto left = std::max(
        std::chrono::milliseconds(100),
        std::chrono::duration_cast<std::chrono::milliseconds>(shutdown_deadline_ - std::chrono::steady_clock::now()));
    if (!state_.jobs().Shutdown(left)) {
      spdlog::warn("a job was still running at the end of the shutdown timeout; its transaction is abandoned");
    }
    spdlog::info("stopped");
    return Status::Ok();
  }

 private:
  static int Cores() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

  void RunLoop() {
    // A coroutine that throws is a bug; it must not take the other connections with it.
    while (true) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("connection failed: {}", e.what());
      }
    }
  }

  Status Listen() {
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.bind, ec);
    if (ec) return Status::InvalidArgument("--bind '{}' is not an IP address", options_.bind);
    const Tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      if (ec == asio::error::address_in_use) {
        return Status::Unavailable("{}:{} is in use by another program; choose another --port", options_.bind,
                                   options_.port);
      }
      return Status::IoError("cannot listen on {}:{}: {}", options_.bind, options_.port, ec.message());
    }
    const auto local = acceptor_.local_endpoint();
    const std::string host =
        local.address().is_v6() ? "[" + local.address().to_string() + "]" : local.address().to_string();
    const std::string url = fmt::format("http://{}:{}", host, local.port());
    spdlog::info("listening on {}", url);
    if (options_.on_listening) options_.on_listening(url);
    return Status::Ok();
  }

  asio::awaitable<void> Accept() {
    while (acceptor_.is_open()) {
      beast::error_code ec;
      Tcp::socket socket =
          co_await acceptor_.async_accept(asio::make_strand(io_), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor_.is_open()) break;
        // Out of file descriptors, say: wait a moment rather than spin.
        spdlog::warn("accepting a connection failed: {}", ec.message());
        asio::steady_timer pause(io_, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      const auto executor = socket.get_executor();
      if (connections_.load() >= options_.max_connections) {
        asio::co_spawn(executor, Refuse(std::move(socket)), asio::detached);
        continue;
      }
      asio::co_spawn(executor, Serve(std::move(socket)), asio::detached);
    }
  }

  // Over the connection limit: a 503 and the door.
  static asio::awaitable<void> Refuse(Tcp::socket socket) {
    try {
      beast::tcp_stream stream(std::move(socket));
      stream.expires_after(std::chrono::seconds(5));
      http::response<http::string_body> res{http::status::service_unavailable, 11};
      res.set(http::field::content_type, "application/json");
      res.set(http::field::retry_after, "1");
      res.keep_alive(false);
      res.body() = ErrorJson(Status::Unavailable("too many connections; retry in a moment")).dump();
      res.prepare_payload();
      beast::error_code ec;
      co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      stream.socket().shutdown(Tcp::socket::shutdown_send, ec);
    } catch (const std::exception&) {
    }
  }

  // Writes `reply` to the request `request` (of HTTP version `version`); `keep_alive` says whether the
  // connection stays open. False when the write failed.
  asio::awaitable<bool> Write(beast::tcp_stream& stream, const Request& request, unsigned version, Reply reply,
                              bool keep_alive) {
    http::response<http::buffer_body> res{static_cast<http::status>(reply.status), version};
    res.set(http::field::server, "nrs");
    res.keep_alive(keep_alive);
    for (const auto& [name, value] : reply.headers) res.insert(name, value);
    if (!reply.content_type.empty()) res.set(http::field::content_type, reply.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    if (reply.content_type.starts_with("text/html")) res.set("Content-Security-Policy", csp_);
    if (res.find(http::field::cache_control) == res.end()) {
      // Kept replies may be reused after asking whether they changed; others are not kept by anyone.
      res.set(http::field::cache_control, reply.etag.empty() ? "no-store" : "no-cache");
    }
    if (reply.status == 429 || reply.status == 503) {
      if (res.find(http::field::retry_after) == res.end()) res.set(http::field::retry_after, "1");
    }
    std::shared_ptr<const std::string> body = reply.body;
    if (!reply.etag.empty()) {
      res.set(http::field::etag, reply.etag);
      if (reply.gzip) res.set(http::field::vary, "Accept-Encoding");
      const auto match = request.headers.Get("If-None-Match");
      if (match && *match == reply.etag && reply.status == 200) {
        res.result(http::status::not_modified);
        body = nullptr;
        reply.next = nullptr;
        res.erase(http::field::content_type);
      }
    }
    if (body && reply.gzip) {
      const auto accept = request.headers.Get("Accept-Encoding");
      if (accept && accept->find("gzip") != std::string_view::npos) {
        body = reply.gzip;
        res.set(http::field::content_encoding, "gzip");
      }
    }
    beast::error_code ec;
    stream.expires_after(options_.write_timeout);
    const bool head = request.method == Method::kHead;
    if (reply.next && version < 11) {
      // HTTP/1.0 has no chunked encoding: gather the pieces.
      auto whole = std::make_shared<std::string>();
      while (reply.next(*whole)) {
      }
      body = whole;
      reply.next = nullptr;
    }
    if (reply.next) {
      res.chunked(true);
      http::response_serializer<http::buffer_body> serializer{res};
      co_await http::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return false;
      if (head) co_return true;
      std::string piece;
      bool more = true;
      while (more) {
        piece.clear();
        more = reply.next(piece);
        res.body().data = piece.data();
        res.body().size = piece.size();
        res.body().more = more;
        co_await http::async_write(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == http::error::need_buffer) {
          ec = {};
          continue;
        }
        if (ec) co_return false;
      }
      co_return true;
    }
    const std::size_t size = body ? body->size() : 0;
    res.body().data = body ? const_cast<char*>(body->data()) : nullptr;
    res.body().size = head ? 0 : size;
    res.body().more = false;
    if (res.result() != http::status::not_modified && res.result() != http::status::no_content)
      res.content_length(size);
    if (head) {
      http::response_serializer<http::buffer_body> serializer{res};
      co_await http::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return !ec;
  }

  asio::awaitable<void> Serve(Tcp::socket socket) {
    connections_.fetch_add(1);
    auto entry = std::make_shared<ConnectionEntry>();
    std::list<std::shared_ptr<ConnectionEntry>>::iterator registered;
    {
      std::lock_guard lock(entries_mutex_);
      registered = entries_.insert(entries_.end(), entry);
    }
    try {
      co_await Converse(std::move(socket), entry);
    } catch (const std::exception& e) {
      spdlog::error("connection failed: {}", e.what());
    }
    {
      std::lock_guard lock(entries_mutex_);
      entry->close = nullptr;
      entries_.erase(registered);
    }
    connections_.fetch_sub(1);
  }

  asio::awaitable<void> Converse(Tcp::socket socket, std::shared_ptr<ConnectionEntry> entry) {
    // Shared so that a close posted at shutdown finds the stream, or finds it gone.
    const auto owned = std::make_shared<beast::tcp_stream>(std::move(socket));
    beast::tcp_stream& stream = *owned;
    beast::error_code ec;
    const Tcp::endpoint peer = stream.socket().remote_endpoint(ec);
    const std::string client = ec ? std::string() : peer.address().to_string();
    {
      std::lock_guard lock(entries_mutex_);
      entry->close = [weak = std::weak_ptr<beast::tcp_stream>(owned), executor = stream.get_executor()] {
        asio::post(executor, [weak] {
          if (const auto s = weak.lock()) {
            beast::error_code ignored;
            s->socket().shutdown(Tcp::socket::shutdown_both, ignored);
            s->socket().close(ignored);
          }
        });
      };
    }
    beast::flat_buffer buffer;
    bool first = true;
    while (!state_.draining()) {
      entry->busy = false;
      // Between requests: wait up to the idle timeout for the next request to begin, then give its header
      // the header timeout (so a client trickling bytes cannot hold the connection for long).
      if (buffer.size() == 0) {
        stream.expires_after(first ? options_.header_timeout : options_.idle_timeout);
        const std::size_t n =
            co_await stream.async_read_some(buffer.prepare(4096), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        buffer.commit(n);
      }
      first = false;
      entry->busy = true;
      http::request_parser<http::empty_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      // The body's limit depends on the route: checked once the header is read (a declared length) and again
      // while the body arrives. (Not boost::none: Beast 1.74 compares a length with an empty limit as larger.)
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      parser.eager(false);
      stream.expires_after(options_.header_timeout);
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == http::error::header_limit) {
          Reply refusal = ErrorReply(
              Status::PayloadTooLarge("the request's header is larger than {} bytes", options_.max_header_bytes));
          co_await WriteError(stream, std::move(refusal));
        } else if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
                   ec != http::error::end_of_stream && ec != http::error::partial_message) {
          Reply refusal = ErrorReply(Status::InvalidArgument("malformed HTTP request: {}", ec.message()));
          co_await WriteError(stream, std::move(refusal));
        }
        break;
      }
      const auto& header = parser.get();
      Request request;
      request.method = ToMethod(header.method());
      request.target = std::string(header.target());
      request.client_address = client;
      for (const auto& field : header)
        request.headers.Add(std::string(field.name_string()), std::string(field.value()));
      if (const auto proto = request.headers.Get("X-Forwarded-Proto")) request.secure = *proto == "https";
      const bool body_pending = !parser.is_done();
      const unsigned version = header.version();
      bool keep_alive = header.keep_alive();
      if (const Status target = ParseTarget(request.target, &request.path, &request.query); !target.ok()) {
        Reply refusal = ErrorReply(target);
        co_await Write(stream, request, version, std::move(refusal), false);
        break;
      }

      // (Each co_await stands in a statement of its own: GCC 12 mishandles temporaries of co_await inside
      // conditional expressions.)
      Prepared prepared;
      if (ServerState::NeedsDatabase(request)) {
        prepared = co_await OnWorker(workers_, [&] { return state_.Prepare(request); });
      } else {
        prepared = state_.Prepare(request);
      }
      if (prepared.reply) {
        // A body we will not read cannot be skipped safely: the connection ends with this reply.
        const bool keep = keep_alive && !body_pending && !state_.draining();
        const bool written = co_await Write(stream, request, version, std::move(*prepared.reply), keep);
        if (!written || !keep) break;
        continue;
      }

      if (body_pending) {
        const auto expect = request.headers.Get("Expect");
        if (expect && *expect == "100-continue") {
          http::response<http::empty_body> go_on{http::status::continue_, version};
          stream.expires_after(options_.write_timeout);
          co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
        }
        const std::size_t limit = state_.BodyLimit(prepared);
        stream.expires_after(options_.body_timeout);
        if (prepared.route != nullptr && prepared.route->body == BodyKind::kUpload) {
          auto files = RequestFiles::Create(options_.upload_dir);
          if (!files.ok()) {
            Reply refusal = ErrorReply(files.status());
            co_await Write(stream, request, version, std::move(refusal), false);
            break;
          }
          const std::string path = (*files)->dir() + "/upload";
          http::request_parser<http::file_body> upload{std::move(parser)};
          upload.body_limit(limit);
          upload.get().body().open(path.c_str(), beast::file_mode::write, ec);
          if (ec) {
            Reply refusal = ErrorReply(Status::IoError("cannot store the upload: {}", ec.message()));
            co_await Write(stream, request, version, std::move(refusal), false);
            break;
          }
          co_await http::async_read(stream, buffer, upload, asio::redirect_error(asio::use_awaitable, ec));
          upload.get().body().close();
          request.body_file = path;
          request.files = std::move(files).value();
        } else {
          http::request_parser<http::string_body> json{std::move(parser)};
          json.body_limit(limit);
          co_await http::async_read(stream, buffer, json, asio::redirect_error(asio::use_awaitable, ec));
          request.body = json.release().body();
        }
        if (ec == http::error::body_limit) {
          Reply refusal = ErrorReply(Status::PayloadTooLarge("the body is larger than {} bytes", limit));
          co_await Write(stream, request, version, std::move(refusal), false);
          break;
        }
        if (ec) break;  // the client went away, or sent a malformed body: nothing was done
      }

      Reply reply;
      if (auto kept = state_.FromCache(prepared, request)) {
        reply = std::move(*kept);
      } else if (prepared.route != nullptr && prepared.route->execution == Execution::kInline) {
        reply = state_.Handle(prepared, request);
      } else {
        reply = co_await OnWorker(workers_, [&] { return state_.Handle(prepared, request); });
      }
      keep_alive = keep_alive && !state_.draining();
      const bool written = co_await Write(stream, request, version, std::move(reply), keep_alive);
      if (!written || !keep_alive) break;
    }
    stream.socket().shutdown(Tcp::socket::shutdown_send, ec);
  }

  // A reply to a request that could not be read (so its version and details are unknown).
  asio::awaitable<void> WriteError(beast::tcp_stream& stream, Reply reply) {
    const Request request;
    co_await Write(stream, request, 11, std::move(reply), false);
  }

  void BeginShutdown() {
    if (state_.draining()) return;
    state_.set_draining();
    shutdown_deadline_ = std::chrono::steady_clock::now() + options_.shutdown_timeout;
    beast::error_code ec;
    acceptor_.close(ec);
    CloseIdle();
    WaitForConnections();
  }

  void CloseIdle() {
    std::lock_guard lock(entries_mutex_);
    for (const auto& entry : entries_) {
      if (!entry->busy && entry->close) entry->close();
    }
  }

  void WaitForConnections() {
    if (connections_.load() == 0 || std::chrono::steady_clock::now() >= shutdown_deadline_) {
      if (connections_.load() > 0)
        spdlog::warn("{} connections still open at the shutdown timeout", connections_.load());
      io_.stop();
      return;
    }
    CloseIdle();  // connections that finished their request since
    drain_timer_.expires_after(std::chrono::milliseconds(20));
    drain_timer_.async_wait([this](const beast::error_code&) { WaitForConnections(); });
  }

  const ServerOptions& options_;
  const std::string csp_ = ContentSecurityPolicy(options_.tile_url);
  ServerState state_;
  int threads_;
  asio::io_context io_;
  asio::thread_pool workers_;
  Tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  std::atomic<std::size_t> connections_{0};
  std::mutex entries_mutex_;
  std::list<std::shared_ptr<ConnectionEntry>> entries_;
  std::chrono::steady_clock::time_point shutdown_deadline_ = std::chrono::steady_clock::now();
};

// As many open files as the system lets this process have: each connection is one.
void RaiseFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

Status ServerOptions::Validate() const {
  if (port < 0 || port > 65535) return Status::InvalidArgument("--port must be from 0 to 65535, not {}", port);
  if (threads < 0 || workers < 0 || job_threads < 1) {
    return Status::InvalidArgument("thread counts must not be negative, and there must be a job thread");
  }
  if (max_connections < 1 || max_header_bytes < 1024 || max_json_bytes < 1024 || max_upload_bytes < 1024) {
    return Status::InvalidArgument("connection and size limits are too small");
  }
  if (header_timeout.count() < 1 || body_timeout.count() < 1 || idle_timeout.count() < 1 || write_timeout.count() < 1 ||
      shutdown_timeout.count() < 0) {
    return Status::InvalidArgument("timeouts must be at least a second");
  }
  if (login_failures_per_address < 1 || login_failures_per_user < 1 || login_window.count() < 1) {
    return Status::InvalidArgument("sign-in limits must be positive");
  }
  if (!tile_url.empty() && TileOrigin(tile_url).empty()) {
    return Status::InvalidArgument(
        "--tile-url must be an http or https URL with {{z}}, {{x}} and {{y}}, e.g. "
        "https://tiles.example.org/{{z}}/{{x}}/{{y}}.png, not '{}'",
        tile_url);
  }
  return sessions.Validate();
}

std::string TileOrigin(const std::string& tile_url) {
  for (const char* part : {"{z}", "{x}", "{y}"}) {
    if (tile_url.find(part) == std::string::npos) return "";
  }
  std::size_t scheme = 0;
  if (tile_url.starts_with("https://"))
    scheme = 8;
  else if (tile_url.starts_with("http://"))
    scheme = 7;
  else
    return "";
  const std::size_t end = tile_url.find('/', scheme);
  std::string origin = tile_url.substr(0, end);
  if (origin.size() == scheme) return "";
  // Only what a host and port may hold: the origin goes into a header.
  for (std::size_t i = scheme; i < origin.size(); ++i) {
    const char c = origin[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']')) {
      return "";
    }
  }
  return origin;
}

Status Serve(App& app, const ServerOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  ::signal(SIGPIPE, SIG_IGN);
  RaiseFileLimit();
  HttpServer server(app, options);
  return server.Run();
}

std::string FindWebRoot(const std::string& explicit_root) {
  if (!explicit_root.empty()) return explicit_root;
  if (const char* env = std::getenv("NRS_WEB_ROOT"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  // build/release/nrs in a checkout, or bin/nrs beside share/nrs/web when installed.
  for (const auto& candidate : {exe.parent_path() / "../../web/dist", exe.parent_path() / "../share/nrs/web"}) {
    if (std::filesystem::is_regular_file(candidate / "index.html", ec)) {
      return std::filesystem::weakly_canonical(candidate, ec).string();
    }
  }
  return {};
}

}  // namespace nrs::server
