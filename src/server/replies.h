#pragma once

// How results and errors are written: the error table's envelope, tables as {"columns", "rows", "total"} (a page
// of them, or streamed when large).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/table.h"
#include "nrs/status.h"
#include "server/http.h"
#include "server/schema.h"

namespace nrs::server {

// {"error": {"code", "message", "details": [...], "count"}} — the wire name and the details of the error table.
Json ErrorJson(const Status& status);
// The envelope with the HTTP status of the error table.
Reply ErrorReply(const Status& status);

// Tables of more rows than this are streamed rather than rendered into one string first.
inline constexpr std::size_t kStreamRowsAbove = 2000;
// Replies of routes kept until the data change are rendered whole up to this many rows (see Call::Table).
inline constexpr std::size_t kKeepRowsUpTo = 50000;

// The rows [offset, offset + limit) of `table`; `limit` nullopt for the whole table (not paginated).
Reply TableReply(const std::shared_ptr<const core::Table>& table, std::size_t offset, std::optional<std::size_t> limit);

// The same rendered into one string (for the cache, and small tables).
std::string TableJson(const core::Table& table, std::size_t offset, std::optional<std::size_t> limit);

// One row of a table as a JSON object.
Json RowJson(const core::Table& table, std::size_t row);

}  // namespace nrs::server
