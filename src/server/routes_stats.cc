// Public-health statistics over data sent with the request (the CSV as text), as `nrs stats` computes them.

#include "nrs/statistics.h"
#include "server/replies.h"
#include "server/request_files.h"
#include "server/state.h"

namespace nrs::server {
namespace {

template <typename Enum>
std::vector<std::string> Names(std::span<const Choice<Enum>> choices) {
  std::vector<std::string> names;
  for (const Choice<Enum>& c : choices) names.emplace_back(c.name);
  return names;
}

template <typename Enum>
Enum Chosen(std::span<const Choice<Enum>> choices, const Json& object, const char* key, Enum fallback) {
  if (!object.contains(key)) return fallback;
  const std::string name = object[key];
  for (const Choice<Enum>& c : choices) {
    if (c.name == name) return c.value;
  }
  return fallback;  // not reached: the schema allows only the names
}

Json Column() { return schema::String("A column of the CSV", 200); }
Json Columns() { return schema::Array(Column(), "", 100); }

Json BodySchema() {
  using namespace schema;  // NOLINT(google-build-using-namespace): a schema reads better without the prefix
  return Object(
      {{"csv", String("The data: CSV text with a header row (as `nrs stats --input` reads)")},
       {"filename", String("How messages name the data (default input.csv)", 100)},
       {"where", Array(String("", 500), "Only rows where COLUMN=VALUE (or !=, <, <=, >, >=)", 100)},
       {"group", Columns()},
       {"x", Column()},
       {"n", Column()},
       {"confidence", Array(Number(), "Confidence levels, e.g. [0.95, 0.998]", 5)},
       {"multiplier", Number("The scale of the values")},
       {"comparator", Number("Compare each interval with this value")},
       {"polarity", Enum(Names(PolarityChoices()))},
       {"rate", Object({{"method", Enum(Names(RateMethodChoices()))}})},
       {"standardisation", Object({{"age", Column()},
                                   {"standard", Column()},
                                   {"event_frequencies", Columns()},
                                   {"reference_csv", String("ISR: the reference bands as CSV text")},
                                   {"ref_x", Column()},
                                   {"ref_n", Column()},
                                   {"ref_age", Column()},
                                   {"isr_rate", Boolean()}})},
       {"sii", Object({{"quantile", Column()},
                       {"value", Column()},
                       {"se", Column()},
                       {"lower", Column()},
                       {"upper", Column()},
                       {"value_type", Enum(Names(SiiValueTypeChoices()))},
                       {"transform", Boolean()},
                       {"repetitions", Integer("Simulations for the intervals", 1, 1'000'000)},
                       {"seed", Integer("", 0)}})},
       {"quantile",
        Object({{"quantiles", Integer("", 2, 1000)}, {"lowest_first", Boolean()}, {"invert_column", Column()}})},
       {"funnel", Object({{"statistic", Enum(Names(FunnelStatisticChoices()))},
                          {"ratio_type", Enum(Names(RatioTypeChoices()))},
                          {"rate_type", Enum(Names(RateTypeChoices()))},
                          {"rate", Column()},
                          {"years", Number()},
                          {"limits", Boolean()}})},
       {"trend", Object({{"time", Column()}, {"points", Integer("", 2, 1000)}})}},
      {"csv"});
}

std::string Text(const Json& object, const char* key) { return object.value(key, std::string()); }

Result<StatisticsOptions> OptionsFrom(StatisticKind kind, const Json& b, const RequestFiles& files) {
  StatisticsOptions o;
  o.kind = kind;
  NRS_ASSIGN_OR_RETURN(o.input, files.Write(b.value("filename", "input.csv"), b["csv"].get<std::string>()));
  o.where = b.value("where", std::vector<std::string>{});
  o.group = b.value("group", std::vector<std::string>{});
  o.x = Text(b, "x");
  o.n = Text(b, "n");
  if (b.contains("confidence")) {
    const auto levels = b["confidence"].get<std::vector<double>>();
    NRS_ASSIGN_OR_RETURN(o.confidence, ParseConfidenceLevels(fmt::format("{}", fmt::join(levels, ","))));
  }
  if (b.contains("multiplier")) o.multiplier = b["multiplier"].get<double>();
  if (b.contains("comparator")) o.comparator = b["comparator"].get<double>();
  o.polarity = Chosen(PolarityChoices(), b, "polarity", o.polarity);
  const Json empty = Json::object();
  const Json& rate = b.contains("rate") ? b["rate"] : empty;
  o.rate.method = Chosen(RateMethodChoices(), rate, "method", o.rate.method);
  const Json& st = b.contains("standardisation") ? b["standardisation"] : empty;
  o.standardisation.age = Text(st, "age");
  o.standardisation.standard = Text(st, "standard");
  o.standardisation.event_frequencies = st.value("event_frequencies", std::vector<std::string>{});
  if (st.contains("reference_csv")) {
    NRS_ASSIGN_OR_RETURN(o.standardisation.reference,
                         files.Write("reference.csv", st["reference_csv"].get<std::string>()));
  }
  o.standardisation.ref_x = Text(st, "ref_x");
  o.standardisation.ref_n = Text(st, "ref_n");
  o.standardisation.ref_age = Text(st, "ref_age");
  o.standardisation.isr_rate = st.value("isr_rate", false);
  const Json& sii = b.contains("sii") ? b["sii"] : empty;
  o.sii.quantile = Text(sii, "quantile");
  o.sii.value = Text(sii, "value");
  o.sii.se = Text(sii, "se");
  o.sii.lower = Text(sii, "lower");
  o.sii.upper = Text(sii, "upper");
  o.sii.value_type = Chosen(SiiValueTypeChoices(), sii, "value_type", o.sii.value_type);
  o.sii.transform = sii.value("transform", false);
  o.sii.repetitions = sii.value("repetitions", o.sii.repetitions);
  o.sii.seed = sii.value("seed", o.sii.seed);
  const Json& q = b.contains("quantile") ? b["quantile"] : empty;
  o.quantile.quantiles = q.value("quantiles", o.quantile.quantiles);
  o.quantile.lowest_first = q.value("lowest_first", false);
  o.quantile.invert_column = Text(q, "invert_column");
  const Json& f = b.contains("funnel") ? b["funnel"] : empty;
  o.funnel.statistic = Chosen(FunnelStatisticChoices(), f, "statistic", o.funnel.statistic);
  o.funnel.ratio_type = Chosen(RatioTypeChoices(), f, "ratio_type", o.funnel.ratio_type);
  o.funnel.rate_type = Chosen(RateTypeChoices(), f, "rate_type", o.funnel.rate_type);
  o.funnel.rate = Text(f, "rate");
  o.funnel.years = f.value("years", o.funnel.years);
  o.funnel.limits = f.value("limits", false);
  const Json& t = b.contains("trend") ? b["trend"] : empty;
  o.trend.time = Text(t, "time");
  o.trend.points = t.value("points", o.trend.points);
  return o;
}

}  // namespace

void AddStatisticsRoutes(std::vector<Route>& routes) {
  Route r;
  r.method = Method::kPost;
  r.path = "/api/v1/statistics/{kind}";
  r.operation_id = "computeStatistic";
  r.tag = "statistics";
  r.summary = "compute a public-health statistic";
  r.description =
      "As `nrs stats <kind>`: the statistic for every row (or group) of the CSV sent in the body, with its "
      "intervals, as the national profiles compute them (PHEindicatormethods). Rows keep their order; a row that "
      "cannot be computed keeps its place with empty values and a reason. Which fields a statistic needs is as "
      "for its command (docs/cli.md).";
  r.permission = Permission::kComputeStatistics;
  r.path_parameters = {{"kind", schema::Enum(Names(StatisticChoices())), "The statistic", true, "proportion"}};
  r.body = BodyKind::kJson;
  r.body_limit = std::size_t{64} << 20;
  r.request_schema = BodySchema();
  r.response_schema = schema::AnyTable();
  r.handler = [](Call& call) -> Result<Reply> {
    StatisticKind kind = StatisticKind::kProportion;
    bool known = false;
    for (const Choice<StatisticKind>& c : StatisticChoices()) {
      if (c.name == call.Path("kind")) {
        kind = c.value;
        known = true;
      }
    }
    if (!known) {
      return Status::NotFound("no statistic '{}'; the statistics are {}", call.Path("kind"),
                              fmt::join(Names(StatisticChoices()), ", "));
    }
    NRS_ASSIGN_OR_RETURN(const auto files, RequestFiles::Create(call.state().options().upload_dir));
    auto options = OptionsFrom(kind, call.body(), *files);
    if (!options.ok()) return files->Scrub(options.status());
    auto table = ComputeStatistics(*options);
    if (!table.ok()) return files->Scrub(table.status());
    return call.Table(std::move(table).value());
  };
  r.errors = {ErrorCode::kNotFound, ErrorCode::kIoError};
  routes.push_back(std::move(r));
}

}  // namespace nrs::server
