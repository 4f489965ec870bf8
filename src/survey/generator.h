#pragma once

// A seeded generator of realistic synthetic household survey data, for the demo and for tests — never real
// respondents. Areas in three classes (programme, comparison, better-off), two waves, about
// `respondents_per_area` respondents per area and wave, a share of wave-2 respondents re-interviewed from wave 1
// (a panel), design weights that undo age-related non-response, and answers to the programme's instrument
// (SWEMWBS, GAD-7, influence, social cohesion, neighbourhood problems, housing, finances) that hang together
// through a latent wellbeing and a latent attachment per person. The share who agree they can influence local
// decisions rises by `programme_effect` (on the probability scale) in programme areas in wave 2 beyond the
// change in comparison areas: the planted effect a difference in differences should recover.
// The same options and seed give the same data on every platform (own uniform and normal draws from
// std::mt19937_64, whose sequence the standard fixes).

#include <cstdint>
#include <string>
#include <vector>

#include "nrs/result.h"

namespace nrs::survey {

struct GeneratorOptions {
  std::uint64_t seed = 1;
  int programme_areas = 7;
  int comparison_areas = 14;
  int better_off_areas = 7;
  int respondents_per_area = 150;   // per wave, on average (each area-wave draws 80–120% of it)
  double panel_share = 0.2;         // of each area's wave-2 respondents, re-interviewed from wave 1
  double programme_effect = 0.075;  // planted difference in differences of P(agree), in [−0.15, 0.4]
  // Names of the programme areas (e.g. the Neighbourhoods for Learning); others are numbered.
  std::vector<std::string> programme_names{};

  // Errors: kInvalidArgument.
  Status Validate() const;
};

struct SyntheticArea {
  std::string code;  // SYN-P01, SYN-C01, SYN-B01: marked synthetic
  std::string name;
  std::string area_class;  // programme | comparison | better_off
  double population = 0;   // adults
};

// One respondent's answers, coded as the programme instrument codes them; −1 is a missing answer.
struct SyntheticRespondent {
  std::string id;
  std::int32_t area = 0;  // index into SyntheticSurvey::areas
  int wave = 1;           // 1 or 2
  std::string household;  // the PSU: a panel member keeps the household of wave 1
  std::string panel_id;   // "" unless interviewed in both waves
  double weight = 0;
  int sex = 0;           // 1 female, 2 male
  int age_band = 0;      // 0: 16–34, 1: 35–54, 2: 55–74, 3: 75+
  int swemwbs[7] = {};   // 1–5
  int gad7[7] = {};      // 0–3
  int influence = 0;     // 1 definitely agree, 2 tend to agree, 3 tend to disagree, 4 definitely disagree
  int cohesion[3] = {};  // 1 definitely agree … 5 definitely disagree
  int problems[3] = {};  // litter, crime, noise: 1 not a problem, 2 fairly big, 3 very big
  int housing = 0;       // 1 good repair … 4 very poor
  int finance = 0;       // 1 living comfortably … 5 finding it very difficult
  int debt = 0;          // 1 behind with bills, 2 not
};

struct SyntheticSurvey {
  std::vector<SyntheticArea> areas;
  std::vector<SyntheticRespondent> respondents;
};

inline constexpr const char* kAgeBands[4] = {"16-34", "35-54", "55-74", "75+"};

// Errors: kInvalidArgument (options).
Result<SyntheticSurvey> GenerateSyntheticSurvey(const GeneratorOptions& options);

// The survey as CSV columns: header names and one text row per respondent (missing answers empty).
std::vector<std::string> SyntheticHeader();
std::vector<std::string> SyntheticRow(const SyntheticSurvey& survey, const SyntheticRespondent& respondent);

}  // namespace nrs::survey
