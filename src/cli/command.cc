#include "cli/command.h"

#include "io/table_writer.h"

namespace nrs::cli {

CLI::Option* AddFormatOption(CLI::App* command, std::string* format) {
  return command->add_option("--format", *format, "Output as an aligned table, CSV or JSON")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
}

Status PrintTable(Context& ctx, const core::Table& table, const std::string& format) {
  NRS_ASSIGN_OR_RETURN(const io::OutputFormat output_format, io::ParseOutputFormat(format));
  io::WriteTable(table, output_format, *ctx.out);
  ctx.out->flush();
  if (!*ctx.out) return Status::IoError("writing the output failed");
  return Status::Ok();
}

Status WithHint(const Status& status, std::string_view hint) {
  if (status.ok()) return status;
  return {status.code(), fmt::format("{}; {}", status.message(), hint), status.diagnostics(),
          status.diagnostic_count()};
}

Result<std::unique_ptr<App>> OpenApp(const Context& ctx) {
  AppOptions options;
  options.db_path = ctx.global.db;
  auto app = App::Open(options);
  if (!app.ok() && app.status().code() == ErrorCode::kNotFound) {
    return WithHint(app.status(), "create it with `nrs init`, or name another with --db or NRS_DB");
  }
  return app;
}

}  // namespace nrs::cli
