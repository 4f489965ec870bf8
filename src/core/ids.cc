#include "core/ids.h"

namespace nrs::core {

std::string Slugify(std::string_view name) {
  std::string slug;
  bool pending_hyphen = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    const bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
    if (!alnum) {
      pending_hyphen = !slug.empty();
      continue;
    }
    if (pending_hyphen) slug += '-';
    pending_hyphen = false;
    slug += static_cast<char>(u >= 'A' && u <= 'Z' ? u - 'A' + 'a' : u);
  }
  return slug;
}

}  // namespace nrs::core
