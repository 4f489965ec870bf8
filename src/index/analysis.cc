#include "index/analysis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <thread>
#include <tuple>

namespace nrs::index {

namespace {

// SplitMix64 (Steele, Lea and Flood 2014): turns (seed, stream) into independent generator seeds, and serves
// as the generator itself — small, fast and the same on every platform, unlike the standard distributions.
class Random {
 public:
  Random(std::uint64_t seed, std::uint64_t stream) : state_(seed ^ Mix(stream + 0x9E3779B97F4A7C15ULL)) { Next(); }
  std::uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return Mix(state_);
  }
  // Uniform on [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Standard normal (Box–Muller).
  double Normal() {
    const double u1 = 1 - Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  }

 private:
  static std::uint64_t Mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

std::uint64_t Bits(double u) { return static_cast<std::uint64_t>(u * 0x1.0p53); }

template <typename T>
T Choose(const std::vector<T>& alternatives, double u) {
  const auto i =
      std::min(alternatives.size() - 1, static_cast<std::size_t>(u * static_cast<double>(alternatives.size())));
  return alternatives[i];
}

bool HasIntervals(const Prepared& p) {
  return std::any_of(p.lower.begin(), p.lower.end(), [](const std::vector<double>& c) { return !c.empty(); });
}

// R's quantile type 7 of `v` (reordered): the order statistics it needs are selected, not sorted for.
double Quantile7(std::vector<double>& v, double p) {
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
  const double low = v[lo];
  if (lo + 1 >= v.size()) return low;
  const double high = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
  return low + (h - static_cast<double>(lo)) * (high - low);
}

// One scenario: the options, weights and inputs that a point u of the factor space stands for.
struct Scenario {
  PipelineOptions options;
  std::vector<double> weights;
  Columns raw;
  bool draws_inputs = false;
};

Scenario Apply(const Prepared& p, const UncertaintyOptions& o, const std::vector<std::string>& factors,
               std::span<const double> u) {
  Scenario s{p.options, {}, {}, false};
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const std::string& name = factors[f];
    if (name == "weights") {
      Random r(Bits(u[f]), 1);
      s.weights.resize(p.framework.nodes.size());
      for (std::size_t i = 0; i < s.weights.size(); ++i) {
        s.weights[i] = p.framework.nodes[i].weight * (1 + o.weight_noise * (2 * r.Uniform() - 1));
      }
    } else if (name == "normalisation") {
      s.options.normalise.method = Choose(o.normalisations, u[f]);
    } else if (name == "aggregation") {
      s.options.aggregate.method = Choose(o.aggregations, u[f]);
      s.options.aggregate.by_level.clear();
      // Means that need positive values go with a range that starts at 1 (as COINr's example normalises onto
      // [1, 100] for its geometric alternative).
      const AggregateMethod m = s.options.aggregate.method;
      if ((m == AggregateMethod::kGeometric || m == AggregateMethod::kHarmonic) && s.options.normalise.low < 1) {
        s.options.normalise.low = 1;
      }
    } else if (name == "treatment") {
      s.options.treat.method = Choose(o.treatments, u[f]);
    } else if (name == "imputation") {
      s.options.impute.method = Choose(o.imputations, u[f]);
    } else if (name == "inputs") {
      // A split normal through the interval: its 2.5% and 97.5% points are the interval's ends, so asymmetric
      // intervals (rates, proportions near 0 or 1) keep their shape.
      Random r(Bits(u[f]), 2);
      s.raw = p.raw;
      s.draws_inputs = true;
      for (std::size_t k = 0; k < p.raw.size(); ++k) {
        if (p.lower[k].empty()) continue;
        for (std::size_t i = 0; i < p.raw[k].size(); ++i) {
          const double v = p.raw[k][i];
          const double z = r.Normal();
          const double half = z > 0 ? p.upper[k][i] - v : v - p.lower[k][i];
          if (std::isfinite(half)) s.raw[k][i] = v + z * half / 1.959963984540054;
        }
      }
    }
  }
  return s;
}

// Full builds, one per (imputation, treatment, normalisation, range) that the runs can draw: without input
// draws, a run only differs from one of them in its weights and aggregation, so it starts from its normalised
// stage — the ranks and sorts of rank-based normalisations are done once, not in every run.
class StageCache {
 public:
  static Result<StageCache> Make(const Prepared& p, const UncertaintyOptions& o,
                                 const std::vector<std::string>& factors) {
    StageCache c;
    if (std::find(factors.begin(), factors.end(), "inputs") != factors.end()) return c;
    const auto or_nominal = [](const auto& list, auto nominal) {
      return list.empty() ? std::vector<decltype(nominal)>{nominal} : list;
    };
    std::vector<double> lows{p.options.normalise.low};
    for (const AggregateMethod m : o.aggregations) {
      if ((m == AggregateMethod::kGeometric || m == AggregateMethod::kHarmonic) && p.options.normalise.low < 1) {
        lows.push_back(1);
        break;
      }
    }
    for (const ImputeMethod i : or_nominal(o.imputations, p.options.impute.method)) {
      for (const TreatMethod t : or_nominal(o.treatments, p.options.treat.method)) {
        for (const NormaliseMethod n : or_nominal(o.normalisations, p.options.normalise.method)) {
          for (const double low : lows) {
            PipelineOptions options = p.options;
            options.impute.method = i;
            options.treat.method = t;
            options.normalise.method = n;
            options.normalise.low = low;
            NRS_ASSIGN_OR_RETURN(BuildResult b, Build(p, options, Detail::kFull));
            c.builds_.emplace(Key{i, t, n, low}, std::move(b));
          }
        }
      }
    }
    return c;
  }
  const BuildResult* Find(const PipelineOptions& o) const {
    const auto it = builds_.find({o.impute.method, o.treat.method, o.normalise.method, o.normalise.low});
    return it == builds_.end() ? nullptr : &it->second;
  }

