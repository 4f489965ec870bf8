#pragma once

// Calibration of design weights to known population counts: post-stratification on one classification and
// raking (iterative proportional fitting) on several margins, as R's postStratify() and rake(). The calibrated
// Design remembers each adjustment, so that its variances are those of the calibrated estimators (the
// residuals of the influence values within the calibration groups), as R's svyrecvar computes them.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nrs/result.h"
#include "survey/design.h"

namespace nrs::survey {

// A classification of the rows with the population count of each class.
struct Margin {
  std::string name;                           // for messages, e.g. "age_band × sex"
  std::vector<std::int32_t> category_of_row;  // 0..labels.size()−1, one per row of the design
  std::vector<std::string> labels;            // the classes
  std::vector<double> population;             // the known count of each class, ≥ 0
};

// Weights multiplied, in each class, by population / (sum of the class's weights).
// Errors: kInvalidArgument (lengths; a category out of range; a class with respondents and no population, or
// with population and no respondents — R's "Some strata absent from sample").
Result<Design> PostStratify(const Design& design, const Margin& margin);

struct RakeOptions {
  int max_iterations = 10;  // full sweeps over the margins
  double epsilon = 1;       // converged when no cell of the margins' joint table moves by this much (weighted)
  Status Validate() const;
};

struct RakeResult {
  Design design;
  int iterations = 0;
  bool converged = false;
};

// Post-stratifies on each margin in turn until the joint table of all margins changes by less than epsilon
// between sweeps (R's rake() with its defaults). Not converging is not an error: `converged` says so.
// Errors: those of PostStratify; kInvalidArgument (options, no margins, margins whose totals differ by more than
// 0.1%).
Result<RakeResult> Rake(const Design& design, std::span<const Margin> margins, const RakeOptions& options = {});

// Kish's design effect due to weighting, 1 + CV²(w) = n·Σw²/(Σw)².
double KishDeff(std::span<const double> weights);

}  // namespace nrs::survey
