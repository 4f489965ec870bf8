#include "survey/calibration.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace nrs::survey {
namespace {

Status CheckMargin(const Design& design, const Margin& margin) {
  if (margin.category_of_row.size() != design.rows()) {
    return Status::InvalidArgument("margin '{}' classifies {} rows of a design of {}", margin.name,
                                   margin.category_of_row.size(), design.rows());
  }
  if (margin.population.size() != margin.labels.size()) {
    return Status::InvalidArgument("margin '{}' has {} classes and {} population counts", margin.name,
                                   margin.labels.size(), margin.population.size());
  }
  for (const double p : margin.population) {
    if (!std::isfinite(p) || p < 0) {
      return Status::InvalidArgument("margin '{}': population count {} is not a number ≥ 0", margin.name, p);
    }
  }
  for (std::size_t i = 0; i < margin.category_of_row.size(); ++i) {
    const std::int32_t c = margin.category_of_row[i];
    if (c < 0 || static_cast<std::size_t>(c) >= margin.labels.size()) {
      return Status::InvalidArgument("margin '{}': row {} has no class", margin.name, i + 1);
    }
  }
  return Status::Ok();
}

// The new weights of one post-stratification, or the first class that cannot be adjusted.
Result<std::vector<double>> Adjust(std::span<const double> weights, const Margin& margin) {
  std::vector<double> sample(margin.labels.size(), 0.0);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    sample[static_cast<std::size_t>(margin.category_of_row[i])] += weights[i];
  }
  for (std::size_t c = 0; c < sample.size(); ++c) {
    if (sample[c] > 0 && margin.population[c] == 0) {
      return Status::InvalidArgument("margin '{}': class '{}' has respondents but no population", margin.name,
                                     margin.labels[c]);
    }
    if (sample[c] == 0 && margin.population[c] > 0) {
      return Status::InvalidArgument("margin '{}': class '{}' has a population of {} but no respondents", margin.name,
                                     margin.labels[c], margin.population[c]);
    }
  }
  std::vector<double> adjusted(weights.begin(), weights.end());
  for (std::size_t i = 0; i < adjusted.size(); ++i) {
    const auto c = static_cast<std::size_t>(margin.category_of_row[i]);
    adjusted[i] *= margin.population[c] / sample[c];
  }
  return adjusted;
}

// Weighted counts of the joint classification by every margin (R's svytable of all margin variables).
std::vector<double> JointTable(std::span<const double> weights, const std::vector<std::int64_t>& cell_of_row,
                               std::size_t cells) {
  std::vector<double> table(cells, 0.0);
  for (std::size_t i = 0; i < weights.size(); ++i) table[static_cast<std::size_t>(cell_of_row[i])] += weights[i];
  return table;
}

}  // namespace

Result<Design> PostStratify(const Design& design, const Margin& margin) {
  NRS_RETURN_IF_ERROR(CheckMargin(design, margin));
  NRS_ASSIGN_OR_RETURN(std::vector<double> adjusted, Adjust(design.Weights(), margin));
  CalibrationStep step;
  step.kind = CalibrationStep::Kind::kPostStratification;
  step.category_of_row = {margin.category_of_row};
  step.weights_after = {adjusted};
  step.weights_before.assign(design.Weights().begin(), design.Weights().end());
  return design.WithCalibration(std::move(adjusted), std::move(step));
}

Status RakeOptions::Validate() const {
  if (max_iterations < 1) return Status::InvalidArgument("raking needs at least one iteration");
  if (!(epsilon > 0)) return Status::InvalidArgument("the raking tolerance {} is not above zero", epsilon);
  return Status::Ok();
}

// R's rake(): each sweep post-stratifies on every margin in turn; after the sweep the joint table of the
// margins is compared with the one before it. The calibration kept for the variance is the last sweep's.
Result<RakeResult> Rake(const Design& design, std::span<const Margin> margins, const RakeOptions& options) {
  NRS_RETURN_IF_ERROR(options.Validate());
  if (margins.empty()) return Status::InvalidArgument("raking needs at least one margin");
  double first_total = -1;
  for (const Margin& margin : margins) {
    NRS_RETURN_IF_ERROR(CheckMargin(design, margin));
    double total = 0;
    for (const double p : margin.population) total += p;
    if (first_total < 0) first_total = total;
    if (std::abs(total - first_total) > 1e-3 * first_total) {
      return Status::InvalidArgument("margin '{}' totals {} but margin '{}' totals {}", margin.name, total,
                                     margins[0].name, first_total);
    }
  }
  // Joint cells: mixed-radix code of the classes.
  std::vector<std::int64_t> cell_of_row(design.rows(), 0);
  std::map<std::int64_t, std::size_t> cell_ids;
  for (std::size_t i = 0; i < design.rows(); ++i) {
    std::int64_t code = 0;
    for (const Margin& m : margins) code = code * static_cast<std::int64_t>(m.labels.size()) + m.category_of_row[i];
    cell_of_row[i] = code;
  }
  for (const std::int64_t code : cell_of_row) cell_ids.emplace(code, 0);
  std::size_t next = 0;
  for (auto& [code, id] : cell_ids) id = next++;
  for (std::int64_t& code : cell_of_row) code = static_cast<std::int64_t>(cell_ids[code]);

  std::vector<double> weights(design.Weights().begin(), design.Weights().end());
  std::vector<double> old_table = JointTable(weights, cell_of_row, cell_ids.size());
  RakeResult result{design, 0, false};
  CalibrationStep step;
  step.kind = CalibrationStep::Kind::kRaking;
  while (result.iterations < options.max_iterations) {
    step.category_of_row.clear();
    step.weights_after.clear();
    for (const Margin& margin : margins) {
      NRS_ASSIGN_OR_RETURN(weights, Adjust(weights, margin));
      step.category_of_row.push_back(margin.category_of_row);
      step.weights_after.push_back(weights);
    }
    const std::vector<double> new_table = JointTable(weights, cell_of_row, cell_ids.size());
    double delta = 0;
    for (std::size_t c = 0; c < new_table.size(); ++c) delta = std::max(delta, std::abs(new_table[c] - old_table[c]));
    if (delta < options.epsilon) {
      result.converged = true;
      break;
    }
    old_table = new_table;
    ++result.iterations;
  }
  result.design = design.WithCalibration(std::move(weights), std::move(step));
  return result;
}

double KishDeff(std::span<const double> weights) {
  double sum = 0;
  double sum_sq = 0;
  for (const double w : weights) {
    sum += w;
    sum_sq += w * w;
  }
  return static_cast<double>(weights.size()) * sum_sq / (sum * sum);
}

}  // namespace nrs::survey
