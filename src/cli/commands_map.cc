// nrs map …: measures, loops, reach, paths, change and conversion of system maps held in files.

#include "cli/command.h"
#include "nrs/maps.h"

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
  std::string format = "table";
};

// --edges, --directed, --nodes and --groups of an actor map.
void AddActorMapInput(CLI::App* command, MapInput* input, std::string* groups) {
  command->add_option("--edges", input->path, "The ties: CSV edge table (source,target or From,To), .graphml or .gexf")
      ->required();
  command->add_flag("--directed", input->directed, "The ties of a CSV edge table are directed (source → target)");
  auto* nodes = command->add_option("--nodes", input->nodes_path,
                                    "CSV node table: node (or ID/Label), sector, kind, role, influence, …");
  command->add_option("--groups", *groups, "CSV table of every node's sector (node,sector), for brokerage and bridging")
      ->excludes(nodes);
}

void AddFactorMapInput(CLI::App* command, MapInput* input) {
  command
      ->add_option("--links", input->path, "The causal links: CSV (source,target,sign with + or -), .graphml or .gexf")
      ->required();
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
  CLI::App* map = cli.add_subcommand("map", "Analyse actor maps and causal factor maps held in files");
  map->require_subcommand(1);

  CLI::App* measures = map->add_subcommand(
      "measures",
      "Per actor: degree, betweenness, closeness, eigenvector, constraint, clustering, brokerage roles, "
      "community");
  AddActorMapInput(measures, &args->measures.input, &args->groups);
  AddMeasureOptions(measures, &args->measures);
  AddFormatOption(measures, &args->format);
  measures->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      ApplyGroups(args->groups, &args->measures.input);
      return Print(ctx, MapMeasures(args->measures), args->format);
    };
  });

  CLI::App* summary = map->add_subcommand(
      "summary",
      "The whole map: density, transitivity, components, diameter, communities, bridging ties, residents' "
      "reach");
  AddActorMapInput(summary, &args->measures.input, &args->groups);
  AddMeasureOptions(summary, &args->measures);
  AddFormatOption(summary, &args->format);
  summary->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      ApplyGroups(args->groups, &args->measures.input);
      return Print(ctx, MapSummary(args->measures), args->format);
    };
  });

  CLI::App* change = map->add_subcommand("change", "What changed between two dates (ties' valid_from / valid_to)");
  AddActorMapInput(change, &args->change.measures.input, &args->groups);
  change->add_option("--before", args->change.before, "The earlier date, YYYY-MM-DD")->required();
  change->add_option("--after", args->change.after, "The later date, YYYY-MM-DD")->required();
  change->add_flag("--ties", args->change.ties, "List the ties added and lost instead of each actor's measures");
  AddMeasureOptions(change, &args->change.measures);
  AddFormatOption(change, &args->format);
  change->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      ApplyGroups(args->groups, &args->change.measures.input);
      return Print(ctx, MapChange(args->change), args->format);
    };
  });

  CLI::App* loops = map->add_subcommand("loops", "Every feedback loop of a causal factor map, with its polarity");
  AddFactorMapInput(loops, &args->loops.input);
  loops->add_option("--max-length", args->loops.max_length, "Longest loop, in links (0 = no bound)")
      ->capture_default_str();
  loops->add_option("--max-loops", args->loops.max_loops, "Loops listed at most; the rest are counted")
      ->capture_default_str();
  AddFormatOption(loops, &args->format);
  loops->callback([&ctx, args] { ctx.run = [&ctx, args] { return Print(ctx, MapLoops(args->loops), args->format); }; });

  CLI::App* factors = map->add_subcommand(
      "factors", "Per factor of a causal map: degrees, leverage (out/in), upstream and downstream counts, loops");
  AddFactorMapInput(factors, &args->loops.input);
  factors->add_option("--max-length", args->loops.max_length, "Longest loop counted, in links (0 = no bound)")
      ->capture_default_str();
  AddFormatOption(factors, &args->format);
  factors->callback(
      [&ctx, args] { ctx.run = [&ctx, args] { return Print(ctx, MapFactors(args->loops), args->format); }; });

  CLI::App* reach = map->add_subcommand("reach", "What acts on a factor (upstream) and what it acts on (downstream)");
  AddFactorMapInput(reach, &args->reach.input);
  reach->add_option("--factor", args->reach.factor, "The factor's id")->required();
  AddFormatOption(reach, &args->format);
  reach->callback([&ctx, args] { ctx.run = [&ctx, args] { return Print(ctx, MapReach(args->reach), args->format); }; });

  CLI::App* paths = map->add_subcommand("paths", "Every way one factor acts on another, with the sign of each path");
  AddFactorMapInput(paths, &args->paths.input);
  paths->add_option("--from", args->paths.from, "The factor the paths start from")->required();
  paths->add_option("--to", args->paths.to, "The factor they end at")->required();
  paths->add_option("--max-length", args->paths.max_length, "Longest path, in links (0 = no bound)")
      ->capture_default_str();
  paths->add_option("--max-paths", args->paths.max_paths, "Paths listed at most; the rest are counted")
      ->capture_default_str();
  AddFormatOption(paths, &args->format);
  paths->callback([&ctx, args] { ctx.run = [&ctx, args] { return Print(ctx, MapPaths(args->paths), args->format); }; });

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
}

}  // namespace nrs::cli
