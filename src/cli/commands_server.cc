// nrs serve: the HTTP API and the web application, on the database at --db.

#include <sys/stat.h>

#include <cstdio>

#include "cli/command.h"
#include "cli/progress_bar.h"
#include "nrs/accounts.h"
#include "server/server.h"

namespace nrs::cli {
namespace {

struct ServeArgs {
  server::ServerOptions options;
  bool demo = false;
  std::string secure_cookies = "auto";
  int upload_mb = 256;
  int header_timeout = 10;
  int body_timeout = 120;
  int idle_timeout = 60;
  int shutdown_timeout = 20;
};

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// With --demo: the demo database at --db, created when there is no file yet, refused when the file is another
// database (demo accounts are never made in a real one).
Result<std::unique_ptr<App>> OpenDemo(Context& ctx) {
  if (!Exists(ctx.global.db)) {
    *ctx.err << fmt::format("Creating the demo database {} (about ten seconds)…\n", ctx.global.db);
    ProgressBar progress(stderr);
    InitOptions init;
    init.db_path = ctx.global.db;
    init.demo = true;
    init.progress = &progress;
    NRS_RETURN_IF_ERROR(CreateDatabase(init).status());
  }
  NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
  NRS_ASSIGN_OR_RETURN(const DatabaseInfo info, app->Info({}));
  if (!info.demo) {
    return Status::InvalidArgument(
        "--demo serves a demo database, and {} is not one: leave out --demo, or name another --db", ctx.global.db);
  }
  return app;
}

void PrintDemoAccounts(Context& ctx, const std::vector<DemoAccount>& accounts) {
  *ctx.err << "Demo accounts (demo database only; new passwords at every start with --demo):\n";
  for (const DemoAccount& a : accounts) {
    const std::string scope = a.neighbourhoods.empty() ? "" : fmt::format(" ({})", fmt::join(a.neighbourhoods, ", "));
    *ctx.err << fmt::format("  {:<17} {:<17} {}{}\n", a.username, RoleName(a.role), a.password, scope);
  }
}

}  // namespace

void AddServerCommands(CLI::App& cli, Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  server::ServerOptions& o = args->options;
  CLI::App* serve = cli.add_subcommand(
      "serve", "Serve the JSON API (/api/v1/) and the web application (/) over HTTP until stopped (SIGTERM, Ctrl-C)");
  serve->add_option("--port", o.port, "Port to listen on (0: any free port)")->capture_default_str();
  serve->add_option("--bind", o.bind, "Address to listen on (0.0.0.0 for every interface)")->capture_default_str();
  serve->add_flag("--demo", args->demo,
                  "Serve the demo database (created at --db when missing) with one demo account per role, their "
                  "passwords printed on stderr");
  serve->add_option("--web-root", o.web_root,
                    "Folder of the built web application (default: web/dist of this program's source tree when "
                    "built; else a built-in page)");
  serve->add_option("--tile-url", o.tile_url,
                    "A basemap beneath the web maps: raster tiles, e.g. https://tiles.example.org/{z}/{x}/{y}.png "
                    "(default: none; nothing is fetched from elsewhere)");
  serve->add_option("--tile-attribution", o.tile_attribution, "The attribution the basemap's provider requires");
  serve->add_option("--threads", o.threads, "Threads for connections (0: one per core)")->capture_default_str();
  serve->add_option("--workers", o.workers, "Threads for requests that read the database or compute (0: one per core)")
      ->capture_default_str();
  serve
      ->add_option("--secure-cookies", args->secure_cookies,
                   "Mark the session cookie Secure: auto (when a proxy says the request came over TLS), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  serve->add_option("--max-upload-mb", args->upload_mb, "Largest file an import accepts, in MiB")
      ->check(CLI::Range(1, 1 << 16))
      ->capture_default_str();
  serve->add_option("--upload-dir", o.upload_dir,
                    "Folder for uploads in progress (default: the system's temporary folder)");
  serve->add_option("--max-connections", o.max_connections, "Open connections at most (more are refused with 503)")
      ->capture_default_str();
  serve->add_option("--header-timeout", args->header_timeout, "Seconds a request's header may take to arrive")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve->add_option("--body-timeout", args->body_timeout, "Seconds a request's body may take to arrive")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve->add_option("--idle-timeout", args->idle_timeout, "Seconds a kept-alive connection may wait for a request")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--shutdown-timeout", args->shutdown_timeout,
                   "Seconds given to requests and jobs in flight when stopping")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  serve->callback([&ctx, args] {
    ctx.run = [&ctx, args]() -> Status {
      server::ServerOptions options = args->options;
      options.secure_cookies = args->secure_cookies == "always"  ? server::SecureCookies::kAlways
                               : args->secure_cookies == "never" ? server::SecureCookies::kNever
                                                                 : server::SecureCookies::kAuto;
      options.max_upload_bytes = static_cast<std::size_t>(args->upload_mb) << 20;
      options.header_timeout = std::chrono::seconds(args->header_timeout);
      options.body_timeout = std::chrono::seconds(args->body_timeout);
      options.idle_timeout = std::chrono::seconds(args->idle_timeout);
      options.shutdown_timeout = std::chrono::seconds(args->shutdown_timeout);
      options.web_root = server::FindWebRoot(options.web_root);
      NRS_RETURN_IF_ERROR(options.Validate());
      std::unique_ptr<App> app;
      if (args->demo) {
        NRS_ASSIGN_OR_RETURN(app, OpenDemo(ctx));
        NRS_ASSIGN_OR_RETURN(const std::vector<DemoAccount> accounts, PrepareDemoAccounts(*app, Actor::CommandLine()));
        PrintDemoAccounts(ctx, accounts);
      } else {
        NRS_ASSIGN_OR_RETURN(app, OpenApp(ctx));
      }
      const std::string site = options.web_root.empty() ? "the built-in page" : options.web_root;
      options.on_listening = [&ctx, site](const std::string& url) {
        *ctx.err << fmt::format("Serving {} — API {}/api/v1/, web application from {}. Stop with Ctrl-C.\n", url, url,
                                site);
        ctx.err->flush();
      };
      return server::Serve(*app, options);
    };
  });
}

}  // namespace nrs::cli
