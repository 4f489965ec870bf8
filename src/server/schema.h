#pragma once

// JSON Schema, the subset OpenAPI 3.0 documents use: builders for the route table, and a validator. The same
// schema documents a request body in the OpenAPI document and checks it when it arrives, so the two cannot
// drift; the tests also validate responses against their documented schemas.
//
// Supported keywords: type (object, array, string, integer, number, boolean), nullable, properties, required,
// additionalProperties (false or a schema), items, enum, minimum, maximum, minLength, maxLength, minItems,
// maxItems, description (ignored when validating).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/table.h"
#include "nrs/status.h"

namespace nrs::server {

using Json = nlohmann::ordered_json;

namespace schema {

Json String(std::string_view description = {}, std::size_t max_length = 0);
Json Integer(std::string_view description = {}, std::optional<std::int64_t> minimum = {},
             std::optional<std::int64_t> maximum = {});
Json Number(std::string_view description = {});
Json Boolean(std::string_view description = {});
Json Enum(std::vector<std::string> values, std::string_view description = {});
Json Array(Json items, std::string_view description = {}, std::size_t max_items = 0);
// An object with exactly these properties (additionalProperties: false), of which `required` must be present.
Json Object(const std::vector<std::pair<std::string, Json>>& properties, const std::vector<std::string>& required = {},
            std::string_view description = {});
// Any JSON object (GeoJSON, free-form details).
Json AnyObject(std::string_view description = {});
Json Nullable(Json schema);
Json WithDescription(Json schema, std::string_view description);

// A table as the API returns it: {"columns": [{"name", "type"}…], "rows": [{column: value…}], "total": n} and,
// when paginated, "offset" and "limit". Cells are null when missing.
Json Table(const std::vector<core::TableColumn>& columns, bool paginated);
// A table whose columns depend on the request (statistics of an uploaded file): rows are objects of any keys.
Json AnyTable();
// The error envelope: {"error": {"code", "message", "details": [{file, line, column, reason}], "count"}}.
Json Error();

}  // namespace schema

// Problems of `value` against `schema`, each located by its JSON pointer ("/wards/0") in Diagnostic::column.
// Stops after `limit` problems.
std::vector<Diagnostic> ValidateJson(const Json& schema, const Json& value, std::size_t limit = 100);

}  // namespace nrs::server
