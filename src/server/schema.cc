#include "server/schema.h"

#include <fmt/format.h>

#include <cmath>

namespace nrs::server {
namespace schema {
namespace {

Json Described(Json s, std::string_view description) {
  if (!description.empty()) s["description"] = description;
  return s;
}

std::string_view TypeName(core::CellType type) {
  switch (type) {
    case core::CellType::kInteger:
      return "integer";
    case core::CellType::kReal:
      return "number";
    case core::CellType::kText:
      break;
  }
  return "string";
}

}  // namespace

Json String(std::string_view description, std::size_t max_length) {
  Json s = {{"type", "string"}};
  if (max_length > 0) s["maxLength"] = max_length;
  return Described(std::move(s), description);
}

Json Integer(std::string_view description, std::optional<std::int64_t> minimum, std::optional<std::int64_t> maximum) {
  Json s = {{"type", "integer"}};
  if (minimum) s["minimum"] = *minimum;
  if (maximum) s["maximum"] = *maximum;
  return Described(std::move(s), description);
}

Json Number(std::string_view description) { return Described({{"type", "number"}}, description); }

Json Boolean(std::string_view description) { return Described({{"type", "boolean"}}, description); }

Json Enum(std::vector<std::string> values, std::string_view description) {
  return Described({{"type", "string"}, {"enum", std::move(values)}}, description);
}

Json Array(Json items, std::string_view description, std::size_t max_items) {
  Json s = {{"type", "array"}, {"items", std::move(items)}};
  if (max_items > 0) s["maxItems"] = max_items;
  return Described(std::move(s), description);
}

Json Object(const std::vector<std::pair<std::string, Json>>& properties, const std::vector<std::string>& required,
            std::string_view description) {
  Json props = Json::object();
  for (const auto& [name, s] : properties) props[name] = s;
  Json s = {{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  return Described(std::move(s), description);
}

Json AnyObject(std::string_view description) { return Described({{"type", "object"}}, description); }

Json Nullable(Json s) {
  s["nullable"] = true;
  return s;
}

Json WithDescription(Json s, std::string_view description) { return Described(std::move(s), description); }

Json Table(const std::vector<core::TableColumn>& columns, bool paginated) {
  std::vector<std::pair<std::string, Json>> cells;
  std::vector<std::string> names;
  Json column_names = Json::array();
  for (const core::TableColumn& c : columns) {
    cells.emplace_back(c.name, Nullable({{"type", TypeName(c.type)}}));
    names.push_back(c.name);
    column_names.push_back(c.name);
  }
  std::vector<std::pair<std::string, Json>> properties = {
      {"columns", Array(Object({{"name", String()}, {"type", Enum({"text", "integer", "real"})}}, {"name", "type"}),
                        "The columns in order, with their types")},
      {"rows", Array(Object(cells, names), "One object per row, keyed by column name")},
      {"total", Integer("Rows in the whole result", 0)}};
  std::vector<std::string> required = {"columns", "rows", "total"};
  if (paginated) {
    properties.emplace_back("offset", Integer("Rows skipped before this page", 0));
    properties.emplace_back("limit", Integer("Most rows in a page", 1));
    required.emplace_back("offset");
    required.emplace_back("limit");
  }
  Json s = Object(properties, required);
  // Documentation only: which columns, in order (the validator ignores unknown keywords).
  Json doc = Json::array();
  for (const core::TableColumn& c : columns) doc.push_back({{"name", c.name}, {"type", core::CellTypeName(c.type)}});
  s["x-columns"] = std::move(doc);
  return s;
}

Json AnyTable() {
  return Object(
      {{"columns", Array(Object({{"name", String()}, {"type", Enum({"text", "integer", "real"})}}, {"name", "type"}))},
       {"rows", Array(AnyObject("A row, keyed by column name"))},
       {"total", Integer("Rows in the whole result", 0)}},
      {"columns", "rows", "total"});
}

Json Error() {
  return Object(
      {{"error", Object({{"code", String("The error's wire name in the error table (GET /api/v1/errors)")},
                         {"message", String("What went wrong, for people")},
                         {"details", Array(Object({{"file", String()},
                                                   {"line", Integer()},
                                                   {"column", String("Column, field or JSON pointer")},
                                                   {"reason", String()}},
                                                  {"reason"}),
                                           "Each problem found in a refused input")},
                         {"count", Integer("Problems found in all (the details may list only the first 100)")}},
                        {"code", "message", "details"})}},
      {"error"});
}

}  // namespace schema

namespace {

class Validator {
 public:
  explicit Validator(std::size_t limit) : limit_(limit) {}

  void Check(const Json& s, const Json& v, const std::string& pointer) {
    if (problems_.size() >= limit_) return;
    if (v.is_null()) {
      if (!s.value("nullable", false) && s.contains("type")) Add(pointer, "must not be null");
      return;
    }
    if (s.contains("type")) {
      const std::string type = s["type"];
      if (!HasType(type, v)) {
        Add(pointer, fmt::format("must be {} {}, not {}", Article(type), type, Describe(v)));
        return;
      }
    }
    if (s.contains("enum")) {
      bool found = false;
      for (const auto& option : s["enum"]) found = found || option == v;
      if (!found) {
        std::vector<std::string> options;
        for (const auto& option : s["enum"]) options.push_back(option.dump());
        Add(pointer, fmt::format("must be one of {}", fmt::join(options, ", ")));
      }
    }
    if (v.is_number()) {
      const double x = v.get<double>();
      if (s.contains("minimum") && x < s["minimum"].get<double>()) {
        Add(pointer, fmt::format("must be at least {}", s["minimum"].dump()));
      }
      if (s.contains("maximum") && x > s["maximum"].get<double>()) {
        Add(pointer, fmt::format("must be at most {}", s["maximum"].dump()));
      }
    }
    if (v.is_string()) {
      const std::size_t length = Utf8Length(v.get_ref<const std::string&>());
      if (s.contains("maxLength") && length > s["maxLength"].get<std::size_t>()) {
        Add(pointer, fmt::format("must have at most {} characters", s["maxLength"].dump()));
      }
      if (s.contains("minLength") && length < s["minLength"].get<std::size_t>()) {
        Add(pointer, fmt::format("must have at least {} characters", s["minLength"].dump()));
      }
    }
    if (v.is_array()) {
      if (s.contains("maxItems") && v.size() > s["maxItems"].get<std::size_t>()) {
        Add(pointer, fmt::format("must have at most {} items", s["maxItems"].dump()));
      }
      if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>()) {
        Add(pointer, fmt::format("must have at least {} items", s["minItems"].dump()));
      }
      if (s.contains("items")) {
        for (std::size_t i = 0; i < v.size(); ++i) Check(s["items"], v[i], fmt::format("{}/{}", pointer, i));
      }
    }
    if (v.is_object()) CheckObject(s, v, pointer);
  }

  std::vector<Diagnostic> problems() && { return std::move(problems_); }

 private:
  void CheckObject(const Json& s, const Json& v, const std::string& pointer) {
    const Json empty = Json::object();
    const Json& properties = s.contains("properties") ? s["properties"] : empty;
    if (s.contains("required")) {
      for (const auto& name : s["required"]) {
        if (!v.contains(name.get<std::string>())) {
          Add(Pointer(pointer, name.get<std::string>()), "is required");
        }
      }
    }
    for (const auto& [key, value] : v.items()) {
      const std::string at = Pointer(pointer, key);
      if (properties.contains(key)) {
        Check(properties[key], value, at);
      } else if (s.contains("additionalProperties")) {
        const Json& extra = s["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          std::vector<std::string> known;
          for (const auto& [name, unused] : properties.items()) known.push_back(name);
          Add(at, known.empty() ? std::string("is not a known field; this object takes none")
                                : fmt::format("is not a known field; expected {}", fmt::join(known, ", ")));
        } else if (extra.is_object()) {
          Check(extra, value, at);
        }
      }
    }
  }

  static bool HasType(const std::string& type, const Json& v) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "number") return v.is_number();
    if (type == "integer") {
      if (v.is_number_integer()) return true;
      // 3.0 is an integer in JSON's sense; 3.5 is not.
      return v.is_number_float() && std::isfinite(v.get<double>()) && std::floor(v.get<double>()) == v.get<double>() &&
             std::fabs(v.get<double>()) < 9.0e15;
    }
    return true;
  }

