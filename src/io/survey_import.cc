#include "io/survey_import.h"

#include <set>
#include <utility>

#include "core/text.h"
#include "io/survey_data.h"

namespace nrs::io {
namespace {

std::string Codes(const survey::Item& item) {
  std::string text;
  for (const survey::ResponseOption& o : item.options) text += (text.empty() ? "" : ", ") + std::to_string(o.code);
  for (const int m : item.missing_codes) text += fmt::format(", {} (missing)", m);
  return text;
}

}  // namespace

Result<SurveyResponses> ReadSurveyResponses(const std::string& path, const survey::Instrument& instrument,
                                            const ImportMapping& mapping) {
  NRS_ASSIGN_OR_RETURN(const SurveyColumns data, ReadSurveyColumns(path, {}));
  DiagnosticList problems(path);
  SurveyResponses out;
  out.lines = data.lines;
  std::set<std::string> known;
  for (const char* role : {"respondent", "area", "wave", "weight"}) {
    const auto it = mapping.design.find(role);
    if (it == mapping.design.end() || data.Find(it->second) < 0) {
      problems.Add(1, it == mapping.design.end() ? role : it->second, "the design column for the {} is missing", role);
    }
  }
  for (const auto& [role, column] : mapping.design) {
    const int c = data.Find(column);
    if (c < 0) continue;
    out.design[role] = data.text[static_cast<std::size_t>(c)];
    known.insert(column);
  }
  for (const std::string& a : mapping.attributes) {
    const int c = data.Find(a);
    if (c < 0) continue;
    out.attributes[a] = data.text[static_cast<std::size_t>(c)];
    known.insert(a);
  }
  out.answers.resize(instrument.items.size());
  out.item_present.assign(instrument.items.size(), false);
  for (std::size_t k = 0; k < instrument.items.size(); ++k) {
    const survey::Item& item = instrument.items[k];
    const auto mapped = mapping.items.find(item.code);
    const std::string column = mapped == mapping.items.end() ? item.code : mapped->second;
    std::vector<int>& answers = out.answers[k];
    answers.assign(data.rows(), -1);
    const int c = data.Find(column);
    if (c < 0) {
      if (mapped != mapping.items.end())
        problems.Add(1, column, "the column mapped to item '{}' is missing", item.code);
      continue;
    }
    out.item_present[k] = true;
    known.insert(column);
    for (std::size_t r = 0; r < data.rows(); ++r) {
      const std::string& text = data.text[static_cast<std::size_t>(c)][r];
      if (IsMissingText(text)) continue;
      const auto code = core::ParseInt(text);
      if (code && item.IsMissing(static_cast<int>(*code))) continue;
      if (!code || !item.IsValid(static_cast<int>(*code))) {
        problems.Add(data.lines[r], column, "'{}' is not an answer of item '{}' (codes {})", text, item.code,
                     Codes(item));
        continue;
      }
      answers[r] = static_cast<int>(*code);
    }
  }
  for (const std::string& name : data.names) {
    if (!known.contains(name)) {
      problems.Add(1, name, "unknown item: neither in the instrument nor a design or attribute column of the mapping");
    }
  }
  if (const auto weights = out.design.find("weight"); weights != out.design.end()) {
    for (std::size_t r = 0; r < data.rows(); ++r) {
      const auto w = core::ParseDouble(weights->second[r]);
      if (!w || !(*w > 0))
        problems.Add(data.lines[r], mapping.design.at("weight"), "weight '{}' is not a positive number",
                     weights->second[r]);
    }
  }
  const auto ids = out.design.find("respondent");
  const auto waves = out.design.find("wave");
  if (ids != out.design.end() && waves != out.design.end()) {
    std::map<std::pair<std::string, std::string>, std::int64_t> seen;
    for (std::size_t r = 0; r < data.rows(); ++r) {
      const std::string id(core::Trim(ids->second[r]));
      if (id.empty()) {
        problems.Add(data.lines[r], mapping.design.at("respondent"), "the respondent has no id");
        continue;
      }
      const auto [it, added] =
          seen.emplace(std::make_pair(id, std::string(core::Trim(waves->second[r]))), data.lines[r]);
      if (!added) {
        problems.Add(data.lines[r], mapping.design.at("respondent"),
                     "respondent '{}' appears twice in wave {} (first at line {})", id, it->first.second, it->second);
      }
    }
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return out;
}

}  // namespace nrs::io
