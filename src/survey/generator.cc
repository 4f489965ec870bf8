#include "survey/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>

namespace nrs::survey {
namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // Uniform on [0, 1) from the top 53 bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Standard normal by Box–Muller (one of the pair; simple and portable).
  double Normal() {
    const double u = 1 - Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * Uniform());
  }
  bool Bernoulli(double p) { return Uniform() < p; }
  int Integer(int lo, int hi) { return lo + static_cast<int>(Uniform() * (hi - lo + 1)); }

 private:
  std::mt19937_64 engine_;
};

int Clamp(double v, int lo, int hi) { return std::clamp(static_cast<int>(std::lround(v)), lo, hi); }

// Adult population shares by age band, and how much more (or less) likely each band is to respond.
constexpr std::array<double, 4> kAgeShare = {0.32, 0.33, 0.25, 0.10};
constexpr std::array<double, 4> kResponse = {0.6, 0.9, 1.25, 1.1};

struct Person {
  int sex = 1;
  int age_band = 0;
  double wellbeing = 0;   // latent, ~N(area level, 1)
  double attachment = 0;  // latent sense of belonging, correlated with wellbeing
  std::string household;
  std::string panel_id;
};

int AgeBand(Random& rng) {
  double total = 0;
  for (std::size_t b = 0; b < 4; ++b) total += kAgeShare[b] * kResponse[b];
  double u = rng.Uniform() * total;
  for (std::size_t b = 0; b < 4; ++b) {
    u -= kAgeShare[b] * kResponse[b];
    if (u < 0) return static_cast<int>(b);
  }
  return 3;
}

// Answers of one person in one wave. Item non-response at 1%.
void Answer(Random& rng, const Person& p, double p_agree, double deprivation, SyntheticRespondent* r) {
  const auto missing = [&rng]() { return rng.Bernoulli(0.01); };
  for (int& item : r->swemwbs) item = missing() ? -1 : Clamp(3.3 + 0.75 * p.wellbeing + 0.7 * rng.Normal(), 1, 5);
  for (int& item : r->gad7) item = missing() ? -1 : Clamp(0.7 - 0.55 * p.wellbeing + 0.6 * rng.Normal(), 0, 3);
  if (missing()) {
    r->influence = -1;
  } else if (rng.Bernoulli(p_agree)) {
    r->influence = rng.Bernoulli(0.3) ? 1 : 2;
  } else {
    r->influence = rng.Bernoulli(0.6) ? 3 : 4;
  }
  for (int& item : r->cohesion) item = missing() ? -1 : Clamp(2.4 - 0.8 * p.attachment + 0.8 * rng.Normal(), 1, 5);
  for (int& item : r->problems) item = missing() ? -1 : Clamp(1.5 + 0.9 * deprivation + 0.6 * rng.Normal(), 1, 3);
  r->housing = missing() ? -1 : Clamp(1.6 + 0.9 * deprivation - 0.2 * p.wellbeing + 0.7 * rng.Normal(), 1, 4);
  const double strain = 0.9 * deprivation - 0.35 * p.wellbeing + 0.8 * rng.Normal();
  r->finance = missing() ? -1 : Clamp(2.3 + strain, 1, 5);
  r->debt = missing() ? -1 : (rng.Bernoulli(std::clamp(0.08 + 0.12 * strain, 0.01, 0.6)) ? 1 : 2);
}

}  // namespace

Status GeneratorOptions::Validate() const {
  if (programme_areas < 1 || comparison_areas < 1 || better_off_areas < 0) {
    return Status::InvalidArgument("the synthetic survey needs programme and comparison areas");
  }
  if (programme_areas + comparison_areas + better_off_areas > 999) {
    return Status::InvalidArgument("at most 999 synthetic areas");
  }
  if (respondents_per_area < 20 || respondents_per_area > 100'000) {
    return Status::InvalidArgument("respondents per area {} is outside 20..100000", respondents_per_area);
  }
  if (!(panel_share >= 0 && panel_share <= 0.8)) {
    return Status::InvalidArgument("panel share {} is outside 0..0.8", panel_share);
  }
  if (!(programme_effect >= -0.15 && programme_effect <= 0.4)) {
    return Status::InvalidArgument("programme effect {} is outside −0.15..0.4", programme_effect);
  }
  return Status::Ok();
}

