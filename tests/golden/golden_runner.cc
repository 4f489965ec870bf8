// Runs one golden case: a text file of steps, each an `nrs` command line with what it must print and exit
// with. The format is described in tests/golden/README.md. Exit status 0 when every step holds; otherwise
// each failed expectation is printed.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"
#include "io/csv_reader.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;

struct Step {
  int line = 0;  // line of `run:` in the case file
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;
  std::optional<std::string> stdin_text;
  int exit_code = 0;
  std::optional<std::string> stdout_exact;
  std::optional<std::string> stderr_exact;
  std::vector<std::string> stdout_contains, stdout_lacks, stderr_contains, stderr_lacks;
  std::optional<int> stderr_lines;
  std::optional<std::string> stdout_csv;       // expected CSV text
  std::optional<std::string> stdout_csv_file;  // or a file holding it
  double rel_tolerance = 0;
  double abs_tolerance = 0;
  std::map<std::string, std::string> csv_rename;  // expected column → output column
  std::string csv_key;                            // match rows by this column, in any order; extra rows allowed
  // Restrictions of the CSV comparison: the expected columns compared ("expected" or "expected=output"; all if
  // none), the expected data rows compared (1-based inclusive ranges), and conditions they must meet
  // ("COLUMN=VALUE" or "COLUMN!=VALUE").
  std::vector<std::string> columns;
  std::vector<std::pair<std::size_t, std::size_t>> rows;
  std::vector<std::string> where;
  std::vector<std::pair<std::string, std::string>> files;  // written before the step
  std::vector<std::string> unchanged;                      // must have the same bytes after the step
  std::vector<std::string> absent;                         // must not exist after the step
  std::vector<std::string> exists;                         // must exist after the step
  double timeout_seconds = 600;
};

struct Context {
  std::string nrs;
  fs::path root;  // the repository
  fs::path tmp;   // private to this case
};

std::string Substitute(std::string text, const Context& ctx) {
  const std::pair<std::string, std::string> vars[] = {
      {"{tmp}", ctx.tmp.string()},
      {"{root}", ctx.root.string()},
      {"{ref}", (ctx.root / "tests/reference").string()},
      {"{demo}", (ctx.root / "data/demo").string()},
  };
  for (const auto& [key, value] : vars) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

// Splits a command line into words: spaces separate, '…' and "…" group, no other shell syntax.
std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The lines after lines[*i] that are indented by two spaces (blank lines included), without the indent;
// trailing blank lines are dropped. Leaves *i at the block's last line.
std::string ReadBlock(const std::vector<std::string>& lines, std::size_t* i) {
  std::vector<std::string> block;
  while (*i + 1 < lines.size() && (lines[*i + 1].starts_with("  ") || nrs::core::Trim(lines[*i + 1]).empty())) {
    ++*i;
    block.push_back(lines[*i].size() >= 2 ? lines[*i].substr(2) : "");
  }
  while (!block.empty() && block.back().empty()) block.pop_back();
  std::string text;
  for (const std::string& l : block) text += l + '\n';
  return text;
}

// Parses the case file. Keys are "key: value"; a key with an empty value takes the following lines indented
// by two spaces as a block.
bool ParseCase(const fs::path& file, const Context& ctx, std::vector<Step>* steps, std::string* error) {
  std::ifstream in(file);
  if (!in) {
    *error = "cannot read " + file.string();
    return false;
  }
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  Step* step = nullptr;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty() || line[0] == '#') continue;
    const std::size_t colon = line.find(':');
    if (line.starts_with(" ") || colon == std::string::npos) {
      *error = fmt::format("{}:{}: expected 'key: value'", file.string(), i + 1);
      return false;
    }
    const std::string key = line.substr(0, colon);
    std::string value(nrs::core::Trim(line.substr(colon + 1)));
    if (value.empty()) {  // a block
      value = ReadBlock(lines, &i);
    }
    value = Substitute(value, ctx);
    if (key == "run") {
      steps->emplace_back();
      step = &steps->back();
      step->line = static_cast<int>(i + 1);
      step->argv = SplitWords(value);
      if (!step->argv.empty() && step->argv[0] == "nrs") step->argv[0] = ctx.nrs;
      continue;
    }
    if (key == "file") {  // `file: path` then `content:` block, before any run or inside a step
      if (step == nullptr) {
        steps->emplace_back();
        step = &steps->back();
      }
      std::string content;
      if (i + 1 < lines.size() && lines[i + 1].starts_with("content:")) {
        ++i;
        const std::string inline_value(nrs::core::Trim(lines[i].substr(8)));
        if (!inline_value.empty()) {
          content = Substitute(inline_value, ctx);
        } else {
          content = Substitute(ReadBlock(lines, &i), ctx);
        }
      }
      step->files.emplace_back(value, content);
      continue;
    }
    if (step == nullptr) {
      *error = fmt::format("{}:{}: '{}' before the first 'run:'", file.string(), i + 1, key);
      return false;
    }
    if (key == "exit") {
      step->exit_code = std::stoi(value);
    } else if (key == "env") {
      const std::size_t eq = value.find('=');
      step->env[value.substr(0, eq)] = eq == std::string::npos ? "" : value.substr(eq + 1);
    } else if (key == "stdin") {
      step->stdin_text = value;
    } else if (key == "stdout") {
      step->stdout_exact = value;
    } else if (key == "stderr") {
      step->stderr_exact = value;
    } else if (key == "stdout-contains") {
      step->stdout_contains.push_back(value);
    } else if (key == "stdout-lacks") {
      step->stdout_lacks.push_back(value);
    } else if (key == "stderr-contains") {
      step->stderr_contains.push_back(value);
    } else if (key == "stderr-lacks") {
      step->stderr_lacks.push_back(value);
    } else if (key == "stderr-lines") {
      step->stderr_lines = std::stoi(value);
    } else if (key == "stdout-csv") {
      step->stdout_csv = value;
    } else if (key == "stdout-csv-file") {
      step->stdout_csv_file = value;
    } else if (key == "tolerance") {
      step->rel_tolerance = std::stod(value);
    } else if (key == "abs-tolerance") {
      step->abs_tolerance = std::stod(value);
    } else if (key == "csv-rename") {
      for (const std::string& pair : SplitWords(value)) {
        const std::size_t eq = pair.find('=');
        step->csv_rename[pair.substr(0, eq)] = eq == std::string::npos ? pair : pair.substr(eq + 1);
      }
    } else if (key == "csv-key") {
      step->csv_key = value;
    } else if (key == "columns") {
      for (const std::string& c : nrs::core::SplitList(value, ',')) step->columns.push_back(c);
    } else if (key == "rows") {
      for (const std::string& range : nrs::core::SplitList(value, ',')) {
        const std::size_t dash = range.find('-');
        const std::size_t first = std::stoul(range.substr(0, dash));
        step->rows.emplace_back(first, dash == std::string::npos ? first : std::stoul(range.substr(dash + 1)));
      }
    } else if (key == "where") {
      step->where.push_back(value);
    } else if (key == "unchanged") {
      step->unchanged.push_back(value);
    } else if (key == "absent") {
      step->absent.push_back(value);
    } else if (key == "exists") {
      step->exists.push_back(value);
    } else if (key == "timeout") {
      step->timeout_seconds = std::stod(value);
    } else {
      *error = fmt::format("{}:{}: unknown key '{}'", file.string(), i + 1, key);
      return false;
    }
  }
  return true;
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
  bool timed_out = false;
};

