#include "store/store.h"

namespace nrs::store {

Status Transaction::Execute(std::string_view sql, std::initializer_list<Param> params) {
  NRS_ASSIGN_OR_RETURN(Statement * statement, Prepare(sql));
  return statement->Execute(params);
}

Status Transaction::Query(std::string_view sql, std::initializer_list<Param> params, const RowFn& on_row) {
  NRS_ASSIGN_OR_RETURN(Statement * statement, Prepare(sql));
  return statement->Query(params, on_row);
}

Result<std::optional<std::int64_t>> Transaction::QueryInt(std::string_view sql, std::initializer_list<Param> params) {
  std::optional<std::int64_t> value;
  bool first = true;
  NRS_RETURN_IF_ERROR(Query(sql, params, [&](const Row& row) -> Status {
    if (first && !row.IsNull(0)) value = row.Int(0);
    first = false;
    return Status::Ok();
  }));
  return value;
}

}  // namespace nrs::store
