// nrs map …: measures, loops, reach, paths, change and conversion of system maps held in files or stored
// for a neighbourhood; importing, exporting and publishing stored maps.

#include "cli/command.h"
#include "nrs/maps.h"
#include "nrs/system_maps.h"

namespace nrs::cli {
namespace {

struct MapArgs {
  MapMeasuresOptions measures;
  MapLoopsOptions loops;
  MapReachOptions reach;
  MapPathsOptions paths;
  MapChangeOptions change;
  MapConvertOptions convert;
  std::string groups;  // --groups: a node table that must cover every node
  StoredMap stored;    // --neighbourhood, --date: a stored map instead of a file
  std::string format = "table";
};

// --edges, --directed, --nodes and --groups of an actor map.
// --neighbourhood and --date: a neighbourhood's stored map instead of a file.
CLI::Option* AddStoredMapInput(CLI::App* command, StoredMap* stored, bool with_date = true) {
  CLI::Option* n = command->add_option("--neighbourhood", stored->neighbourhood,
                                       "Use the neighbourhood's stored map instead of a file");
  if (with_date) command->add_option("--date", stored->date, "The stored map as it stood on this date (YYYY-MM-DD)");
  return n;
}

void AddActorMapInput(CLI::App* command, MapInput* input, std::string* groups, StoredMap* stored) {
  CLI::Option* neighbourhood = AddStoredMapInput(command, stored);
  command->add_option("--edges", input->path, "The ties: CSV edge table (source,target or From,To), .graphml or .gexf")
      ->excludes(neighbourhood);
  command->add_flag("--directed", input->directed, "The ties of a CSV edge table are directed (source → target)");
  auto* nodes = command->add_option("--nodes", input->nodes_path,
                                    "CSV node table: node (or ID/Label), sector, kind, role, influence, …");
  command->add_option("--groups", *groups, "CSV table of every node's sector (node,sector), for brokerage and bridging")
      ->excludes(nodes);
}

void AddFactorMapInput(CLI::App* command, MapInput* input, StoredMap* stored) {
  CLI::Option* neighbourhood = AddStoredMapInput(command, stored);
  command
      ->add_option("--links", input->path, "The causal links: CSV (source,target,sign with + or -), .graphml or .gexf")
      ->excludes(neighbourhood);
  command->add_option("--nodes", input->nodes_path, "CSV node table of the factors (node, label, domains, indicator)");
}

// --groups is --nodes with a row required for every node.
void ApplyGroups(const std::string& groups, MapInput* input) {
  if (groups.empty()) return;
  input->nodes_path = groups;
  input->nodes_complete = true;
}

Status Print(Context& ctx, const Result<MapOutput>& output, const std::string& format) {
  NRS_RETURN_IF_ERROR(output.status());
  for (const std::string& note : output->notes) *ctx.err << "nrs: note: " << note << '\n';
  return PrintTable(ctx, output->table, format);
}

// Runs the analysis on the stored map when --neighbourhood was given, else on the files.
template <typename Options, typename FileFn, typename StoredFn>
Status Run(Context& ctx, const MapArgs& args, const Options& options, FileFn on_file, StoredFn on_stored) {
  if (args.stored.neighbourhood.empty()) return Print(ctx, on_file(options), args.format);
  NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
  return Print(ctx, on_stored(*app, args.stored, options), args.format);
}

void AddMeasureOptions(CLI::App* command, MapMeasuresOptions* options) {
  command->add_option("--threads", options->threads, "Threads for betweenness (0 = every core)")->capture_default_str();
  command
      ->add_option("--exact-limit", options->exact_betweenness_max_nodes,
                   "Above this many nodes, estimate betweenness from a sample of sources")
      ->capture_default_str();
  command->add_option("--sample", options->betweenness_sample_sources, "Sources sampled above the exact limit")
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Seed of Louvain's node order and of the sample")->capture_default_str();
}

}  // namespace

void AddMapCommands(CLI::App& cli, Context& ctx) {
  auto args = std::make_shared<MapArgs>();
  CLI::App* map = cli.add_subcommand("map", "Actor maps and causal factor maps: analyse files or stored maps");
  map->require_subcommand(1);

  CLI::App* measures = map->add_subcommand(
      "measures",
      "Per actor: degree, betweenness, closeness, eigenvector, constraint, clustering, brokerage roles, "
      "community");
  AddActorMapInput(measures, &args->measures.input, &args->groups, &args->stored);
  AddMeasureOptions(measures, &args->measures);
  AddFormatOption(measures, &args->format);
  measures->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      ApplyGroups(args->groups, &args->measures.input);
      return Run(
          ctx, *args, args->measures, [](const MapMeasuresOptions& o) { return MapMeasures(o); },
          [](App& app, const StoredMap& m, const MapMeasuresOptions& o) { return MapMeasures(app, m, o); });
    };
  });

  CLI::App* summary = map->add_subcommand(
      "summary",
      "The whole map: density, transitivity, components, diameter, communities, bridging ties, residents' "
      "reach");
  AddActorMapInput(summary, &args->measures.input, &args->groups, &args->stored);
  AddMeasureOptions(summary, &args->measures);
  AddFormatOption(summary, &args->format);
  summary->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      ApplyGroups(args->groups, &args->measures.input);
      return Run(
          ctx, *args, args->measures, [](const MapMeasuresOptions& o) { return MapSummary(o); },
          [](App& app, const StoredMap& m, const MapMeasuresOptions& o) { return MapSummary(app, m, o); });
    };
  });

  CLI::App* change = map->add_subcommand("change", "What changed between two dates (ties' valid_from / valid_to)");
  AddActorMapInput(change, &args->change.measures.input, &args->groups, &args->stored);
  change->add_option("--before", args->change.before, "The earlier date, YYYY-MM-DD")->required();
  change->add_option("--after", args->change.after, "The later date, YYYY-MM-DD")->required();
  change->add_flag("--ties", args->change.ties, "List the ties added and lost instead of each actor's measures");
  AddMeasureOptions(change, &args->change.measures);
  AddFormatOption(change, &args->format);
  change->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      ApplyGroups(args->groups, &args->change.measures.input);
      return Run(
          ctx, *args, args->change, [](const MapChangeOptions& o) { return MapChange(o); },
          [](App& app, const StoredMap& m, const MapChangeOptions& o) { return MapChange(app, m.neighbourhood, o); });
    };
  });

  CLI::App* loops = map->add_subcommand("loops", "Every feedback loop of a causal factor map, with its polarity");
  AddFactorMapInput(loops, &args->loops.input, &args->stored);
  loops->add_option("--max-length", args->loops.max_length, "Longest loop, in links (0 = no bound)")
      ->capture_default_str();
  loops->add_option("--max-loops", args->loops.max_loops, "Loops listed at most; the rest are counted")
      ->capture_default_str();
  AddFormatOption(loops, &args->format);
  loops->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run(
          ctx, *args, args->loops, [](const MapLoopsOptions& o) { return MapLoops(o); },
          [](App& app, const StoredMap& m, const MapLoopsOptions& o) { return MapLoops(app, m, o); });
    };
  });

  CLI::App* factors = map->add_subcommand(
      "factors", "Per factor of a causal map: degrees, leverage (out/in), upstream and downstream counts, loops");
  AddFactorMapInput(factors, &args->loops.input, &args->stored);
  factors->add_option("--max-length", args->loops.max_length, "Longest loop counted, in links (0 = no bound)")
      ->capture_default_str();
  AddFormatOption(factors, &args->format);
  factors->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run(
          ctx, *args, args->loops, [](const MapLoopsOptions& o) { return MapFactors(o); },
          [](App& app, const StoredMap& m, const MapLoopsOptions& o) { return MapFactors(app, m, o); });
    };
  });

  CLI::App* reach = map->add_subcommand("reach", "What acts on a factor (upstream) and what it acts on (downstream)");
  AddFactorMapInput(reach, &args->reach.input, &args->stored);
  reach->add_option("--factor", args->reach.factor, "The factor's id")->required();
  AddFormatOption(reach, &args->format);
  reach->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run(
          ctx, *args, args->reach, [](const MapReachOptions& o) { return MapReach(o); },
          [](App& app, const StoredMap& m, const MapReachOptions& o) { return MapReach(app, m, o); });
    };
  });

  CLI::App* paths = map->add_subcommand("paths", "Every way one factor acts on another, with the sign of each path");
  AddFactorMapInput(paths, &args->paths.input, &args->stored);
  paths->add_option("--from", args->paths.from, "The factor the paths start from")->required();
  paths->add_option("--to", args->paths.to, "The factor they end at")->required();
  paths->add_option("--max-length", args->paths.max_length, "Longest path, in links (0 = no bound)")
      ->capture_default_str();
  paths->add_option("--max-paths", args->paths.max_paths, "Paths listed at most; the rest are counted")
      ->capture_default_str();
  AddFormatOption(paths, &args->format);
  paths->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      return Run(
          ctx, *args, args->paths, [](const MapPathsOptions& o) { return MapPaths(o); },
          [](App& app, const StoredMap& m, const MapPathsOptions& o) { return MapPaths(app, m, o); });
    };
  });

  CLI::App* convert = map->add_subcommand(
      "convert", "Write a map in another format: CSV edge and node tables (PRSM, Kumu), GraphML, GEXF");
  convert->add_option("--from", args->convert.input.path, "The map: .csv edge table, .graphml or .gexf")->required();
  convert->add_option("--nodes", args->convert.input.nodes_path, "CSV node table going with a .csv edge table");
  convert->add_flag("--directed", args->convert.input.directed, "The ties of a CSV edge table are directed");
  convert->add_option("--to", args->convert.output_path, "The file to write: .csv, .graphml or .gexf")->required();
  convert->add_option("--to-nodes", args->convert.output_nodes_path, "Also write the node table (.csv) here");
  AddFormatOption(convert, &args->format);
  convert->callback(
      [&ctx, args] { ctx.run = [&ctx, args] { return Print(ctx, ConvertMap(args->convert), args->format); }; });

  auto import_options = std::make_shared<SystemMapImportOptions>();
  auto import_factors = std::make_shared<bool>(false);
  CLI::App* import = map->add_subcommand(
      "import", "Store a neighbourhood's actor map (or, with --factors, its causal factor map) from files");
  import->add_option("--neighbourhood", import_options->neighbourhood, "The neighbourhood")->required();
  import->add_option("--edges,--links", import_options->input.path, "The ties or links: CSV, .graphml or .gexf")
      ->required();
  import->add_option("--nodes", import_options->input.nodes_path,
                     "CSV node table: node, kind (person|organisation), sector, role, label, influence, domains");
  import->add_flag("--directed", import_options->input.directed, "The ties of a CSV edge table are directed");
  import->add_flag("--factors", *import_factors, "A causal factor map (directed, every link signed + or -)");
  import->callback([&ctx, import_options, import_factors] {
    ctx.run = [&ctx, import_options, import_factors]() -> Status {
      import_options->kind = *import_factors ? MapKind::kFactors : MapKind::kActors;
  NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
  NRS_ASSIGN_OR_RETURN(const ImportReport report, ImportSystemMap(*app, *import_options));
  *ctx.out << fmt::format("Stored the {}.\n", report.dataset);
  for (const std::string& note : report.notes) *ctx.out << "  " << note << '\n';
  return Status::Ok();
};
}  // namespace nrs::cli
);

