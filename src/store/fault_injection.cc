#include "store/fault_injection.h"

#include <unordered_map>

namespace nrs::store {
namespace {

struct Counter {
  FaultPlan plan;
  std::int64_t executed = 0;
  Status Next(std::string_view sql) {
    if (!plan.only_sql_containing.empty() && sql.find(plan.only_sql_containing) == std::string_view::npos) {
      return Status::Ok();
    }
    ++executed;
    if (plan.fail_statement != 0 && executed == plan.fail_statement) {
      return {plan.code, fmt::format("injected fault at statement {}", executed)};
    }
    return Status::Ok();
  }
};

class FaultyStatement final : public Statement {
 public:
  FaultyStatement(Statement* inner, std::string sql, Counter* counter)
      : inner_(inner), sql_(std::move(sql)), counter_(counter) {}
  Status Execute(std::span<const Param> params) override {
    NRS_RETURN_IF_ERROR(counter_->Next(sql_));
    return inner_->Execute(params);
  }
  Status Query(std::span<const Param> params, const RowFn& on_row) override {
    NRS_RETURN_IF_ERROR(counter_->Next(sql_));
    return inner_->Query(params, on_row);
  }
  std::int64_t changes() const override { return inner_->changes(); }

 private:
  Statement* inner_;
  std::string sql_;
  Counter* counter_;
};

class FaultyTransaction final : public Transaction {
 public:
  FaultyTransaction(Transaction& inner, Counter* counter) : inner_(inner), counter_(counter) {}
  Result<Statement*> Prepare(std::string_view sql) override {
    NRS_ASSIGN_OR_RETURN(Statement * statement, inner_.Prepare(sql));
    auto& wrapped = wrappers_[statement];
    if (!wrapped) wrapped = std::make_unique<FaultyStatement>(statement, std::string(sql), counter_);
    return wrapped.get();
  }
  std::int64_t LastInsertId() const override { return inner_.LastInsertId(); }
  Result<std::vector<std::string>> TableNames() override { return inner_.TableNames(); }
  bool writable() const override { return inner_.writable(); }

 private:
  Transaction& inner_;
  Counter* counter_;
  std::unordered_map<Statement*, std::unique_ptr<FaultyStatement>> wrappers_;
};

class FaultInjectingStore final : public Store {
 public:
  FaultInjectingStore(std::unique_ptr<Store> inner, const FaultPlan& plan) : inner_(std::move(inner)), counter_{plan} {}
  Status Write(const WorkFn& work) override {
    return inner_->Write([&](Transaction& tx) {
      FaultyTransaction faulty(tx, &counter_);
      return work(faulty);
    });
  }
  Status Read(const WorkFn& work) const override {
    return inner_->Read([&](Transaction& tx) {
      FaultyTransaction faulty(tx, &counter_);
      return work(faulty);
    });
  }
  std::uint64_t DataVersion() const override { return inner_->DataVersion(); }
  StoreInfo Info() const override { return inner_->Info(); }
  Status Check() const override { return inner_->Check(); }

 private:
  std::unique_ptr<Store> inner_;
  mutable Counter counter_;
};

}  // namespace

std::unique_ptr<Store> MakeFaultInjectingStore(std::unique_ptr<Store> inner, const FaultPlan& plan) {
  return std::make_unique<FaultInjectingStore>(std::move(inner), plan);
}

}  // namespace nrs::store
