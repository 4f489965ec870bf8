// nrs user add|list|disable|enable|reset-password, nrs audit: accounts of the server, and the audit trail.

#include <iostream>

#include "cli/command.h"
#include "nrs/accounts.h"
#include "nrs/audit.h"

namespace nrs::cli {
namespace {

// One line from standard input, without its line ending ("" at the end of input).
std::string ReadPasswordLine() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct UserArgs {
  AddUserOptions add;
  std::string role = "analyst";
  bool password_stdin = false;
  std::string format = "table";
  std::string username;
};

void PrintPassword(Context& ctx, const UserWithPassword& u, std::string_view what) {
  *ctx.out << fmt::format("{} {} ({}).", what, u.user.username, RoleName(u.user.role));
  if (!u.password.empty()) *ctx.out << fmt::format(" Password: {} (shown this once).", u.password);
  *ctx.out << '\n';
}

}  // namespace

void AddUserCommands(CLI::App& cli, Context& ctx) {
  CLI::App* user = cli.add_subcommand("user", "Accounts of the server: add, list, disable, enable, reset passwords");
  user->require_subcommand(1);
  {
    auto a = std::make_shared<UserArgs>();
    CLI::App* add = user->add_subcommand("add", "Add a user with a role (a password is generated unless given)");
    add->add_option("username", a->add.username, "Letters, digits, '.', '-', '_', '@'")->required();
    add->add_option("--role", a->role,
                    "administrator, programme_lead, analyst, facilitator, resident_adviser or oversight_member")
        ->capture_default_str();
    add->add_option("--neighbourhood", a->add.neighbourhoods,
                    "Limit the role to this neighbourhood (repeatable; name or slug)");
    add->add_option("--display-name", a->add.display_name, "The name shown for the user");
    add->add_option("--email", a->add.email, "Their email address");
    add->add_flag("--password-stdin", a->password_stdin, "Read the password from the first line of standard input");
    add->callback([&ctx, a] {
      ctx.run = [&ctx, a]() -> Status {
        AddUserOptions options = a->add;
        NRS_ASSIGN_OR_RETURN(options.role, ParseRole(a->role));
        if (a->password_stdin) options.password = ReadPasswordLine();
        if (a->password_stdin && options.password.empty()) {
          return Status::InvalidArgument("--password-stdin: no password on standard input");
        }
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const UserWithPassword added, AddUser(*app, options));
        PrintPassword(ctx, added, "Added user");
        return Status::Ok();
      };
    });
  }
  {
    auto a = std::make_shared<UserArgs>();
    CLI::App* list = user->add_subcommand("list", "List the users with their roles");
    AddFormatOption(list, &a->format);
    list->callback([&ctx, a] {
      ctx.run = [&ctx, a]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const std::vector<User> users, ListUsers(*app));
        return PrintTable(ctx, UserTable(users), a->format);
      };
    });
  }
  for (const bool disable : {true, false}) {
    auto a = std::make_shared<UserArgs>();
    CLI::App* command = user->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Disable a user: they can no longer sign in, and their sessions end" : "Enable a disabled user");
    command->add_option("username", a->username, "The user")->required();
    command->callback([&ctx, a, disable] {
      ctx.run = [&ctx, a, disable]() -> Status {
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        UpdateUserOptions options;
        options.username = a->username;
        options.disabled = disable;
        NRS_ASSIGN_OR_RETURN(const User u, UpdateUser(*app, options));
        *ctx.out << fmt::format("{} {}.\n", disable ? "Disabled" : "Enabled", u.username);
        return Status::Ok();
      };
    });
  }
  {
    auto a = std::make_shared<UserArgs>();
    CLI::App* reset = user->add_subcommand("reset-password", "Give a user a new password (generated unless given)");
    reset->add_option("username", a->username, "The user")->required();
    reset->add_flag("--password-stdin", a->password_stdin, "Read the password from the first line of standard input");
    reset->callback([&ctx, a] {
      ctx.run = [&ctx, a]() -> Status {
        ResetPasswordOptions options;
        options.username = a->username;
        if (a->password_stdin) {
          options.password = ReadPasswordLine();
          if (options.password.empty())
            return Status::InvalidArgument("--password-stdin: no password on standard input");
        }
        NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
        NRS_ASSIGN_OR_RETURN(const UserWithPassword reset_user, ResetPassword(*app, options));
        PrintPassword(ctx, reset_user, "New password for");
        return Status::Ok();
      };
    });
  }

  auto q = std::make_shared<AuditQuery>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* audit = cli.add_subcommand("audit", "The audit trail: every change, who made it and when, newest first");
  audit->add_option("--action", q->action, "Only actions starting with this, e.g. user. or import.");
  audit->add_option("--actor", q->actor, "Only this actor");
  audit->add_option("--target", q->target, "Only this target, e.g. user:alice");
  audit->add_option("--limit", q->limit, "Most events to show (1–1000)")->capture_default_str();
  AddFormatOption(audit, format.get());
  audit->callback([&ctx, q, format] {
    ctx.run = [&ctx, q, format]() -> Status {
      NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
      NRS_ASSIGN_OR_RETURN(const AuditPage page, ListAudit(*app, *q));
      return PrintTable(ctx, AuditTable(page.events), *format);
    };
  });
}

}  // namespace nrs::cli
