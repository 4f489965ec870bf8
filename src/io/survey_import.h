#pragma once

// Reading survey responses against an instrument: a respondent-level CSV (one row per respondent, one column per
// item, plus the design columns an import mapping names) validated as a whole — codes out of range, unknown
// columns, duplicate respondents, bad weights — and refused with every problem's line, or returned coded.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "io/instrument_reader.h"
#include "nrs/result.h"
#include "survey/instrument.h"

namespace nrs::io {

struct SurveyResponses {
  std::vector<std::int64_t> lines;                             // the line of each respondent
  std::map<std::string, std::vector<std::string>> design;      // role → values (roles present in the file)
  std::map<std::string, std::vector<std::string>> attributes;  // column → values
  std::vector<std::vector<int>> answers;  // per instrument item (in instrument order), per respondent; −1 missing
  std::vector<bool> item_present;         // per instrument item: the file has its column
  std::size_t rows() const { return lines.size(); }
};

// Errors: kNotFound, kIoError; kInvalidInput listing every problem (file:line: column: reason): a required design
// column (respondent, area, wave, weight) absent, a column that is neither a design role, an item nor an
// attribute, an answer that is not one of its item's codes (nor a missing code), a weight that is not a positive
// number, a respondent twice in the same wave. Nothing is returned unless the whole file is valid.
Result<SurveyResponses> ReadSurveyResponses(const std::string& path, const survey::Instrument& instrument,
                                            const ImportMapping& mapping);

}  // namespace nrs::io