auto export_options = std::make_shared<MapConvertOptions>();
auto export_factors = std::make_shared<bool>(false);
CLI::App* exp = map->add_subcommand("export", "Write a neighbourhood's stored map as CSV, GraphML or GEXF");
AddStoredMapInput(exp, &args->stored)->required();
exp->add_flag("--factors", *export_factors, "The causal factor map rather than the actor map");
exp->add_option("--to", export_options->output_path, "The file to write: .csv, .graphml or .gexf")->required();
exp->add_option("--to-nodes", export_options->output_nodes_path, "Also write the node table (.csv) here");
AddFormatOption(exp, &args->format);
exp->callback([&ctx, args, export_options, export_factors] {
  ctx.run = [&ctx, args, export_options, export_factors]() -> Status {
    NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
    return Print(
        ctx,
        ExportSystemMap(*app, args->stored, *export_factors ? MapKind::kFactors : MapKind::kActors, *export_options),
        args->format);
  };
});

auto publish_options = std::make_shared<MapIndicatorOptions>();
CLI::App* publish = map->add_subcommand(
    "publish", "Publish actor-map measures (density, bridging, residents' reach, oversight) as indicators");
publish->add_option("--neighbourhood", publish_options->neighbourhood, "Only this neighbourhood (default: all)");
publish->add_option("--date", publish_options->date, "The maps as they stood on this date (YYYY-MM-DD)");
publish->add_option("--period", publish_options->period, "Period of the values (default: the date's year)");
AddFormatOption(publish, &args->format);
publish->callback([&ctx, args, publish_options] {
  ctx.run = [&ctx, args, publish_options]() -> Status {
    NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
    NRS_ASSIGN_OR_RETURN(const core::Table table, PublishMapIndicators(*app, *publish_options));
    return PrintTable(ctx, table, args->format);
  };
});
}

}  // namespace nrs::cli
