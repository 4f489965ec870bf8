#include "server/replies.h"

#include <algorithm>

#include "io/table_writer.h"

namespace nrs::server {
namespace {

// Everything before the rows: {"columns":[…],"total":n,("offset":o,"limit":l,)"rows":[
std::string Head(const core::Table& table, std::size_t offset, std::optional<std::size_t> limit) {
  Json columns = Json::array();
  for (const core::TableColumn& c : table.columns())
    columns.push_back({{"name", c.name}, {"type", core::CellTypeName(c.type)}});
  std::string out = R"({"columns":)" + columns.dump() + R"(,"total":)" + std::to_string(table.size());
  if (limit) out += R"(,"offset":)" + std::to_string(offset) + R"(,"limit":)" + std::to_string(*limit);
  out += R"(,"rows":[)";
  return out;
}

}  // namespace

Json ErrorJson(const Status& status) {
  Json details = Json::array();
  for (const Diagnostic& d : status.diagnostics()) {
    Json item = Json::object();
    if (!d.file.empty()) item["file"] = d.file;
    if (d.line > 0) item["line"] = d.line;
    if (!d.column.empty()) item["column"] = d.column;
    item["reason"] = d.reason;
    details.push_back(std::move(item));
  }
  Json error = {{"code", status.info().wire_name}, {"message", status.message()}, {"details", std::move(details)}};
  if (status.diagnostic_count() > status.diagnostics().size()) error["count"] = status.diagnostic_count();
  return {{"error", std::move(error)}};
}

Reply ErrorReply(const Status& status) {
  return Reply::Json(ErrorJson(status).dump(-1, ' ', false, Json::error_handler_t::replace), status.info().http_status);
}

std::string TableJson(const core::Table& table, std::size_t offset, std::optional<std::size_t> limit) {
  std::string out = Head(table, offset, limit);
  const std::size_t end = limit ? std::min(table.size(), offset + *limit) : table.size();
  for (std::size_t r = offset; r < end; ++r) {
    if (r > offset) out += ',';
    io::AppendJsonRow(table, r, out);
  }
  out += "]}";
  return out;
}

Reply TableReply(const std::shared_ptr<const core::Table>& table, std::size_t offset,
                 std::optional<std::size_t> limit) {
  const std::size_t end = limit ? std::min(table->size(), offset + *limit) : table->size();
  if (end <= offset + kStreamRowsAbove) return Reply::Json(TableJson(*table, offset, limit));
  // Streamed: the head, then about 64 KiB of rows per piece, then the tail.
  Reply reply;
  reply.next = [table, offset, limit, end, row = offset, started = false](std::string& piece) mutable {
    if (!started) {
      piece += Head(*table, offset, limit);
      started = true;
    }
    while (row < end && piece.size() < (std::size_t{64} << 10)) {
      if (row > offset) piece += ',';
      io::AppendJsonRow(*table, row, piece);
      ++row;
    }
    if (row < end) return true;
    piece += "]}";
    return false;
  };
  return reply;
}

Json RowJson(const core::Table& table, std::size_t row) {
  std::string text;
  io::AppendJsonRow(table, row, text);
  return Json::parse(text);
}

}  // namespace nrs::server
