// nrs activity …: the register of activities and actions and its coverage of the framework's domains.

#include "cli/command.h"
#include "nrs/system_maps.h"

namespace nrs::cli {

void AddActivityCommands(CLI::App& cli, Context& ctx) {
  CLI::App* activity = cli.add_subcommand("activity", "The register of activities and actions, by domain");
  activity->require_subcommand(1);

  auto o = std::make_shared<ActivityOptions>();
  auto cost = std::make_shared<double>(-1);
  CLI::App* add =
      activity->add_subcommand("add", "Record an activity already running, or an action (new work or a tweak)");
  add->add_option("title", o->title, "What it is, in a few words")->required();
  add->add_option("--kind", o->kind, "activity or action")
      ->check(CLI::IsMember({"activity", "action"}))
      ->capture_default_str();
  add->add_option("--neighbourhood", o->neighbourhoods, "Where (repeatable, or comma-separated)")
      ->delimiter(',')
      ->required();
  add->add_option("--domain", o->domains, "Framework domains it serves (repeatable, or comma-separated)")
      ->delimiter(',')
      ->required();
  add->add_option("--affects", o->affects, "Other domains it is reported to affect")->delimiter(',');
  add->add_option("--status", o->status, "proposed, planned, under way, done or stopped")->capture_default_str();
  add->add_option("--tweak-of", o->tweak_of, "The id of the activity an action changes");
  add->add_option("--start", o->start_date, "Start date, YYYY-MM-DD");
  add->add_option("--end", o->end_date, "End date, YYYY-MM-DD");
  add->add_option("--cost", *cost, "Cost in pounds");
  add->add_option("--lead", o->lead, "The lead actor (its key in the neighbourhood's actor map)");
  add->add_option("--partner", o->partners, "Partner actors (repeatable, or comma-separated)")->delimiter(',');
  add->add_option("--evidence", o->evidence, "What it draws on (reviews, survey findings, concerns)");
  add->add_option("--indicator", o->indicators, "Indicators it should move (catalogue keys)")->delimiter(',');
  add->add_option("--description", o->description, "Free text");
  add->callback([&ctx, o, cost] {
    ctx.run = [&ctx, o, cost]() -> Status {
      if (*cost >= 0) o->cost = *cost;
      NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
      NRS_ASSIGN_OR_RETURN(const std::int64_t id, AddActivity(*app, *o));
      *ctx.out << fmt::format("Added {} {}: {}.\n", o->kind, id, o->title);
      return Status::Ok();
    };
  });

  auto list_options = std::make_shared<ActivityListOptions>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* list = activity->add_subcommand("list", "List activities and actions");
  list->add_option("--neighbourhood", list_options->neighbourhood, "Only those in this neighbourhood");
  list->add_option("--domain", list_options->domain, "Only those serving this domain");
  list->add_option("--kind", list_options->kind, "Only activities or only actions")
      ->check(CLI::IsMember({"activity", "action"}));
  AddFormatOption(list, format.get());
  list->callback([&ctx, list_options, format] {
    ctx.run = [&ctx, list_options, format]() -> Status {
      NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
      NRS_ASSIGN_OR_RETURN(const core::Table table, ListActivities(*app, *list_options));
      return PrintTable(ctx, table, *format);
    };
  });

  CLI::App* coverage = activity->add_subcommand(
      "coverage", "Domains × neighbourhoods: activities, actions, effects reported from other domains, gaps");
  AddFormatOption(coverage, format.get());
  coverage->callback([&ctx, format] {
    ctx.run = [&ctx, format]() -> Status {
      NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
      NRS_ASSIGN_OR_RETURN(const core::Table table, ActivityCoverage(*app));
      return PrintTable(ctx, table, *format);
    };
  });
}

}  // namespace nrs::cli
