// Composite indices over the neighbourhoods: the stored runs and each run's scores and ranks with the intervals
// of its uncertainty analysis, as `nrs index runs|show` give them. Building a run stays with the command line.

#include <charconv>

#include "nrs/index.h"
#include "server/replies.h"
#include "server/state.h"

namespace nrs::server {
namespace {

using core::CellType;

const std::vector<core::TableColumn> kRunColumns = {{"run", CellType::kInteger},
                                                    {"framework", CellType::kText},
                                                    {"source", CellType::kText},
                                                    {"neighbourhoods", CellType::kInteger},
                                                    {"uncertainty_runs", CellType::kInteger},
                                                    {"created_at", CellType::kText}};

const std::vector<core::TableColumn> kResultColumns = {
    {"neighbourhood", CellType::kText}, {"node", CellType::kText},    {"node_name", CellType::kText},
    {"level", CellType::kInteger},      {"score", CellType::kReal},   {"rank", CellType::kInteger},
    {"median_rank", CellType::kReal},   {"rank_p5", CellType::kReal}, {"rank_p95", CellType::kReal}};

}  // namespace

void AddIndexRoutes(std::vector<Route>& routes) {
  {
    Route r;
    r.path = "/api/v1/index/runs";
    r.operation_id = "listIndexRuns";
    r.tag = "index";
    r.summary = "list the stored runs of composite indices";
    r.description = "Each build of a composite index over the neighbourhoods, newest first.";
    r.response_schema = schema::Table(kRunColumns, false);
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(core::Table table, ListIndexRuns(call.app()));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/index/runs/{run}";
    r.operation_id = "getIndexRun";
    r.tag = "index";
    r.summary = "show a run's scores and ranks with their uncertainty";
    r.description =
        "Per neighbourhood and aggregate (the index, its domains …): score and rank, and for the index the median "
        "rank and the 5th–95th percentile ranks of the Monte Carlo uncertainty analysis.";
    r.path_parameters = {{"run", schema::String("", 20), "The run's number", true, "1"}};
    r.response_schema = schema::Table(kResultColumns, false);
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      std::int64_t run = 0;
      const std::string& text = call.Path("run");
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), run);
      if (ec != std::errc() || end != text.data() + text.size() || run <= 0) {
        return Status::NotFound("no index run '{}'", text);
      }
      NRS_ASSIGN_OR_RETURN(core::Table table, ShowIndexRun(call.app(), run));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
}

}  // namespace nrs::server