  static std::string Describe(const Json& v) {
    if (v.is_object()) return "an object";
    if (v.is_array()) return "an array";
    if (v.is_string()) return "a string";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number_integer()) return "an integer";
    if (v.is_number()) return "a number";
    return "null";
  }

  static std::string_view Article(const std::string& type) {
    return type == "object" || type == "array" || type == "integer" ? "an" : "a";
  }

  static std::size_t Utf8Length(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  }

  // RFC 6901: '~' and '/' in a key are escaped.
  static std::string Pointer(const std::string& base, const std::string& key) {
    std::string escaped;
    for (const char c : key) {
      if (c == '~') {
        escaped += "~0";
      } else if (c == '/') {
        escaped += "~1";
      } else {
        escaped += c;
      }
    }
    return base + "/" + escaped;
  }

  void Add(const std::string& pointer, std::string reason) {
    if (problems_.size() < limit_) problems_.push_back({"", 0, pointer.empty() ? "/" : pointer, std::move(reason)});
  }

  std::size_t limit_;
  std::vector<Diagnostic> problems_;
};

}  // namespace

std::vector<Diagnostic> ValidateJson(const Json& schema, const Json& value, std::size_t limit) {
  Validator v(limit);
  v.Check(schema, value, "");
  return std::move(v).problems();
}

}  // namespace nrs::server