// P(agree) = class baseline + area effect + person effect + 0.01 in wave 2 (a secular trend everywhere) + the
// planted effect in programme areas in wave 2: additive on the probability scale and never clipped (the options'
// bounds keep it inside (0, 1)), so that the population difference in differences is exactly the planted effect.
// Weights: the area's adult population × the age band's population share / respondents in that band (a
// post-stratification that undoes the age pattern of response); the weighted total of an area is its population
// in both waves, so area effects cancel in the difference in differences.
Result<SyntheticSurvey> GenerateSyntheticSurvey(const GeneratorOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  Random rng(options.seed);
  SyntheticSurvey survey;
  struct AreaModel {
    double baseline;
    double wellbeing;
    double deprivation;
  };
  std::vector<AreaModel> models;
  const auto add_areas = [&](int count, const char* area_class, const char* prefix, double baseline, double wellbeing,
                             double deprivation) {
    for (int i = 0; i < count; ++i) {
      SyntheticArea area;
      area.code = fmt::format("SYN-{}{:02}", prefix, i + 1);
      const bool named =
          std::string_view(prefix) == "P" && static_cast<std::size_t>(i) < options.programme_names.size();
      area.name = named ? options.programme_names[static_cast<std::size_t>(i)]
                        : fmt::format("Synthetic {} area {}", area_class, i + 1);
      area.area_class = area_class;
      area.population = std::round(rng.Uniform(4000, 12000));
      survey.areas.push_back(area);
      models.push_back(
          {baseline + rng.Uniform(-0.04, 0.04), wellbeing + 0.25 * rng.Normal(), deprivation + 0.15 * rng.Normal()});
    }
  };
  add_areas(options.programme_areas, "programme", "P", 0.25, -0.35, 0.8);
  add_areas(options.comparison_areas, "comparison", "C", 0.27, -0.3, 0.75);
  add_areas(options.better_off_areas, "better_off", "B", 0.35, 0.25, 0.2);

  std::int64_t next_household = 1;
  std::int64_t next_panel = 1;
  std::int64_t next_id = 1;
  for (std::size_t a = 0; a < survey.areas.size(); ++a) {
    const AreaModel& model = models[a];
    const bool programme = survey.areas[a].area_class == "programme";
    std::vector<Person> wave_one;
    std::size_t wave_one_first = 0;  // index of the area's first wave-1 respondent
    for (int wave = 1; wave <= 2; ++wave) {
      const int n = std::max(20, static_cast<int>(std::lround(options.respondents_per_area * rng.Uniform(0.8, 1.2))));
      std::vector<Person> people;
      if (wave == 2) {
        // The panel: a random subset of wave 1, re-interviewed in their households.
        const int panel =
            std::min(static_cast<int>(std::lround(options.panel_share * n)), static_cast<int>(wave_one.size()));
        std::vector<std::size_t> order(wave_one.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        for (std::size_t i = 0; i < static_cast<std::size_t>(panel); ++i) {
          std::swap(order[i],
                    order[i + static_cast<std::size_t>(rng.Uniform() * static_cast<double>(order.size() - i))]);
          Person& p = wave_one[order[i]];
          p.panel_id = fmt::format("SYN-R{:06}", next_panel++);
          survey.respondents[wave_one_first + order[i]].panel_id = p.panel_id;
          people.push_back(p);
        }
      }
      while (static_cast<int>(people.size()) < n) {
        Person p;
        p.sex = rng.Bernoulli(0.52) ? 1 : 2;
        p.age_band = AgeBand(rng);
        p.wellbeing = model.wellbeing + 0.12 * (p.age_band - 1.5) + rng.Normal();
        p.attachment = 0.4 * p.wellbeing + 0.9 * rng.Normal() + 0.15 * p.age_band;
        p.household = fmt::format("SYN-H{:07}", next_household++);
        people.push_back(p);
      }
      std::array<int, 4> in_band{};
      for (const Person& p : people) ++in_band[static_cast<std::size_t>(p.age_band)];
      const std::size_t first = survey.respondents.size();
      for (const Person& p : people) {
        SyntheticRespondent r;
        r.id = fmt::format("SYN-{:07}", next_id++);
        r.area = static_cast<std::int32_t>(a);
        r.wave = wave;
        r.household = p.household;
        r.panel_id = p.panel_id;
        r.sex = p.sex;
        r.age_band = p.age_band;
        r.weight = survey.areas[a].population * kAgeShare[static_cast<std::size_t>(p.age_band)] /
                   in_band[static_cast<std::size_t>(p.age_band)];
        double p_agree = model.baseline + 0.05 * std::tanh(p.attachment);
        if (wave == 2) p_agree += 0.01 + (programme ? options.programme_effect : 0.0);
        Answer(rng, p, p_agree, model.deprivation, &r);
        survey.respondents.push_back(std::move(r));
      }
      // An age band without respondents: its population share is spread over the others.
      double weight_sum = 0;
      for (std::size_t i = first; i < survey.respondents.size(); ++i) weight_sum += survey.respondents[i].weight;
      for (std::size_t i = first; i < survey.respondents.size(); ++i) {
        survey.respondents[i].weight *= survey.areas[a].population / weight_sum;
      }
      if (wave == 1) {
        wave_one = people;
        wave_one_first = first;
      }
    }
  }
  return survey;
}

std::vector<std::string> SyntheticHeader() {
  std::vector<std::string> h = {"respondent", "area",     "area_name", "area_class", "wave",
                                "household",  "panel_id", "weight",    "sex",        "age_band"};
  for (int i = 1; i <= 7; ++i) h.push_back(fmt::format("swemwbs{}", i));
  for (int i = 1; i <= 7; ++i) h.push_back(fmt::format("gad{}", i));
  h.insert(h.end(), {"influence", "cohesion1", "cohesion2", "cohesion3", "problem_litter", "problem_crime",
                     "problem_noise", "housing_condition", "finance", "debt"});
  return h;
}

std::vector<std::string> SyntheticRow(const SyntheticSurvey& survey, const SyntheticRespondent& r) {
  const SyntheticArea& area = survey.areas[static_cast<std::size_t>(r.area)];
  const auto code = [](int v) { return v < 0 ? std::string() : std::to_string(v); };
  std::vector<std::string> row = {r.id,
                                  area.code,
                                  area.name,
                                  area.area_class,
                                  std::to_string(r.wave),
                                  r.household,
                                  r.panel_id,
                                  fmt::format("{}", r.weight),
                                  r.sex == 1 ? "female" : "male",
                                  kAgeBands[static_cast<std::size_t>(r.age_band)]};
  for (const int v : r.swemwbs) row.push_back(code(v));
  for (const int v : r.gad7) row.push_back(code(v));
  row.push_back(code(r.influence));
  for (const int v : r.cohesion) row.push_back(code(v));
  for (const int v : r.problems) row.push_back(code(v));
  row.push_back(code(r.housing));
  row.push_back(code(r.finance));
  row.push_back(code(r.debt));
  return row;
}

}  // namespace nrs::survey
