// The route table: each capability's routes, in the order the OpenAPI document lists them. A capability that
// arrives adds its routes_<capability>.cc and one line here.

#include "server/route.h"

namespace nrs::server {

std::vector<Route> AllRoutes() {
  std::vector<Route> routes;
  AddSystemRoutes(routes);
  AddPlacesRoutes(routes);
  AddStatisticsRoutes(routes);
  AddMapsRoutes(routes);
  AddSystemsRoutes(routes);
  AddIndexRoutes(routes);
  AddMapExportRoutes(routes);
  AddJobsRoutes(routes);
  AddAccountsRoutes(routes);
  return routes;
}

}  // namespace nrs::server
