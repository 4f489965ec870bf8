// The neighbourhood as a system and what the programme does there: each neighbourhood's stored actor and factor
// maps analysed (as `nrs map … --neighbourhood`), the register of activities and actions with its coverage of
// the framework's domains (`nrs activity …`), and design-based survey estimates from respondent-level data sent
// with the request (`nrs survey estimate|did`), disclosure control applied to every figure.

#include "nrs/survey.h"
#include "nrs/system_maps.h"
#include "server/replies.h"
#include "server/request_files.h"
#include "server/state.h"

namespace nrs::server {
namespace {

using core::CellType;

// The demo's scoped accounts are limited to Central Southport: its maps are the examples every role can reach.
const Parameter kScopedNeighbourhood{"name", schema::String(), "The neighbourhood's name or slug", true,
                                     "central-southport"};

const Parameter kDate{"date", schema::String("YYYY-MM-DD", 10),
                      "The map as it stood on this date (default: every tie recorded)", false, ""};

const std::vector<core::TableColumn> kActivityColumns = {
    {"id", CellType::kInteger},    {"kind", CellType::kText},           {"title", CellType::kText},
    {"status", CellType::kText},   {"neighbourhoods", CellType::kText}, {"domains", CellType::kText},
    {"affects", CellType::kText},  {"tweak_of", CellType::kInteger},    {"lead", CellType::kText},
    {"partners", CellType::kText}, {"start", CellType::kText},          {"end", CellType::kText},
    {"cost", CellType::kReal},     {"indicators", CellType::kText},     {"illustrative", CellType::kText}};

const std::vector<core::TableColumn> kCoverageColumns = {{"neighbourhood", CellType::kText},
                                                         {"domain", CellType::kText},
                                                         {"activities", CellType::kInteger},
                                                         {"actions", CellType::kInteger},
                                                         {"affected_from_other_domains", CellType::kInteger},
                                                         {"gap", CellType::kText}};

Json MapOutputSchema() {
  return schema::Object({{"table", schema::AnyTable()}, {"notes", schema::Array(schema::String())}},
                        {"table", "notes"});
}

Reply MapOutputReply(const MapOutput& out) {
  std::string body =
      R"({"table":)" + TableJson(out.table, 0, std::nullopt) + R"(,"notes":)" + Json(out.notes).dump() + "}";
  return Reply::Json(std::move(body));
}

using StoredMapFn = std::function<Result<MapOutput>(Call& call, const StoredMap& map)>;

Route StoredMapRoute(const std::string& analysis, std::string operation, std::string summary, std::string description,
                     std::vector<Parameter> query, StoredMapFn run) {
  Route r;
  r.path = "/api/v1/neighbourhoods/{name}/maps/" + analysis;
  r.operation_id = std::move(operation);
  r.tag = "systems";
  r.summary = std::move(summary);
  r.description = std::move(description);
  r.permission = Permission::kAnalyseMaps;
  r.scope_parameter = "name";
  r.path_parameters = {kScopedNeighbourhood};
  r.query = {kDate};
  for (Parameter& p : query) r.query.push_back(std::move(p));
  r.response_schema = MapOutputSchema();
  r.errors = {ErrorCode::kNotFound};
  r.caching = Caching::kByDataVersion;
  r.handler = [run = std::move(run)](Call& call) -> Result<Reply> {
    const StoredMap map{call.Path("name"), call.QueryOr("date", "")};
    NRS_ASSIGN_OR_RETURN(const MapOutput out, run(call, map));
    return MapOutputReply(out);
  };
  return r;
}

MapMeasuresOptions OneThreadMeasures() {
  MapMeasuresOptions o;
  o.threads = 1;  // one thread a request: betweenness would otherwise take every core from the other requests
  return o;
}

MapLoopsOptions LoopsFrom(const Call& call) {
  MapLoopsOptions o;
  o.max_length = static_cast<int>(call.QueryInt("max_length", o.max_length));
  o.max_loops = call.QueryInt("max_loops", o.max_loops);
  return o;
}

std::vector<Parameter> LoopParameters() {
  return {{"max_length", schema::Integer("", 0, 50), "Links per loop at most (default 12; 0: no bound)", false, ""},
          {"max_loops", schema::Integer("", 1, 1'000'000), "Loops listed at most (default 100,000)", false, ""}};
}

void AddStoredMapRoutes(std::vector<Route>& routes) {
  routes.push_back(StoredMapRoute(
      "measures", "neighbourhoodMapMeasures", "measure every actor of a neighbourhood's actor map",
      "Per actor: degree, betweenness, closeness, eigenvector, constraint, clustering, brokerage roles and "
      "community, as `nrs map measures --neighbourhood` gives them.",
      {}, [](Call& call, const StoredMap& map) { return MapMeasures(call.app(), map, OneThreadMeasures()); }));
  routes.push_back(StoredMapRoute(
      "summary", "neighbourhoodMapSummary", "measure a neighbourhood's actor map as a whole",
      "Actors, ties, density, transitivity, components, communities, bridging ties between sectors and residents' "
      "reach to decision-makers.",
      {}, [](Call& call, const StoredMap& map) { return MapSummary(call.app(), map, OneThreadMeasures()); }));
  routes.push_back(
      StoredMapRoute("loops", "neighbourhoodMapLoops", "find the feedback loops of a neighbourhood's factor map",
                     "Every loop of the causal factor map (reinforcing or balancing), by length.", LoopParameters(),
                     [](Call& call, const StoredMap& map) { return MapLoops(call.app(), map, LoopsFrom(call)); }));
  routes.push_back(StoredMapRoute(
      "factors", "neighbourhoodMapFactors", "rank the factors of a neighbourhood's factor map by leverage",
      "Per factor: degrees, leverage, what is up- and downstream, loops through it.", LoopParameters(),
      [](Call& call, const StoredMap& map) { return MapFactors(call.app(), map, LoopsFrom(call)); }));
}

void AddRegisterRoutes(std::vector<Route>& routes) {
  {
    Route r;
    r.path = "/api/v1/activities";
    r.operation_id = "listActivities";
    r.tag = "register";
    r.summary = "list the register of activities and actions";
    r.description =
        "What runs in the neighbourhoods (activities) and the new work agreed (actions), with the framework's "
        "domains each serves, its lead and partners from the actor map, dates and cost.";
    r.permission = Permission::kSignedIn;
    r.query = {{"neighbourhood", schema::String("", 200), "Only this neighbourhood's (name or slug)", false, ""},
               {"domain", schema::String("", 100), "Only those tagged to this domain", false, ""},
               {"kind", schema::Enum({"activity", "action"}), "Only activities, or only actions", false, ""}};
    r.paginated = true;
    r.response_schema = schema::Table(kActivityColumns, true);
    r.errors = {ErrorCode::kNotFound};
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      ActivityListOptions o;
      o.neighbourhood = call.QueryOr("neighbourhood", "");
      o.domain = call.QueryOr("domain", "");
      o.kind = call.QueryOr("kind", "");
      const std::string key = fmt::format("activities:{}|{}|{}", o.neighbourhood, o.domain, o.kind);
      NRS_ASSIGN_OR_RETURN(auto table, call.KeptTable(key, [&] { return ListActivities(call.app(), o); }));
      return call.Table(table);
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/activities/coverage";
    r.operation_id = "activityCoverage";
    r.tag = "register";
    r.summary = "show the register's coverage of domains and neighbourhoods";
    r.description =
        "Per neighbourhood and domain of the framework: activities, actions, actions reported from other "
        "domains, and whether the cell is a gap (nothing tagged to it).";
    r.permission = Permission::kSignedIn;
    r.response_schema = schema::Table(kCoverageColumns, false);
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(core::Table table, ActivityCoverage(call.app()));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
  {
    using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/activities";
    r.operation_id = "addActivity";
    r.tag = "register";
    r.summary = "add an activity or action to the register";
    r.description =
        "One activity (already running) or action (new work, or a tweak of an activity), tagged to domains of the "
        "resilience framework. A user whose role is limited to some neighbourhoods may add only to those. "
        "Recorded in the audit trail.";
    r.permission = Permission::kRecordActivities;
    r.body = BodyKind::kJson;
    r.request_schema =
        Object({{"kind", Enum({"activity", "action"}, "Default activity")},
                {"title", String("", 300)},
                {"description", String("", 5000)},
                {"status", Enum({"proposed", "planned", "under way", "done", "stopped"}, "Default under way")},
                {"start_date", String("YYYY-MM-DD", 10)},
                {"end_date", String("YYYY-MM-DD", 10)},
                {"cost", Number("In pounds")},
                {"tweak_of", Integer("An action's activity (its id)", 1)},
                {"neighbourhoods", Array(String("", 200), "Names or slugs, at least one", 100)},
                {"domains", Array(String("", 100), "The domains it serves, at least one", 10)},
                {"affects", Array(String("", 100), "Other domains it is reported to affect", 10)},
                {"lead", String("An actor of the (first) neighbourhood's actor map", 200)},
                {"partners", Array(String("", 200), "Actors of that map", 200)},
                {"evidence", String("What it draws on", 5000)},
                {"indicators", Array(String("", 100), "Catalogue keys it should move", 100)}},
               {"title", "neighbourhoods", "domains"});
    r.status = 201;
    r.response_schema = Object({{"id", Integer()}}, {"id"});
    r.errors = {ErrorCode::kNotFound};
    r.handler = [](Call& call) -> Result<Reply> {
      const Json& b = call.body();
      ActivityOptions o;
      o.kind = b.value("kind", o.kind);
      o.title = b.value("title", "");
      o.description = b.value("description", "");
      o.status = b.value("status", o.status);
      o.start_date = b.value("start_date", "");
      o.end_date = b.value("end_date", "");
      if (b.contains("cost")) o.cost = b["cost"].get<double>();
      o.tweak_of = b.value("tweak_of", std::int64_t{0});
      o.neighbourhoods = b.value("neighbourhoods", std::vector<std::string>{});
      o.domains = b.value("domains", std::vector<std::string>{});
      o.affects = b.value("affects", std::vector<std::string>{});
      o.lead = b.value("lead", "");
      o.partners = b.value("partners", std::vector<std::string>{});
      o.evidence = b.value("evidence", "");
      o.indicators = b.value("indicators", std::vector<std::string>{});
      o.actor = call.actor();
      if (call.user()) {
        for (const std::string& n : o.neighbourhoods) {
          if (!InScope(call.user()->user.neighbourhoods, n)) {
            return Status::PermissionDenied("your role is limited to {}",
                                            fmt::join(call.user()->user.neighbourhoods, ", "));
          }
        }
      }
      NRS_ASSIGN_OR_RETURN(const std::int64_t id, AddActivity(call.app(), o));
      return Reply::Json(Json{{"id", id}}.dump(), 201);
    };
    routes.push_back(std::move(r));
  }
}

// The design's part of a survey request: the respondents' CSV and the columns that describe the sample.
std::vector<std::pair<std::string, Json>> DesignProperties(std::vector<std::pair<std::string, Json>> own) {
  using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
  std::vector<std::pair<std::string, Json>> properties = {
      {"data", String("Respondent-level data: CSV text, one row per respondent, with a header row")},
      {"filename", String("How messages name the data (default survey.csv)", 100)},
      {"weight", String("Column of design weights", 200)},
      {"strata", String("Column of strata", 200)},
      {"cluster", String("Column of primary sampling units", 200)},
      {"fpc", String("Column of population PSU counts per stratum, or sampling fractions", 200)},
      {"lonely_psu", Enum({"fail", "remove", "adjust", "certainty"}, "A stratum with one PSU (default fail)")},
      {"margins", Array(String("A margin: CSV text of data columns and a population column"),
                        "Calibration margins: one post-stratifies, several are raked", 10)},
      {"level", Number("Confidence level (default 0.95)")}};
  for (auto& p : own) properties.push_back(std::move(p));
  return properties;
}

Result<SurveyDesignOptions> DesignFrom(const Json& b, const RequestFiles& files) {
  SurveyDesignOptions d;
  NRS_ASSIGN_OR_RETURN(d.data, files.Write(b.value("filename", "survey.csv"), b["data"].get<std::string>()));
  d.weight = b.value("weight", "");
  d.strata = b.value("strata", "");
  d.cluster = b.value("cluster", "");
  d.fpc = b.value("fpc", "");
  d.lonely_psu = b.value("lonely_psu", d.lonely_psu);
  const auto margins = b.value("margins", std::vector<std::string>{});
  for (std::size_t i = 0; i < margins.size(); ++i) {
    NRS_ASSIGN_OR_RETURN(std::string path, files.Write(fmt::format("margin_{}.csv", i + 1), margins[i]));
    d.margins.push_back(std::move(path));
  }
  return d;
}

// Runs `estimate` on the files of the request, and answers with its table (or the error, without the server's
// temporary paths).
Result<Reply> SurveyReply(Call& call, const std::function<Result<core::Table>(const SurveyDesignOptions&)>& estimate) {
  NRS_ASSIGN_OR_RETURN(const auto files, RequestFiles::Create(call.state().options().upload_dir));
  const auto design = DesignFrom(call.body(), *files);
  if (!design.ok()) return files->Scrub(design.status());
  auto table = estimate(*design);
  if (!table.ok()) return files->Scrub(table.status());
  return call.Table(std::move(table).value());
}

// What to estimate, as the request names it (the same for a file and a stored survey).
std::vector<std::pair<std::string, Json>> EstimateProperties() {
  using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
  return {{"variable", String("The column estimated", 200)},
          {"denominator", String("Ratio: the column divided by", 200)},
          {"by", Array(String("", 200), "Domain columns", 10)},
          {"statistic", Enum({"mean", "total", "proportion", "ratio"}, "Default mean")},
          {"condition", String("e.g. \"influence <= 2\": the 0/1 outcome estimated", 500)},
          {"ci", Enum({"logit", "beta", "likelihood", "wilson", "wald"}, "Proportions' interval")}};
}

SurveyEstimateOptions EstimateFrom(const Json& b, SurveyDesignOptions design) {
  SurveyEstimateOptions o;
  o.design = std::move(design);
  o.variable = b.value("variable", "");
  o.denominator = b.value("denominator", "");
  o.by = b.value("by", std::vector<std::string>{});
  o.statistic = b.value("statistic", o.statistic);
  o.condition = b.value("condition", "");
  o.ci = b.value("ci", o.ci);
  o.level = b.value("level", o.level);
  return o;
}

std::vector<std::pair<std::string, Json>> DidProperties() {
  using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
  return {{"variable", String("The outcome column", 200)},
          {"condition", String("e.g. \"influence <= 2\": the 0/1 outcome", 500)},
          {"group", String("Column telling programme from comparison (default area_class)", 200)},
          {"programme", String("Its value for programme areas (default programme)", 200)},
          {"comparison", String("Its value for comparison areas (default comparison)", 200)},
          {"wave", String("Column of waves (default wave)", 200)},
          {"before", String("The first wave (default the smallest)", 200)},
          {"after", String("The second wave (default the largest)", 200)},
          {"panel", String("Column of panel ids", 200)}};
}

SurveyDidOptions DidFrom(const Json& b, SurveyDesignOptions design) {
  SurveyDidOptions o;
  o.design = std::move(design);
  o.variable = b.value("variable", "");
  o.condition = b.value("condition", "");
  o.group = b.value("group", o.group);
  o.programme = b.value("programme", o.programme);
  o.comparison = b.value("comparison", o.comparison);
  o.wave = b.value("wave", o.wave);
  o.before = b.value("before", "");
  o.after = b.value("after", "");
  o.panel = b.value("panel", "");
  o.level = b.value("level", o.level);
  return o;
}

// A stored survey's design is stored with it: the request may only ask for calibration and the level.
std::vector<std::pair<std::string, Json>> StoredDesignProperties(std::vector<std::pair<std::string, Json>> own) {
  using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
  std::vector<std::pair<std::string, Json>> properties = {
      {"calibrate",
       Boolean("Post-stratify each area's respondents, wave by wave, to its neighbourhood's population by sex and "
               "age band")},
      {"level", Number("Confidence level (default 0.95)")}};
  for (auto& p : own) properties.push_back(std::move(p));
  return properties;
}

SurveyDesignOptions StoredDesign(const Call& call) {
  SurveyDesignOptions d;
  d.survey = call.Path("survey");
  d.calibrate = call.body().value("calibrate", false);
  return d;
}

void AddSurveyRoutes(std::vector<Route>& routes) {
  using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
  const std::string disclosure =
      " Disclosure control is always applied (the defaults of `nrs survey`): cells of fewer than 10 respondents "
      "are suppressed, small counts shown as \"*\", other counts rounded to 5, with secondary suppression.";
  const Parameter survey{"survey", String("", 200), "The stored survey's name (nrs survey list)", true,
                         "Resident survey (synthetic)"};
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/surveys/estimate";
    r.operation_id = "estimateSurvey";
    r.tag = "surveys";
    r.summary = "estimate from a household survey";
    r.description =
        "Design-based means, totals, proportions or ratios, by domain, with standard errors, intervals and design "
        "effects, as `nrs survey estimate` gives them." +
        disclosure;
    r.permission = Permission::kAnalyseSurveys;
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{64} << 20;
    r.request_schema = Object(DesignProperties(EstimateProperties()), {"data", "weight"});
    r.response_schema = AnyTable();
    r.errors = {ErrorCode::kNotFound, ErrorCode::kIoError};
    r.handler = [](Call& call) -> Result<Reply> {
      return SurveyReply(call, [&call](const SurveyDesignOptions& design) {
        return EstimateSurvey(EstimateFrom(call.body(), design));
      });
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/surveys/did";
    r.operation_id = "surveyDifferenceInDifferences";
    r.tag = "surveys";
    r.summary = "compare programme and comparison areas across two waves";
    r.description =
        "Difference in differences of a survey outcome with its design-based interval (clusters shared across "
        "waves), as `nrs survey did` gives it." +
        disclosure;
    r.permission = Permission::kAnalyseSurveys;
    r.body = BodyKind::kJson;
    r.body_limit = std::size_t{64} << 20;
    r.request_schema = Object(DesignProperties(DidProperties()), {"data", "weight"});
    r.response_schema = AnyTable();
    r.errors = {ErrorCode::kNotFound, ErrorCode::kIoError};
    r.handler = [](Call& call) -> Result<Reply> {
      return SurveyReply(call, [&call](const SurveyDesignOptions& design) {
        return SurveyDifferenceInDifferences(DidFrom(call.body(), design));
      });
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/surveys";
    r.operation_id = "listSurveys";
    r.tag = "surveys";
    r.summary = "list the stored surveys";
    r.description =
        "Each survey stored by `nrs survey import --survey NAME`, as `nrs survey list` gives it: its instrument, "
        "whether it is synthetic, and how many respondents, waves and areas it has (no respondent data).";
    r.permission = Permission::kAnalyseSurveys;
    r.response_schema = AnyTable();
    r.caching = Caching::kByDataVersion;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(core::Table table, ListSurveys(call.app()));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/surveys/{survey}/estimate";
    r.operation_id = "estimateStoredSurvey";
    r.tag = "surveys";
    r.summary = "estimate from a stored survey";
    r.description =
        "As /api/v1/surveys/estimate, on a survey stored in the database (its weights, strata, clusters and "
        "panel are stored with it), as `nrs survey estimate --survey NAME` gives it." +
        disclosure;
    r.permission = Permission::kAnalyseSurveys;
    r.path_parameters = {survey};
    r.body = BodyKind::kJson;
    r.request_schema = Object(StoredDesignProperties(EstimateProperties()), {});
    r.response_schema = AnyTable();
    r.errors = {ErrorCode::kNotFound};
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(core::Table table,
                           EstimateSurvey(call.app(), EstimateFrom(call.body(), StoredDesign(call))));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kPost;
    r.path = "/api/v1/surveys/{survey}/did";
    r.operation_id = "storedSurveyDifferenceInDifferences";
    r.tag = "surveys";
    r.summary = "difference in differences on a stored survey";
    r.description =
        "As /api/v1/surveys/did, on a survey stored in the database, as `nrs survey did --survey NAME` gives it." +
        disclosure;
    r.permission = Permission::kAnalyseSurveys;
    r.path_parameters = {survey};
    r.body = BodyKind::kJson;
    r.request_schema = Object(StoredDesignProperties(DidProperties()), {});
    r.response_schema = AnyTable();
    r.errors = {ErrorCode::kNotFound};
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(core::Table table,
                           SurveyDifferenceInDifferences(call.app(), DidFrom(call.body(), StoredDesign(call))));
      return call.Table(std::move(table));
    };
    routes.push_back(std::move(r));
  }
}

}  // namespace

void AddSystemsRoutes(std::vector<Route>& routes) {
  AddStoredMapRoutes(routes);
  AddRegisterRoutes(routes);
  AddSurveyRoutes(routes);
}

}  // namespace nrs::server
