#pragma once

// A condition on one variable that turns it into a 0/1 indicator for proportions: "api00 > 800",
// "tenure == 'social rent'", "gad7 >= 10". Operators: > >= < <= == !=. A number compares numerically, anything
// else (quoted or bare) as text.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nrs/result.h"

namespace nrs::survey {

struct Condition {
  enum class Operator { kGreater, kGreaterEqual, kLess, kLessEqual, kEqual, kNotEqual };
  std::string variable;
  Operator op = Operator::kEqual;
  std::string text;      // the right-hand side as written (unquoted)
  bool numeric = false;  // the right-hand side is a number
  double number = 0;
};

// Errors: kInvalidArgument saying what was expected.
Result<Condition> ParseCondition(std::string_view text);

// 1 where the condition holds, 0 where not, NaN where the value is missing ("" or "NA"). A numeric condition on
// a value that is not a number is an error naming its row (0-based index in `row_error`).
// Errors: kInvalidArgument.
Result<std::vector<double>> EvaluateCondition(const Condition& condition, std::span<const std::string> values);

}  // namespace nrs::survey
