#include "survey/instrument.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace nrs::survey {

bool Item::IsValid(int answer) const {
  return std::any_of(options.begin(), options.end(), [answer](const ResponseOption& o) { return o.code == answer; });
}

bool Item::IsMissing(int answer) const {
  return std::find(missing_codes.begin(), missing_codes.end(), answer) != missing_codes.end();
}

int Item::MinCode() const {
  int m = options.front().code;
  for (const ResponseOption& o : options) m = std::min(m, o.code);
  return m;
}

int Item::MaxCode() const {
  int m = options.front().code;
  for (const ResponseOption& o : options) m = std::max(m, o.code);
  return m;
}

std::string_view RuleName(ScoringRule rule) {
  switch (rule) {
    case ScoringRule::kSum:
      return "sum";
    case ScoringRule::kMean:
      return "mean";
    case ScoringRule::kLookup:
      return "lookup";
    case ScoringRule::kAgree:
      return "agree";
  }
  return "";
}

const Item* Instrument::FindItem(const std::string& code) const {
  for (const Item& item : items) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

Status Instrument::Validate() const {
  std::set<std::string> codes;
  std::set<std::string> section_codes;
  for (const Section& s : sections) {
    if (!section_codes.insert(s.code).second) return Status::InvalidArgument("section '{}' is defined twice", s.code);
  }
  for (const Item& item : items) {
    if (item.code.empty()) return Status::InvalidArgument("an item has no code");
    if (!codes.insert(item.code).second) return Status::InvalidArgument("item '{}' is defined twice", item.code);
    if (item.options.empty()) return Status::InvalidArgument("item '{}' has no response options", item.code);
    if (!item.section.empty() && !section_codes.contains(item.section)) {
      return Status::InvalidArgument("item '{}' names an unknown section '{}'", item.code, item.section);
    }
    std::set<int> option_codes;
    for (const ResponseOption& o : item.options) {
      if (!option_codes.insert(o.code).second) {
        return Status::InvalidArgument("item '{}' has response code {} twice", item.code, o.code);
      }
    }
    for (const int m : item.missing_codes) {
      if (option_codes.contains(m)) {
        return Status::InvalidArgument("item '{}': code {} is both an answer and a missing code", item.code, m);
      }
    }
  }
  for (const Scale& scale : scales) {
    if (scale.code.empty()) return Status::InvalidArgument("a scale has no code");
    if (!codes.insert(scale.code).second) {
      return Status::InvalidArgument("scale '{}' has the code of another item or scale", scale.code);
    }
    if (scale.items.empty()) return Status::InvalidArgument("scale '{}' has no items", scale.code);
    int low = 0;
    int high = 0;
    for (const std::string& code : scale.items) {
      const Item* item = FindItem(code);
      if (item == nullptr) return Status::InvalidArgument("scale '{}' names an unknown item '{}'", scale.code, code);
      low += item->MinCode();
      high += item->MaxCode();
    }
    if (scale.max_missing < 0 || scale.max_missing >= static_cast<int>(scale.items.size())) {
      return Status::InvalidArgument("scale '{}': max_missing {} must be below its {} items", scale.code,
                                     scale.max_missing, scale.items.size());
    }
    if (scale.rule == ScoringRule::kLookup) {
      if (scale.max_missing != 0) return Status::InvalidArgument("scale '{}': a lookup needs every item", scale.code);
      for (int raw = low; raw <= high; ++raw) {
        if (!scale.lookup.contains(raw)) {
          return Status::InvalidArgument("scale '{}': the lookup table has no score for raw total {}", scale.code, raw);
        }
      }
    }
    if (scale.rule == ScoringRule::kAgree) {
      if (scale.items.size() != 1 || scale.positive_codes.empty()) {
        return Status::InvalidArgument("scale '{}': an agree rule takes one item and its agreeing codes", scale.code);
      }
      const Item* item = FindItem(scale.items[0]);
      for (const int c : scale.positive_codes) {
        if (!item->IsValid(c)) {
          return Status::InvalidArgument("scale '{}': {} is not an answer of '{}'", scale.code, c, item->code);
        }
      }
    }
    for (std::size_t b = 1; b < scale.bands.size(); ++b) {
      if (!(scale.bands[b].from > scale.bands[b - 1].from)) {
        return Status::InvalidArgument("scale '{}': bands must rise", scale.code);
      }
    }
  }
  return Status::Ok();
}

ScaleScores ScoreScale(const Instrument& instrument, const Scale& scale, std::span<const std::vector<int>> answers) {
  ScaleScores out;
  const std::size_t respondents = answers.empty() ? 0 : answers[0].size();
  out.score.assign(respondents, std::nan(""));
  out.band.assign(respondents, std::string());
  std::vector<const Item*> items;
  for (const std::string& code : scale.items) items.push_back(instrument.FindItem(code));
  const auto count = static_cast<int>(items.size());
  for (std::size_t r = 0; r < respondents; ++r) {
    int answered = 0;
    double sum = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const int code = answers[k][r];
      if (code < 0) continue;
      ++answered;
      sum += items[k]->reverse ? items[k]->MinCode() + items[k]->MaxCode() - code : code;
    }
    if (count - answered > scale.max_missing || answered == 0) continue;
    double score = 0;
    switch (scale.rule) {
      case ScoringRule::kSum:
        score = sum * count / answered;  // prorated when items are missing
        break;
      case ScoringRule::kMean:
        score = sum / answered;
        break;
      case ScoringRule::kLookup:
        score = scale.lookup.at(static_cast<int>(sum));
        break;
      case ScoringRule::kAgree: {
        const int code = answers[0][r];
        score = std::find(scale.positive_codes.begin(), scale.positive_codes.end(), code) != scale.positive_codes.end()
                    ? 1
                    : 0;
        break;
      }
    }
    out.score[r] = score;
    ++out.scored;
    for (const Band& band : scale.bands) {
      if (score >= band.from) out.band[r] = band.label;
    }
  }
  return out;
}

}  // namespace nrs::survey