 private:
  using Key = std::tuple<ImputeMethod, TreatMethod, NormaliseMethod, double>;
  std::map<Key, BuildResult> builds_;
};

Result<BuildResult> Run(const Prepared& p, const Scenario& s, const StageCache& cache) {
  Variation v;
  if (!s.weights.empty()) v.weights = &s.weights;
  if (s.draws_inputs) {
    v.raw = &s.raw;
  } else {
    v.normalised = cache.Find(s.options);
  }
  return Build(p, s.options, Detail::kScores, v);
}

}  // namespace

Status ParallelFor(std::size_t count, int threads, const std::function<Status(std::size_t)>& body) {
  std::size_t t = threads > 0 ? static_cast<std::size_t>(threads) : std::max(1U, std::thread::hardware_concurrency());
  t = std::max<std::size_t>(1, std::min(t, count));
  std::vector<Status> errors(t);
  std::vector<std::size_t> first_error(t, count);
  const auto work = [&](std::size_t worker) {
    const std::size_t begin = count * worker / t;
    const std::size_t end = count * (worker + 1) / t;
    for (std::size_t i = begin; i < end; ++i) {
      Status s = body(i);
      if (!s.ok()) {
        errors[worker] = std::move(s);
        first_error[worker] = i;
        return;
      }
    }
  };
  if (t == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(t);
    for (std::size_t w = 0; w < t; ++w) pool.emplace_back(work, w);
    for (std::thread& th : pool) th.join();
  }
  for (std::size_t w = 0; w < t; ++w) {
    if (!errors[w].ok()) return errors[w];
  }
  return Status::Ok();
}

Status UncertaintyOptions::Validate() const {
  if (runs < 1 || runs > 1'000'000) return Status::InvalidArgument("runs must be from 1 to 1,000,000, not {}", runs);
  if (!(weight_noise >= 0 && weight_noise < 1)) {
    return Status::InvalidArgument("weight noise must be from 0 to below 1, not {}", weight_noise);
  }
  if (threads < 0) return Status::InvalidArgument("threads must be ≥ 0, not {}", threads);
  return Status::Ok();
}

Status SobolOptions::Validate() const {
  if (n < 2 || n > 10'000'000) return Status::InvalidArgument("N must be from 2 to 10,000,000, not {}", n);
  if (bootstrap < 0 || bootstrap > 100'000) {
    return Status::InvalidArgument("bootstrap resamples must be from 0 to 100,000, not {}", bootstrap);
  }
  if (!(confidence > 0 && confidence < 1)) return Status::InvalidArgument("confidence must be in (0, 1)");
  if (threads < 0) return Status::InvalidArgument("threads must be ≥ 0, not {}", threads);
  return Status::Ok();
}

std::vector<std::string> Factors(const Prepared& p, const UncertaintyOptions& o) {
  std::vector<std::string> f;
  if (o.weight_noise > 0) f.emplace_back("weights");
  if (!o.normalisations.empty()) f.emplace_back("normalisation");
  if (!o.aggregations.empty()) f.emplace_back("aggregation");
  if (!o.treatments.empty()) f.emplace_back("treatment");
  if (!o.imputations.empty()) f.emplace_back("imputation");
  if (o.input_intervals && HasIntervals(p)) f.emplace_back("inputs");
  return f;
}