Outcome Spawn(const Step& step, const Context& ctx) {
  Outcome outcome;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) return outcome;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  posix_spawn_file_actions_addchdir_np(&actions, ctx.tmp.c_str());

  // The environment: ours without NRS_* (a developer's settings must not leak into tests), plus the step's.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!std::string_view(*e).starts_with("NRS_")) env_strings.emplace_back(*e);
  }
  for (const auto& [k, v] : step.env) env_strings.push_back(fmt::format("{}={}", k, v));
  std::vector<char*> envp;
  envp.reserve(env_strings.size() + 1);
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = step.argv;
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    outcome.err = fmt::format("cannot start {}: {}", argv[0], std::strerror(rc));
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return outcome;
  }
  if (step.stdin_text) {
    const std::string& text = *step.stdin_text;
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = ::write(in_pipe[1], text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
  }
  ::close(in_pipe[1]);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(step.timeout_seconds);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&outcome.out, &outcome.err};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      outcome.timed_out = true;
      break;
    }
    if (::poll(fds, 2, 200) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (const pollfd& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return outcome;
}

bool NumbersMatch(std::string_view expected, std::string_view actual, double rel, double abs) {
  if (expected == actual) return true;
  if (expected == "NA" && actual.empty()) return true;  // R writes a missing value as NA
  const auto e = nrs::core::ParseDouble(expected);
  const auto a = nrs::core::ParseDouble(actual);
  if (!e || !a) return false;
  return std::fabs(*e - *a) <= std::max(abs, rel * std::max(std::fabs(*e), std::fabs(*a)));
}

// Compares CSV by column name: every expected column (or each of `columns:`), renamed by `csv-rename:` or
// `expected=output`, must be in the output; numbers within tolerance, everything else exactly. The expected rows
// are those of `rows:` (all if none) that meet every `where:` condition. Rows in the same order or, with
// csv-key, matched by that column's value (every expected row must be there; the output may hold more).
void CompareCsv(const std::string& expected_text, const std::string& actual_text, const Step& step,
                std::vector<std::string>* failures) {
  auto expected = nrs::io::CsvReader::FromText("expected", expected_text);
  auto actual = nrs::io::CsvReader::FromText("stdout", actual_text);
  if (!expected.ok() || !actual.ok()) {
    failures->push_back("CSV cannot be parsed: " + (expected.ok() ? actual.status() : expected.status()).ToString());
    return;
  }
  // The compared columns, as (expected, output) names.
  std::vector<std::pair<std::string, std::string>> names;
  const auto renamed = [&](const std::string& column) {
    const auto it = step.csv_rename.find(column);
    return it != step.csv_rename.end() ? it->second : column;
  };
  if (step.columns.empty()) {
    for (const std::string& c : expected->header()) names.emplace_back(c, renamed(c));
  } else {
    for (const std::string& c : step.columns) {
      const std::size_t eq = c.find('=');
      if (eq == std::string::npos) {
        names.emplace_back(c, renamed(c));
      } else {
        names.emplace_back(c.substr(0, eq), c.substr(eq + 1));
      }
    }
  }
  std::vector<std::pair<int, int>> map;  // (expected index, output index)
  int key_column = -1;
  for (const auto& [e, a] : names) {
    const int e_at = expected->ColumnIndex(e);
    const int a_at = actual->ColumnIndex(a);
    if (e_at < 0) failures->push_back(fmt::format("expected CSV lacks column '{}'", e));
    if (a_at < 0) failures->push_back(fmt::format("output lacks column '{}'", a));
    if (!step.csv_key.empty() && e == step.csv_key) key_column = static_cast<int>(map.size());
    map.emplace_back(e_at, a_at);
  }
  if (!step.csv_key.empty() && key_column < 0) failures->push_back("csv-key names no compared column");
  struct Condition {
    int column;
    std::string value;
    bool equal;
  };
  std::vector<Condition> conditions;
  for (const std::string& w : step.where) {
    const std::size_t eq = w.find('=');
    const bool equal = eq == std::string::npos || eq == 0 || w[eq - 1] != '!';
    const int at = eq == std::string::npos
                       ? -1
                       : expected->ColumnIndex(std::string(nrs::core::Trim(w.substr(0, equal ? eq : eq - 1))));
    if (at < 0) {
      failures->push_back(fmt::format("where '{}': not COLUMN=VALUE of an expected column", w));
      continue;
    }
    conditions.push_back({at, std::string(nrs::core::Trim(w.substr(eq + 1))), equal});
  }
  if (!failures->empty()) return;
  const auto read_all = [&](nrs::io::CsvReader& reader) {
    std::vector<std::vector<std::string>> rows;
    while (true) {
      auto more = reader.Next();
      if (!more.ok()) {
        failures->push_back("CSV row cannot be parsed: " + more.status().ToString());
        break;
      }
      if (!*more) break;
      rows.emplace_back(reader.fields().begin(), reader.fields().end());
    }
    return rows;
  };
  std::vector<std::vector<std::string>> e_rows = read_all(*expected);
  const std::vector<std::vector<std::string>> a_rows = read_all(*actual);
  if (!failures->empty()) return;
  if (!step.rows.empty()) {
    std::vector<std::vector<std::string>> kept;
    for (const auto& [first, last] : step.rows) {
      for (std::size_t r = first; r <= last && r <= e_rows.size(); ++r) kept.push_back(e_rows[r - 1]);
    }
    e_rows = std::move(kept);
  }
  std::erase_if(e_rows, [&](const std::vector<std::string>& row) {
    return !std::all_of(conditions.begin(), conditions.end(), [&](const Condition& c) {
      return (nrs::core::Trim(row[static_cast<std::size_t>(c.column)]) == c.value) == c.equal;
    });
  });
  if (step.csv_key.empty() && e_rows.size() != a_rows.size()) {
    failures->push_back(fmt::format("output has {} data rows, expected {}", a_rows.size(), e_rows.size()));
    return;
  }
  int mismatches = 0;
  for (std::size_t r = 0; r < e_rows.size(); ++r) {
    const std::vector<std::string>* a = step.csv_key.empty() ? &a_rows[r] : nullptr;
    if (a == nullptr) {
      const auto [e_key, a_key] = map[static_cast<std::size_t>(key_column)];
      const std::string& key = e_rows[r][static_cast<std::size_t>(e_key)];
      for (const auto& candidate : a_rows) {
        if (candidate[static_cast<std::size_t>(a_key)] == key) a = &candidate;
      }
      if (a == nullptr) {
        failures->push_back(fmt::format("output has no row with {} '{}'", step.csv_key, key));
        continue;
      }
    }
    for (std::size_t c = 0; c < map.size(); ++c) {
      const std::string& e = e_rows[r][static_cast<std::size_t>(map[c].first)];
      const std::string& got = (*a)[static_cast<std::size_t>(map[c].second)];
      if (!NumbersMatch(e, got, step.rel_tolerance, step.abs_tolerance) && ++mismatches <= 20) {
        failures->push_back(fmt::format("row {} column '{}': expected '{}', got '{}'", r + 1, names[c].first, e, got));
      }
    }
  }
  if (mismatches > 20) failures->push_back(fmt::format("… {} mismatches in all", mismatches));
}

std::vector<std::string> Check(const Step& step, const Outcome& o, const std::map<std::string, std::string>& before) {
  std::vector<std::string> f;
  if (o.timed_out) f.push_back(fmt::format("timed out after {} s", step.timeout_seconds));
  if (o.exit_code != step.exit_code) f.push_back(fmt::format("exit code {}, expected {}", o.exit_code, step.exit_code));
  if (step.stdout_exact && o.out != *step.stdout_exact) f.push_back("stdout differs from the expected text");
  if (step.stderr_exact && o.err != *step.stderr_exact) f.push_back("stderr differs from the expected text");
  for (const auto& s : step.stdout_contains) {
    if (o.out.find(s) == std::string::npos) f.push_back("stdout lacks: " + s);
  }
  for (const auto& s : step.stdout_lacks) {
    if (o.out.find(s) != std::string::npos) f.push_back("stdout must not contain: " + s);
  }
  for (const auto& s : step.stderr_contains) {
    if (o.err.find(s) == std::string::npos) f.push_back("stderr lacks: " + s);
  }
  for (const auto& s : step.stderr_lacks) {
    if (o.err.find(s) != std::string::npos) f.push_back("stderr must not contain: " + s);
  }
  if (step.stderr_lines) {
    const auto n = static_cast<int>(std::count(o.err.begin(), o.err.end(), '\n'));
    if (n != *step.stderr_lines) f.push_back(fmt::format("stderr has {} lines, expected {}", n, *step.stderr_lines));
  }
  if (step.stdout_csv) CompareCsv(*step.stdout_csv, o.out, step, &f);
  if (step.stdout_csv_file) {
    // Reference files may be kept gzip-compressed (the IoD's 32,844 rows).
    const auto expected = nrs::io::ReadFileText(*step.stdout_csv_file);
    CompareCsv(expected.ok() ? *expected : std::string(), o.out, step, &f);
  }
  for (const auto& [path, bytes] : before) {
    if (ReadFile(path) != bytes) f.push_back("file changed: " + path);
  }
  for (const auto& path : step.absent) {
    if (fs::exists(path)) f.push_back("file must not exist: " + path);
  }
  for (const auto& path : step.exists) {
    if (!fs::exists(path)) f.push_back("file must exist: " + path);
  }
  return f;
}

int RunCase(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: nrs_golden NRS_BINARY REPOSITORY CASE_FILE\n";
    return 2;
  }
  Context ctx;
  ctx.nrs = fs::absolute(argv[1]).string();
  ctx.root = fs::absolute(argv[2]);
  const fs::path case_file = argv[3];
  ctx.tmp = fs::temp_directory_path() / fmt::format("nrs-golden-{}-{}", case_file.stem().string(), ::getpid());
  fs::remove_all(ctx.tmp);
  fs::create_directories(ctx.tmp);

  std::vector<Step> steps;
  std::string error;
  if (!ParseCase(case_file, ctx, &steps, &error)) {
    std::cerr << error << '\n';
    return 2;
  }
  int failed = 0;
  for (const Step& step : steps) {
    for (const auto& [path, content] : step.files) {
      fs::create_directories(fs::path(path).parent_path());
      std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
    }
    if (step.argv.empty()) continue;
    std::map<std::string, std::string> before;
    for (const auto& path : step.unchanged) before[path] = ReadFile(path);
    const Outcome outcome = Spawn(step, ctx);
    const std::vector<std::string> failures = Check(step, outcome, before);
    if (failures.empty()) continue;
    ++failed;
    std::string command;
    for (const auto& a : step.argv) command += (command.empty() ? "" : " ") + a;
    std::cerr << fmt::format("{}:{}: FAILED: {}\n", case_file.string(), step.line, command);
    for (const auto& f : failures) std::cerr << "  " << f << '\n';
    std::cerr << "  --- stdout (first 2000 bytes) ---\n" << outcome.out.substr(0, 2000);
    std::cerr << "  --- stderr (first 2000 bytes) ---\n" << outcome.err.substr(0, 2000) << '\n';
  }
  fs::remove_all(ctx.tmp);
  if (failed == 0) std::cout << fmt::format("{}: {} steps passed\n", case_file.filename().string(), steps.size());
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return RunCase(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "nrs_golden: " << e.what() << '\n';
    return 2;
  }
}
