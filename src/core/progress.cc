#include "core/progress.h"

namespace nrs::core {
namespace {
class Silent final : public Progress {
 public:
  void Start(std::string_view /*stage*/, std::uint64_t /*total*/) override {}
  void Update(std::uint64_t /*done*/) override {}
  void Finish() override {}
};
}  // namespace

Progress& NoProgress() {
  static Silent silent;
  return silent;
}

}  // namespace nrs::core