Result<UncertaintyResult> Uncertainty(const Prepared& p, const UncertaintyOptions& o) {
  NRS_RETURN_IF_ERROR(o.Validate());
  UncertaintyResult out;
  out.factors = Factors(p, o);
  out.runs = o.runs;
  NRS_ASSIGN_OR_RETURN(const BuildResult nominal, Build(p, p.options, Detail::kScores));
  out.units = nominal.units;
  out.names = nominal.names;
  out.nominal_score = nominal.aggregates.back();
  out.nominal_rank = nominal.ranks.back();
  const std::size_t n = out.units.size();
  const auto runs = static_cast<std::size_t>(o.runs);
  // Ranks and scores per unit, per run (unit-major, so that each unit's distribution is contiguous).
  std::vector<float> ranks(n * runs);
  std::vector<double> scores(n * runs);
  NRS_ASSIGN_OR_RETURN(const StageCache cache, StageCache::Make(p, o, out.factors));
  NRS_RETURN_IF_ERROR(ParallelFor(runs, o.threads, [&](std::size_t r) -> Status {
    Random rng(o.seed, r);
    std::vector<double> u(out.factors.size());
    for (double& v : u) v = rng.Uniform();
    const Scenario s = Apply(p, o, out.factors, u);
    Result<BuildResult> b = Run(p, s, cache);
    if (!b.ok()) return b.status().WithContext(fmt::format("uncertainty run {}", r + 1));
    if (b->units.size() != n)
      return Status::InvalidInput("uncertainty run {} screened a different set of units", r + 1);
    const std::vector<double>& rank = b->ranks.back();
    const std::vector<double>& score = b->aggregates.back();
    for (std::size_t i = 0; i < n; ++i) {
      ranks[i * runs + r] = static_cast<float>(rank[i]);
      scores[i * runs + r] = score[i];
    }
    return Status::Ok();
  }));
  out.median_rank.resize(n);
  out.rank_p5.resize(n);
  out.rank_p95.resize(n);
  out.score_p5.resize(n);
  out.score_p95.resize(n);
  std::vector<double> column(runs);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t r = 0; r < runs; ++r) column[r] = ranks[i * runs + r];
    out.median_rank[i] = Quantile7(column, 0.5);
    out.rank_p5[i] = Quantile7(column, 0.05);
    out.rank_p95[i] = Quantile7(column, 0.95);
    std::copy(scores.begin() + static_cast<std::ptrdiff_t>(i * runs),
              scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * runs), column.begin());
    out.score_p5[i] = Quantile7(column, 0.05);
    out.score_p95[i] = Quantile7(column, 0.95);
  }
  return out;
}

