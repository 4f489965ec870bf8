#include "geo/hierarchy.h"

#include <algorithm>
#include <cassert>
#include <unordered_set>

namespace nrs::geo {
namespace {
std::string KeyOf(const AreaType& type, std::string_view code) { return type.Key() + "/" + std::string(code); }
}  // namespace

void Hierarchy::AddArea(Area area) {
  assert(area.id > 0 && !index_.contains(area.id));
  by_key_[KeyOf(area.type, area.code)] = area.id;
  index_[area.id] = areas_.size();
  areas_.push_back(std::move(area));
}

void Hierarchy::AddLink(std::int64_t child, std::int64_t parent) {
  assert(index_.contains(child) && index_.contains(parent));
  parents_[child].push_back(parent);
  children_[parent].push_back(child);
}

const Area* Hierarchy::Find(const AreaType& type, std::string_view code) const {
  const auto it = by_key_.find(KeyOf(type, code));
  return it == by_key_.end() ? nullptr : Get(it->second);
}

const Area* Hierarchy::Get(std::int64_t id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &areas_[it->second];
}

std::vector<std::int64_t> Hierarchy::Descendants(std::int64_t ancestor, const AreaType& type) const {
  std::vector<std::int64_t> found;
  std::unordered_set<std::int64_t> seen{ancestor};
  std::vector<std::int64_t> stack{ancestor};
  while (!stack.empty()) {
    const std::int64_t id = stack.back();
    stack.pop_back();
    const Area* area = Get(id);
    if (area != nullptr && area->type == type) {
      found.push_back(id);
      continue;  // areas of one type do not nest inside each other
    }
    // Only smaller areas can hold areas of `type`; do not wander into larger ones.
    if (area != nullptr && area->type.Level() < type.Level()) continue;
    const auto it = children_.find(id);
    if (it == children_.end()) continue;
    for (const std::int64_t child : it->second) {
      if (seen.insert(child).second) stack.push_back(child);
    }
  }
  std::sort(found.begin(), found.end(), [&](std::int64_t a, std::int64_t b) { return Get(a)->code < Get(b)->code; });
  return found;
}

std::int64_t Hierarchy::Ancestor(std::int64_t area, const AreaType& type) const {
  // Breadth first, so the nearest (most direct) ancestor of that kind wins.
  std::vector<std::int64_t> frontier{area};
  std::unordered_set<std::int64_t> seen{area};
  while (!frontier.empty()) {
    std::vector<std::int64_t> next;
    for (const std::int64_t id : frontier) {
      const auto it = parents_.find(id);
      if (it == parents_.end()) continue;
      for (const std::int64_t parent : it->second) {
        if (Get(parent)->type == type) return parent;
        if (seen.insert(parent).second) next.push_back(parent);
      }
    }
    frontier = std::move(next);
  }
  return 0;
}

const std::vector<std::int64_t>& Hierarchy::Parents(std::int64_t area) const {
  static const std::vector<std::int64_t> kNone;
  const auto it = parents_.find(area);
  return it == parents_.end() ? kNone : it->second;
}

std::vector<std::int64_t> Hierarchy::OfType(const AreaType& type) const {
  std::vector<std::int64_t> ids;
  for (const Area& a : areas_) {
    if (a.type == type) ids.push_back(a.id);
  }
  std::sort(ids.begin(), ids.end(), [&](std::int64_t a, std::int64_t b) { return Get(a)->code < Get(b)->code; });
  return ids;
}

}  // namespace nrs::geo
