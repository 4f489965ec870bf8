#include "survey/did.h"

#include <cmath>
#include <vector>

#include "stats/distributions.h"

namespace nrs::survey {

// Each cell mean ȳ_d has influence values wᵢ(yᵢ − ȳ_d)/W_d on its rows; the contrast's influence is their signed
// sum, and its linearised variance in the design is V(P₁) + V(P₀) + V(C₁) + V(C₀) minus twice the covariances
// that shared PSUs create (Binder 1983; the same device as R's svycontrast over svyby(covmat = TRUE)).
Result<DidResult> DifferenceInDifferences(const Design& design, const DidInput& input) {
  const std::size_t n = design.rows();
  if (input.values.size() != n || input.arm.size() != n || input.period.size() != n) {
    return Status::InvalidArgument("difference in differences: columns of {}, {} and {} values for {} rows",
                                   input.values.size(), input.arm.size(), input.period.size(), n);
  }
  Domains cells{std::vector<std::int32_t>(n, Domains::kNoDomain), 4};
  for (std::size_t i = 0; i < n; ++i) {
    if (input.arm[i] < 0 || input.period[i] < 0) continue;
    cells.of_row[i] = input.arm[i] * 2 + input.period[i];
  }
  EstimateOptions options;
  options.level = input.level;
  NRS_ASSIGN_OR_RETURN(const std::vector<DomainEstimate> means, Estimate(design, input.values, {}, cells, options));
  DidResult result;
  static constexpr const char* kNames[2][2] = {{"comparison areas before", "comparison areas after"},
                                               {"programme areas before", "programme areas after"}};
  for (int a = 0; a < 2; ++a) {
    for (int p = 0; p < 2; ++p) {
      result.cells[a][p] = means[static_cast<std::size_t>(a) * 2 + static_cast<std::size_t>(p)];
      if (result.cells[a][p].n == 0) {
        return Status::InvalidArgument("difference in differences: no respondents in {}", kNames[a][p]);
      }
    }
  }
  result.estimate = (result.cells[1][1].estimate - result.cells[1][0].estimate) -
                    (result.cells[0][1].estimate - result.cells[0][0].estimate);
  std::vector<double> weighted(n, 0.0);
  std::vector<std::size_t> rows;
  const std::span<const double> w = design.Weights();
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t d = cells.of_row[i];
    if (d == Domains::kNoDomain || std::isnan(input.values[i])) continue;
    const DomainEstimate& cell = means[static_cast<std::size_t>(d)];
    const double sign = (input.arm[i] == input.period[i]) ? 1.0 : -1.0;  // P_after, C_before: +; others: −
    weighted[i] = sign * w[i] * (input.values[i] - cell.estimate) / cell.population;
    rows.push_back(i);
  }
  result.se = std::sqrt(design.Variance(weighted));
  result.df = design.DegreesOfFreedom(rows);
  const double t = stats::StudentTQuantile(1 - (1 - input.level) / 2, result.df);
  result.lower = result.estimate - t * result.se;
  result.upper = result.estimate + t * result.se;
  double independent = 0;
  for (const DomainEstimate& m : means) independent += m.se * m.se;
  result.se_independent = std::sqrt(independent);
  return result;
}

}  // namespace nrs::survey
