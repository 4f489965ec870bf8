#include "io/csv_reader.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace nrs::io {

Result<std::string> ReadFileText(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("file '{}' does not exist", path);
    return Status::IoError("file '{}': {}", path, std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument("'{}' is a directory, not a file", path);
  // zlib reads plain files as they are ("transparent" mode), so one path serves .csv and .csv.gz.
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return Status::IoError("file '{}' cannot be opened: {}", path, std::strerror(errno));
  gzbuffer(file, 1 << 17);
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  std::string chunk(1 << 17, '\0');
  while (true) {
    const int n = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()));
    if (n < 0) {
      int errnum = 0;
      const std::string why = gzerror(file, &errnum);
      gzclose(file);
      return Status::IoError("file '{}' cannot be read: {}", path, why);
    }
    if (n == 0) break;
    text.append(chunk.data(), static_cast<std::size_t>(n));
  }
  gzclose(file);
  return text;
}

Result<std::string> DecompressIfGzip(std::string_view bytes, std::string_view name) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
      static_cast<unsigned char>(bytes[1]) != 0x8b) {
    return std::string(bytes);
  }
  z_stream z{};
  // 15 + 16: a 32 KiB window and a gzip (not zlib) header.
  if (inflateInit2(&z, 15 + 16) != Z_OK) return Status::Internal("zlib cannot start");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  std::string chunk(1 << 18, '\0');
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return Status::InvalidInput("{}: damaged gzip data", name);
    }
    out.append(chunk.data(), chunk.size() - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

CsvReader::CsvReader(std::string name, std::string text, CsvOptions options)
    : name_(std::move(name)), text_(std::move(text)), options_(options) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // UTF-8 byte-order mark, as Excel writes it
}

Result<CsvReader> CsvReader::Open(const std::string& path, CsvOptions options, std::string display_name) {
  NRS_ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  if (display_name.empty()) display_name = path;
  return FromText(std::move(display_name), std::move(text), options);
}

Result<CsvReader> CsvReader::FromText(std::string name, std::string text, CsvOptions options) {
  CsvReader reader(std::move(name), std::move(text), options);
  NRS_ASSIGN_OR_RETURN(const bool has_header, reader.ParseRecord());
  DiagnosticList problems(reader.name_);
  if (!has_header || (reader.fields_.size() == 1 && reader.fields_[0].empty())) {
    problems.AddReason(1, "", "the file is empty; expected a header row naming the columns");
    return problems.ToStatus();
  }
  for (std::size_t i = 0; i < reader.fields_.size(); ++i) {
    const std::string name_i(reader.fields_[i]);
    if (name_i.empty()) problems.Add(1, fmt::format("column {}", i + 1), "the header names no column here");
    for (std::size_t j = 0; j < i; ++j) {
      if (!name_i.empty() && reader.header_[j] == name_i) {
        problems.Add(1, name_i, "column name repeated (columns {} and {})", j + 1, i + 1);
      }
    }
    reader.header_.push_back(name_i);
  }
  NRS_RETURN_IF_ERROR(problems.ToStatus());
  return reader;
}

std::size_t CsvReader::RemainingLines() const {
  return static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(pos_), text_.end(), '\n')) + 1;
}

int CsvReader::ColumnIndex(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return static_cast<int>(i);
  }
  return -1;
}

Result<bool> CsvReader::Next() {
  while (true) {
    NRS_ASSIGN_OR_RETURN(const bool more, ParseRecord());
    if (!more) return false;
    // A blank line (one empty field) is skipped, as spreadsheet exports often end with one.
    if (fields_.size() == 1 && fields_[0].empty() && header_.size() != 1) continue;
    ++records_;
    if (fields_.size() != header_.size()) {
      DiagnosticList problems(name_);
      problems.Add(record_line_, "", "expected {} fields as in the header, found {}", header_.size(), fields_.size());
      return problems.ToStatus();
    }
    return true;
  }
}

Result<bool> CsvReader::NextRecord(DiagnosticList& problems) {
  while (true) {
    auto more = Next();
    if (more.ok()) return *more;
    if (more.status().diagnostics().empty()) return more.status();
    for (const Diagnostic& d : more.status().diagnostics()) problems.Add(d);
  }
}

Result<bool> CsvReader::ParseRecord() {
  fields_.clear();
  scratch_.clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = next_line_;

  // Fields are first recorded as spans into text_ or scratch_ and turned into views at the end, because
  // scratch_ may reallocate while the record is being read.
  struct Span {
    bool in_scratch;
    std::size_t offset;
    std::size_t length;
  };
  std::vector<Span> spans;
  const char delimiter = options_.delimiter;
  const std::size_t n = text_.size();
  bool end_of_record = false;
  while (!end_of_record) {
    if (pos_ < n && text_[pos_] == '"') {
      const std::int64_t quote_line = next_line_;
      const std::size_t start = scratch_.size();
      ++pos_;
      while (true) {
        if (pos_ >= n) {
          DiagnosticList problems(name_);
          problems.AddReason(quote_line, fmt::format("field {}", spans.size() + 1),
                             "a quoted field is never closed (missing '\"')");
          pos_ = n;
          return problems.ToStatus();
        }
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < n && text_[pos_] == '"') {
            scratch_ += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++next_line_;
        scratch_ += c;
      }
      spans.push_back({true, start, scratch_.size() - start});
      if (pos_ < n && text_[pos_] == '\r') ++pos_;
      if (pos_ >= n || text_[pos_] == '\n') {
        if (pos_ < n) ++pos_, ++next_line_;
        end_of_record = true;
      } else if (text_[pos_] == delimiter) {
        ++pos_;
      } else {
        DiagnosticList problems(name_);
        problems.AddReason(next_line_, fmt::format("field {}", spans.size()),
                           fmt::format("unexpected '{}' after a closing quote", text_[pos_]));
        // Skip to the end of the line so that reading can resume.
        while (pos_ < n && text_[pos_] != '\n') ++pos_;
        if (pos_ < n) ++pos_, ++next_line_;
        return problems.ToStatus();
      }
      continue;
    }
    const std::size_t start = pos_;
    while (pos_ < n && text_[pos_] != delimiter && text_[pos_] != '\n') ++pos_;
    std::size_t end = pos_;
    if (pos_ >= n || text_[pos_] == '\n') {
      if (end > start && text_[end - 1] == '\r') --end;
      if (pos_ < n) ++pos_, ++next_line_;
      end_of_record = true;
    } else {
      ++pos_;  // the delimiter; at the very end of the input the next pass adds the last, empty field
    }
    spans.push_back({false, start, end - start});
  }
  fields_.reserve(spans.size());
  for (const Span& s : spans) {
    const std::string& base = s.in_scratch ? scratch_ : text_;
    fields_.emplace_back(base.data() + s.offset, s.length);
  }
  return true;
}

}  // namespace nrs::io
