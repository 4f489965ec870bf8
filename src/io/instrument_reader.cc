#include "io/instrument_reader.h"

#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "core/text.h"
#include "io/csv_reader.h"

namespace nrs::io {
namespace {

Status Problem(const std::string& file, const toml::source_region& where, std::string reason) {
  DiagnosticList problems(file);
  problems.AddReason(static_cast<std::int64_t>(where.begin.line), "", std::move(reason));
  return problems.ToStatus();
}

// [[code, label], …] into options.
Result<std::vector<survey::ResponseOption>> Options(const std::string& file, const toml::array& list) {
  std::vector<survey::ResponseOption> options;
  for (const toml::node& entry : list) {
    const toml::array* pair = entry.as_array();
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_integer() || !(*pair)[1].is_string()) {
      return Problem(file, entry.source(), "a response option is [code, \"label\"]");
    }
    options.push_back({static_cast<int>(*(*pair)[0].value<std::int64_t>()), *(*pair)[1].value<std::string>()});
  }
  return options;
}

Result<std::vector<int>> Integers(const std::string& file, const toml::node* node, const char* key) {
  std::vector<int> out;
  if (node == nullptr) return out;
  const toml::array* list = node->as_array();
  if (list == nullptr) return Problem(file, node->source(), fmt::format("'{}' is a list of integers", key));
  for (const toml::node& v : *list) {
    if (!v.is_integer()) return Problem(file, v.source(), fmt::format("'{}' is a list of integers", key));
    out.push_back(static_cast<int>(*v.value<std::int64_t>()));
  }
  return out;
}

Result<std::string> RequiredString(const std::string& file, const toml::table& table, const char* key,
                                   const char* what) {
  const auto value = table[key].value<std::string>();
  if (!value) return Problem(file, table.source(), fmt::format("{} needs a text '{}'", what, key));
  return *value;
}

// A lookup table: CSV of raw_score, metric_score (the first two columns).
Result<std::map<int, double>> LookupTable(const std::string& name, const std::string& text) {
  NRS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::FromText(name, text));
  std::map<int, double> table;
  DiagnosticList problems(name);
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, reader.Next());
    if (!more) break;
    const auto raw = core::ParseInt(reader.field(0));
    const auto score = reader.fields().size() > 1 ? core::ParseDouble(reader.field(1)) : std::nullopt;
    if (!raw || !score) {
      problems.Add(reader.line(), "", "expected a raw score and its converted score");
      continue;
    }
    table[static_cast<int>(*raw)] = *score;
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return table;
}

Result<survey::Instrument> Convert(const std::string& file, const toml::table& root, const FileResolver& resolve) {
  survey::Instrument instrument;
  instrument.name = root["name"].value_or(std::string("unnamed instrument"));
  std::map<std::string, std::vector<survey::ResponseOption>> sets;
  if (const toml::table* option_sets = root["option_sets"].as_table()) {
    for (const auto& [key, node] : *option_sets) {
      const toml::array* list = node.as_array();
      if (list == nullptr) return Problem(file, node.source(), "an option set is a list of [code, \"label\"]");
      NRS_ASSIGN_OR_RETURN(sets[std::string(key.str())], Options(file, *list));
    }
  }
  if (const toml::array* sections = root["section"].as_array()) {
    for (const toml::node& node : *sections) {
      const toml::table* t = node.as_table();
      if (t == nullptr) return Problem(file, node.source(), "[[section]] is a table");
      NRS_ASSIGN_OR_RETURN(std::string code, RequiredString(file, *t, "code", "a section"));
      instrument.sections.push_back({std::move(code), (*t)["title"].value_or(std::string())});
    }
  }
  if (const toml::array* items = root["item"].as_array()) {
    for (const toml::node& node : *items) {
      const toml::table* t = node.as_table();
      if (t == nullptr) return Problem(file, node.source(), "[[item]] is a table");
      survey::Item item;
      NRS_ASSIGN_OR_RETURN(item.code, RequiredString(file, *t, "code", "an item"));
      item.section = (*t)["section"].value_or(std::string());
      item.wording = (*t)["wording"].value_or(std::string());
      item.reverse = (*t)["reverse"].value_or(false);
      const toml::node* options = t->get("options");
      if (options != nullptr && options->is_string()) {
        const std::string set = *options->value<std::string>();
        if (!sets.contains(set)) return Problem(file, options->source(), fmt::format("no option set '{}'", set));
        item.options = sets[set];
      } else if (options != nullptr && options->is_array()) {
        NRS_ASSIGN_OR_RETURN(item.options, Options(file, *options->as_array()));
      } else {
        return Problem(file, t->source(), fmt::format("item '{}' needs options (a set's name or a list)", item.code));
      }
      NRS_ASSIGN_OR_RETURN(item.missing_codes, Integers(file, t->get("missing"), "missing"));
      instrument.items.push_back(std::move(item));
    }
  }
  if (const toml::array* scales = root["scale"].as_array()) {
    for (const toml::node& node : *scales) {
      const toml::table* t = node.as_table();
      if (t == nullptr) return Problem(file, node.source(), "[[scale]] is a table");
      survey::Scale scale;
      NRS_ASSIGN_OR_RETURN(scale.code, RequiredString(file, *t, "code", "a scale"));
      scale.name = (*t)["name"].value_or(scale.code);
      scale.missing_rule = (*t)["missing_rule"].value_or(std::string());
      scale.polarity = (*t)["polarity"].value_or(std::string("no_judgement"));
      scale.domain = (*t)["domain"].value_or(std::string("overall"));
      if (scale.polarity != "high_is_good" && scale.polarity != "low_is_good" && scale.polarity != "no_judgement") {
        return Problem(file, t->source(),
                       fmt::format("scale '{}': polarity '{}'; use high_is_good, low_is_good or no_judgement",
                                   scale.code, scale.polarity));
      }
      scale.max_missing = static_cast<int>((*t)["max_missing"].value_or(std::int64_t{0}));
      if (const toml::array* list = (*t)["items"].as_array()) {
        for (const toml::node& v : *list) {
          if (!v.is_string()) return Problem(file, v.source(), "a scale's items are item codes");
          scale.items.push_back(*v.value<std::string>());
        }
      }
      const std::string rule = (*t)["rule"].value_or(std::string());
      if (rule == "sum") {
        scale.rule = survey::ScoringRule::kSum;
      } else if (rule == "mean") {
        scale.rule = survey::ScoringRule::kMean;
      } else if (rule == "lookup") {
        scale.rule = survey::ScoringRule::kLookup;
        const auto lookup_file = (*t)["lookup_file"].value<std::string>();
        if (!lookup_file) return Problem(file, t->source(), "a lookup scale names its 'lookup_file'");
        NRS_ASSIGN_OR_RETURN(const std::string text, resolve(*lookup_file));
        NRS_ASSIGN_OR_RETURN(scale.lookup, LookupTable(*lookup_file, text));
      } else if (rule == "agree") {
        scale.rule = survey::ScoringRule::kAgree;
        NRS_ASSIGN_OR_RETURN(scale.positive_codes, Integers(file, t->get("agree"), "agree"));
      } else {
        return Problem(file, t->source(),
                       fmt::format("scale '{}': rule '{}'; use sum, mean, lookup or agree", scale.code, rule));
      }
      if (const toml::array* bands = (*t)["bands"].as_array()) {
        for (const toml::node& b : *bands) {
          const toml::array* pair = b.as_array();
          if (pair == nullptr || pair->size() != 2 || !(*pair)[1].is_string() || !(*pair)[0].is_number()) {
            return Problem(file, b.source(), "a band is [from, \"label\"]");
          }
          scale.bands.push_back({(*pair)[0].value<double>().value_or(0), *(*pair)[1].value<std::string>()});
        }
      }
      instrument.scales.push_back(std::move(scale));
    }
  }
  if (Status valid = instrument.Validate(); !valid.ok()) {
    return Status::InvalidInput("{}: {}", file, valid.message());
  }
  return instrument;
}

