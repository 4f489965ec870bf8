#include "store/meta.h"

namespace nrs::store {

Result<std::optional<std::string>> GetMeta(Transaction& tx, std::string_view key) {
  std::optional<std::string> value;
  NRS_RETURN_IF_ERROR(tx.Query("SELECT value FROM nrs_meta WHERE key = ?", {key}, [&](const Row& row) {
    value = std::string(row.Text(0));
    return Status::Ok();
  }));
  return value;
}

Status PutMeta(Transaction& tx, std::string_view key, std::string_view value) {
  return tx.Execute(
      "INSERT INTO nrs_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value",
      {key, value});
}

Result<std::int64_t> RecordDataset(Transaction& tx, const DatasetRecord& d) {
  NRS_ASSIGN_OR_RETURN(const auto existing, tx.QueryInt("SELECT id FROM dataset WHERE name = ?", {d.name}));
  if (existing) return Status::AlreadyExists("a dataset named '{}' is already loaded", d.name);
  NRS_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO dataset(kind, name, source, publisher, licence, rows, imported_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {d.kind, d.name, d.source, d.publisher, d.licence, d.rows, d.imported_at}));
  return tx.LastInsertId();
}

Result<std::vector<DatasetRecord>> ListDatasets(Transaction& tx) {
  std::vector<DatasetRecord> out;
  NRS_RETURN_IF_ERROR(
      tx.Query("SELECT id, kind, name, source, publisher, licence, rows, imported_at FROM dataset "
               "ORDER BY id",
               {}, [&](const Row& r) {
                 out.push_back({r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)), std::string(r.Text(3)),
                                std::string(r.Text(4)), std::string(r.Text(5)), r.Int(6), std::string(r.Text(7))});
                 return Status::Ok();
               }));
  return out;
}

Result<std::vector<MigrationRecord>> ListAppliedMigrations(Transaction& tx) {
  std::vector<MigrationRecord> out;
  NRS_RETURN_IF_ERROR(tx.Query(
      "SELECT version, description, applied_at FROM schema_migrations ORDER BY version", {}, [&](const Row& r) {
        out.push_back({static_cast<int>(r.Int(0)), std::string(r.Text(1)), std::string(r.Text(2))});
        return Status::Ok();
      }));
  return out;
}

}  // namespace nrs::store
