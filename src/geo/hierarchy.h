#pragma once

// The areas of a database and how they nest, in memory: which LSOAs make up a ward, a council, England.
// An area can have one parent of each type (an LSOA sits in a ward, an MSOA and, through them, a council),
// so the hierarchy is a graph of best-fit links rather than a single tree.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/area_type.h"

namespace nrs::geo {

struct Area {
  std::int64_t id = 0;
  AreaType type;
  std::string code;
  std::string name;
};

class Hierarchy {
 public:
  // Precondition: ids are unique and positive; (type, code) pairs are unique.
  void AddArea(Area area);
  // `child` lies in `parent`. Precondition: both were added.
  void AddLink(std::int64_t child, std::int64_t parent);

  const Area* Find(const AreaType& type, std::string_view code) const;
  const Area* Get(std::int64_t id) const;
  std::size_t size() const { return areas_.size(); }
  const std::vector<Area>& areas() const { return areas_; }

  // Every area of type `type` that lies in `ancestor`, following links transitively, sorted by code.
  // The ancestor itself when it has that type.
  std::vector<std::int64_t> Descendants(std::int64_t ancestor, const AreaType& type) const;

  // The area of type `type` containing `area` (through any chain of links), or 0.
  std::int64_t Ancestor(std::int64_t area, const AreaType& type) const;

  // The direct parents of `area` (one per parent type).
  const std::vector<std::int64_t>& Parents(std::int64_t area) const;

  // All areas of `type`, sorted by code.
  std::vector<std::int64_t> OfType(const AreaType& type) const;

 private:
  std::vector<Area> areas_;
  std::unordered_map<std::int64_t, std::size_t> index_;
  std::unordered_map<std::string, std::int64_t> by_key_;  // "type/code"
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> parents_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> children_;
};

}  // namespace nrs::geo