Result<SobolIndices> Sobol(std::size_t d, const SobolModel& model, const SobolOptions& o) {
  NRS_RETURN_IF_ERROR(o.Validate());
  if (d == 0) return Status::InvalidArgument("sensitivity analysis needs at least one uncertain input");
  const auto n = static_cast<std::size_t>(o.n);
  // Rows of A and B from a stream per row; y[j·(d+2) + 0] = f(A_j), + 1 = f(B_j), + 2 + i = f(AB_ij).
  std::vector<double> a(n * d);
  std::vector<double> b(n * d);
  for (std::size_t j = 0; j < n; ++j) {
    Random r(o.seed, j);
    for (std::size_t i = 0; i < d; ++i) a[j * d + i] = r.Uniform();
    for (std::size_t i = 0; i < d; ++i) b[j * d + i] = r.Uniform();
  }
  const std::size_t per_row = d + 2;
  std::vector<double> y(n * per_row);
  NRS_RETURN_IF_ERROR(ParallelFor(n * per_row, o.threads, [&](std::size_t k) -> Status {
    const std::size_t j = k / per_row;
    const std::size_t which = k % per_row;
    std::vector<double> u(a.begin() + static_cast<std::ptrdiff_t>(j * d),
                          a.begin() + static_cast<std::ptrdiff_t>((j + 1) * d));
    if (which == 1) {
      std::copy(b.begin() + static_cast<std::ptrdiff_t>(j * d), b.begin() + static_cast<std::ptrdiff_t>((j + 1) * d),
                u.begin());
    } else if (which >= 2) {
      u[which - 2] = b[j * d + which - 2];
    }
    Result<double> v = model(u);
    if (!v.ok()) return v.status();
    y[k] = *v;
    return Status::Ok();
  }));

  const auto estimate = [&](const std::vector<std::size_t>& rows, std::vector<double>* first,
                            std::vector<double>* total, double* mean_out, double* variance_out) {
    double sum = 0;
    double sum2 = 0;
    for (const std::size_t j : rows) {
      for (const std::size_t w : {std::size_t{0}, std::size_t{1}}) {
        const double v = y[j * per_row + w];
        sum += v;
        sum2 += v * v;
      }
    }
    const double m = static_cast<double>(2 * rows.size());
    const double mean = sum / m;
    const double variance = sum2 / m - mean * mean;
    first->assign(d, 0);
    total->assign(d, 0);
    for (std::size_t i = 0; i < d; ++i) {
      double s1 = 0;
      double st = 0;
      for (const std::size_t j : rows) {
        // Centred outputs: the same estimator, with far less variance when the mean is large against the spread.
        const double ya = y[j * per_row] - mean;
        const double yb = y[j * per_row + 1] - mean;
        const double yab = y[j * per_row + 2 + i] - mean;
        s1 += yb * (yab - ya);
        st += (ya - yab) * (ya - yab);
      }
      const double rn = static_cast<double>(rows.size());
      (*first)[i] = variance > 0 ? s1 / rn / variance : 0;
      (*total)[i] = variance > 0 ? st / (2 * rn) / variance : 0;
    }
    if (mean_out != nullptr) *mean_out = mean;
    if (variance_out != nullptr) *variance_out = variance;
  };

  SobolIndices out;
  out.evaluations = static_cast<int>(n * per_row);
  std::vector<std::size_t> all(n);
  for (std::size_t j = 0; j < n; ++j) all[j] = j;
  estimate(all, &out.first, &out.total, &out.mean, &out.variance);
  out.first_low = out.first_high = out.first;
  out.total_low = out.total_high = out.total;
  if (o.bootstrap > 0) {
    const auto reps = static_cast<std::size_t>(o.bootstrap);
    std::vector<std::vector<double>> firsts(reps), totals(reps);
    NRS_RETURN_IF_ERROR(ParallelFor(reps, o.threads, [&](std::size_t r) -> Status {
      Random rng(o.seed ^ 0xB0075712ULL, r);
      std::vector<std::size_t> rows(n);
      for (std::size_t& j : rows) j = static_cast<std::size_t>(rng.Uniform() * static_cast<double>(n));
      estimate(rows, &firsts[r], &totals[r], nullptr, nullptr);
      return Status::Ok();
    }));
    const double alpha = (1 - o.confidence) / 2;
    std::vector<double> column(reps);
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t r = 0; r < reps; ++r) column[r] = firsts[r][i];
      out.first_low[i] = Quantile7(column, alpha);
      out.first_high[i] = Quantile7(column, 1 - alpha);
      for (std::size_t r = 0; r < reps; ++r) column[r] = totals[r][i];
      out.total_low[i] = Quantile7(column, alpha);
      out.total_high[i] = Quantile7(column, 1 - alpha);
    }
  }
  return out;
}

Result<SensitivityResult> Sensitivity(const Prepared& p, const SensitivityOptions& o) {
  NRS_RETURN_IF_ERROR(o.space.Validate());
  SensitivityResult out;
  out.factors = Factors(p, o.space);
  out.output = "mean absolute change of the root's rank from the nominal build, over units";
  NRS_ASSIGN_OR_RETURN(const BuildResult nominal, Build(p, p.options, Detail::kScores));
  const std::vector<double> nominal_rank = nominal.ranks.back();
  NRS_ASSIGN_OR_RETURN(const StageCache cache, StageCache::Make(p, o.space, out.factors));
  const SobolModel model = [&](std::span<const double> u) -> Result<double> {
    const Scenario s = Apply(p, o.space, out.factors, u);
    NRS_ASSIGN_OR_RETURN(const BuildResult b, Run(p, s, cache));
    const std::vector<double>& rank = b.ranks.back();
    if (rank.size() != nominal_rank.size()) {
      return Status::InvalidInput("a sensitivity run screened a different set of units");
    }
    double sum = 0;
    for (std::size_t i = 0; i < rank.size(); ++i) sum += std::fabs(rank[i] - nominal_rank[i]);
    return sum / static_cast<double>(rank.size());
  };
  NRS_ASSIGN_OR_RETURN(out.indices, Sobol(out.factors.size(), model, o.sobol));
  return out;
}

}  // namespace nrs::index
