#pragma once

// A questionnaire as data: sections, items (code, wording, response options with codes, missing codes, reverse
// scoring) and derived scales with their scoring rule, missing-item rule and bands. Users define their own in
// TOML (io/instrument_reader.h); NRS ships the programme's (data/scales/programme_instrument.toml).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "nrs/result.h"

namespace nrs::survey {

struct ResponseOption {
  int code = 0;
  std::string label;
};

struct Item {
  std::string code;     // the variable name, e.g. "swemwbs1"
  std::string section;  // code of its section
  std::string wording;
  std::vector<ResponseOption> options;  // valid answers
  std::vector<int> missing_codes;       // answers that mean "no answer" (don't know, refused)
  bool reverse = false;                 // scored max + min − code

  bool IsValid(int answer) const;
  bool IsMissing(int answer) const;
  int MinCode() const;
  int MaxCode() const;
};

enum class ScoringRule {
  kSum,     // sum of the item scores
  kMean,    // mean of the answered item scores
  kLookup,  // sum, then converted by a table (SWEMWBS raw → metric)
  kAgree,   // one item: 1 when the answer is one of `positive_codes`, else 0 (a proportion)
};

// Labels for ranges of a score: a score ≥ from (and below the next band's from) gets label.
struct Band {
  double from = 0;
  std::string label;
};

struct Scale {
  std::string code;  // the derived variable, e.g. "swemwbs"
  std::string name;
  std::vector<std::string> items;
  ScoringRule rule = ScoringRule::kSum;
  // Items that may be missing with a score still given: for kSum the sum is prorated (mean × items); for kMean the
  // mean of the answered; kLookup and kAgree allow none.
  int max_missing = 0;
  std::map<int, double> lookup;     // kLookup: raw sum → score
  std::vector<int> positive_codes;  // kAgree
  std::vector<Band> bands;          // ascending `from`
  std::string missing_rule;         // the rule in words, for people
  // For publishing the scale as an indicator: which way is good (high_is_good | low_is_good | no_judgement) and
  // the framework domain it informs ("overall" when none is named).
  std::string polarity = "no_judgement";
  std::string domain = "overall";
};

struct Section {
  std::string code;
  std::string title;
};

struct Instrument {
  std::string name;
  std::vector<Section> sections;
  std::vector<Item> items;
  std::vector<Scale> scales;

  // Errors: kInvalidArgument naming the first problem: duplicate codes, an item without options, a scale naming
  // an unknown item, a lookup table that does not cover every possible raw sum, bands out of order.
  Status Validate() const;
  const Item* FindItem(const std::string& code) const;
};

// Scores of one scale for every respondent. `answers[k]` holds the answers of scale.items[k], one per
// respondent, already checked against the item: a valid code, or −1 when missing (empty or a missing code).
struct ScaleScores {
  std::vector<double> score;      // NaN when the missing-item rule gives no score
  std::vector<std::string> band;  // "" without bands or score
  std::int64_t scored = 0;
};
ScaleScores ScoreScale(const Instrument& instrument, const Scale& scale, std::span<const std::vector<int>> answers);

std::string_view RuleName(ScoringRule rule);

}  // namespace nrs::survey
