#pragma once

// The OpenAPI 3.0 document of the API, built from the route table: every path and operation with its
// parameters, request body, responses (the error envelope for each error the route can give), the permission it
// needs and the roles that hold it. Served at /api/v1/openapi.json.

#include <string>
#include <vector>

#include "server/route.h"

namespace nrs::server {

Json OpenApiDocument(const std::vector<Route>& routes);

}  // namespace nrs::server
