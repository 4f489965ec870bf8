#include "survey/condition.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/text.h"

namespace nrs::survey {
namespace {

bool Missing(std::string_view text) {
  const std::string_view t = core::Trim(text);
  return t.empty() || t == "NA";
}

template <typename T>
bool Compare(Condition::Operator op, const T& a, const T& b) {
  switch (op) {
    case Condition::Operator::kGreater:
      return a > b;
    case Condition::Operator::kGreaterEqual:
      return a >= b;
    case Condition::Operator::kLess:
      return a < b;
    case Condition::Operator::kLessEqual:
      return a <= b;
    case Condition::Operator::kEqual:
      return a == b;
    case Condition::Operator::kNotEqual:
      return a != b;
  }
  return false;
}

}  // namespace

Result<Condition> ParseCondition(std::string_view text) {
  // Two-character operators first, so that ">=" is not read as ">".
  static constexpr std::array<std::pair<std::string_view, Condition::Operator>, 7> kOperators = {{
      {">=", Condition::Operator::kGreaterEqual},
      {"<=", Condition::Operator::kLessEqual},
      {"==", Condition::Operator::kEqual},
      {"!=", Condition::Operator::kNotEqual},
      {">", Condition::Operator::kGreater},
      {"<", Condition::Operator::kLess},
      {"=", Condition::Operator::kEqual},
  }};
  for (const auto& [symbol, op] : kOperators) {
    const std::size_t at = text.find(symbol);
    if (at == std::string_view::npos) continue;
    Condition c;
    c.variable = std::string(core::Trim(text.substr(0, at)));
    std::string_view rhs = core::Trim(text.substr(at + symbol.size()));
    if (rhs.size() >= 2 && (rhs.front() == '\'' || rhs.front() == '"') && rhs.back() == rhs.front()) {
      rhs = rhs.substr(1, rhs.size() - 2);
    } else if (const auto number = core::ParseDouble(rhs)) {
      c.numeric = true;
      c.number = *number;
    }
    c.text = std::string(rhs);
    c.op = op;
    if (c.variable.empty() || (c.text.empty() && !c.numeric)) {
      return Status::InvalidArgument("condition '{}': expected VARIABLE OPERATOR VALUE, e.g. \"api00 > 800\"", text);
    }
    return c;
  }
  return Status::InvalidArgument("condition '{}' has no operator (one of > >= < <= == !=)", text);
}

Result<std::vector<double>> EvaluateCondition(const Condition& condition, std::span<const std::string> values) {
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (Missing(values[i])) {
      out[i] = std::nan("");
      continue;
    }
    if (condition.numeric) {
      const auto v = core::ParseDouble(values[i]);
      if (!v) {
        return Status::InvalidArgument("row {}: '{}' of {} is not a number for the condition", i + 1, values[i],
                                       condition.variable);
      }
      out[i] = Compare(condition.op, *v, condition.number) ? 1 : 0;
    } else {
      out[i] = Compare(condition.op, std::string_view(core::Trim(values[i])), std::string_view(condition.text)) ? 1 : 0;
    }
  }
  return out;
}

}  // namespace nrs::survey