Result<toml::table> ParseToml(const std::string& name, const std::string& text) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& error) {
    return Problem(name, error.source(), std::string(error.description()));
  }
}

}  // namespace

Result<survey::Instrument> ParseInstrument(const std::string& name, const std::string& text,
                                           const FileResolver& resolve) {
  NRS_ASSIGN_OR_RETURN(const toml::table root, ParseToml(name, text));
  return Convert(name, root, resolve);
}

Result<survey::Instrument> ReadInstrument(const std::string& path) {
  NRS_ASSIGN_OR_RETURN(const std::string text, ReadFileText(path));
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  return ParseInstrument(path, text,
                         [&folder](const std::string& name) { return ReadFileText((folder / name).string()); });
}

ImportMapping DefaultImportMapping() {
  ImportMapping mapping;
  for (const char* role : {"respondent", "area", "wave", "household", "panel", "weight", "stratum", "cluster", "fpc"}) {
    mapping.design[role] = role;
  }
  mapping.design["panel"] = "panel_id";
  mapping.design["stratum"] = "area";
  mapping.design["cluster"] = "household";
  mapping.attributes = {"area_name", "area_class", "sex", "age_band"};
  return mapping;
}

Result<ImportMapping> ReadImportMapping(const std::string& path) {
  NRS_ASSIGN_OR_RETURN(const std::string text, ReadFileText(path));
  NRS_ASSIGN_OR_RETURN(const toml::table root, ParseToml(path, text));
  ImportMapping mapping;
  static const std::set<std::string> kRoles = {"respondent", "area",    "wave",    "household", "panel",
                                               "weight",     "stratum", "cluster", "fpc"};
  if (const toml::table* design = root["design"].as_table()) {
    for (const auto& [key, node] : *design) {
      const std::string role(key.str());
      if (!kRoles.contains(role)) {
        return Problem(path, node.source(),
                       fmt::format("unknown design role '{}' (respondent, area, wave, household, panel, weight, "
                                   "stratum, cluster, fpc)",
                                   role));
      }
      if (!node.is_string()) return Problem(path, node.source(), "a design role maps to a column name");
      mapping.design[role] = *node.value<std::string>();
    }
  }
  if (const toml::table* items = root["items"].as_table()) {
    for (const auto& [key, node] : *items) {
      if (!node.is_string()) return Problem(path, node.source(), "an item maps to a column name");
      mapping.items[std::string(key.str())] = *node.value<std::string>();
    }
  }
  if (const toml::array* attributes = root["attributes"].as_array()) {
    for (const toml::node& v : *attributes) {
      if (!v.is_string()) return Problem(path, v.source(), "attributes are column names");
      mapping.attributes.push_back(*v.value<std::string>());
    }
  }
  return mapping;
}

}  // namespace nrs::io
