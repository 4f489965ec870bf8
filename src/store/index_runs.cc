#include "store/index_runs.h"

namespace nrs::store {

Result<std::int64_t> InsertIndexRun(Transaction& tx, const IndexRunRow& run,
                                    const std::vector<IndexResultRow>& results) {
  NRS_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO index_run (framework, source, parameters, uncertainty, units, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {run.framework, run.source, run.parameters, run.uncertainty, run.units, run.created_at}));
  const std::int64_t id = tx.LastInsertId();
  NRS_ASSIGN_OR_RETURN(Statement * insert,
                       tx.Prepare("INSERT INTO index_result (run_id, neighbourhood_id, node, node_name, level, score, "
                                  "rank, median_rank, rank_p5, rank_p95) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const IndexResultRow& r : results) {
    NRS_RETURN_IF_ERROR(insert->Execute({id, r.neighbourhood_id, r.node, r.node_name, std::int64_t{r.level}, r.score,
                                         r.rank, r.median_rank, r.rank_p5, r.rank_p95}));
  }
  return id;
}

Result<std::vector<IndexRunRow>> ListIndexRuns(Transaction& tx) {
  std::vector<IndexRunRow> out;
  NRS_RETURN_IF_ERROR(tx.Query(
      "SELECT id, framework, source, parameters, uncertainty, units, created_at FROM index_run ORDER BY id DESC", {},
      [&](const Row& row) {
        out.push_back({row.Int(0), std::string(row.Text(1)), std::string(row.Text(2)), std::string(row.Text(3)),
                       std::string(row.Text(4)), row.Int(5), std::string(row.Text(6))});
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<IndexResultRow>> LoadIndexResults(Transaction& tx, std::int64_t run_id) {
  std::vector<IndexResultRow> out;
  NRS_RETURN_IF_ERROR(tx.Query(
      "SELECT r.neighbourhood_id, n.name, r.node, r.node_name, r.level, r.score, r.rank, r.median_rank, r.rank_p5, "
      "r.rank_p95 FROM index_result r JOIN neighbourhood n ON n.id = r.neighbourhood_id WHERE r.run_id = ? "
      "ORDER BY r.level DESC, r.node, r.rank, n.name",
      {run_id}, [&](const Row& row) {
        IndexResultRow r;
        r.neighbourhood_id = row.Int(0);
        r.neighbourhood = std::string(row.Text(1));
        r.node = std::string(row.Text(2));
        r.node_name = std::string(row.Text(3));
        r.level = static_cast<int>(row.Int(4));
        r.score = row.Real(5);
        r.rank = row.Real(6);
        r.median_rank = row.OptionalReal(7);
        r.rank_p5 = row.OptionalReal(8);
        r.rank_p95 = row.OptionalReal(9);
        out.push_back(std::move(r));
        return Status::Ok();
      }));
  return out;
}

}  // namespace nrs::store
