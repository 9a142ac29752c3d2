// What the commands of the command line share: exit codes, messages on stderr, argument parsing,
// loading the profile and checking the options against the core before any file is touched.
#ifndef PAIBAN_CLI_COMMON_H
#define PAIBAN_CLI_COMMON_H

#include <cstddef>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.h"
#include "paiban/paiban.h"

namespace paiban::cli {

// Exit codes; keep in step with the help text and docs/cli.md.
enum Exit : int {
  kOk = 0,
  kInternal = 1,  ///< format: internal error; lint: errors found (or warnings with --strict)
  kUsage = 2,
  kInput = 3,
  kProfile = 4,
  kField = 5,
  kOutput = 6,
  kSomeFailed = 7,  ///< batch: some files could not be converted
};

/// One line on standard error.
void say(const std::string& line);

/// "paiban: 错误：zh / error: en" on standard error.
void error(const std::string& zh, const std::string& en);

/// Prints a usage error and the hint to --help; returns kUsage.
int usage_error(const std::string& zh, const std::string& en);

/// The current time in Beijing (UTC+8, no daylight saving), "YYYY-MM-DD HH:MM:SS".
std::string beijing_now();

/// "1 fix", "2 fixes".
std::string count(std::size_t n, const char* one, const char* many);

/// Which options a command takes, beyond --profile, --now, --quiet and --help (taken by all).
enum Accept : unsigned {
  kAcceptOutput = 1u << 0,    ///< -o, --output
  kAcceptFields = 1u << 1,    ///< --title, --column, --date, --views, --source, --author, --keywords, --url
  kAcceptFragment = 1u << 2,  ///< --fragment
  kAcceptJson = 1u << 3,      ///< --json
  kAcceptStrict = 1u << 4,    ///< --strict
  kAcceptReport = 1u << 5,    ///< --report
  kAcceptJobs = 1u << 6,      ///< -j, --jobs
};

struct Args {
  std::vector<std::string> inputs;  ///< the positional arguments, in order ("-" included)
  std::optional<std::string> output;
  std::optional<std::string> profile;
  std::optional<std::string> now;
  std::optional<std::string> report;
  std::optional<std::string> jobs;
  paiban::Fields fields;
  bool fragment = false;
  bool json = false;
  bool quiet = false;
  bool strict = false;
  bool help = false;
};

/// Parses a command's arguments. Returns kOk, or kUsage after printing the error. `--opt value`
/// and `--opt=value` both work; `--` ends the options; each value option may appear once.
int parse_args(const std::vector<std::string>& args, unsigned accept, Args& out);

/// Reads the --profile file (when given) into `profile_json`. Returns kOk or kProfile after
/// printing the error.
int load_profile(const std::optional<std::string>& path, std::string& profile_json);

/// Prints the core's errors; returns the exit code they call for (kProfile, kField, kInput for
/// input.* such as empty notes, kInternal).
int report_errors(const paiban::Result& r, const std::optional<std::string>& profile_path);

/// Formats empty notes with `opt` so that a bad profile or a bad field value is reported once,
/// before any file is read. Returns kOk, or the exit code after printing the errors.
int preflight(const paiban::Options& opt, const std::optional<std::string>& profile_path);

/// How many diagnostics were applied fixes, and how many were not (warnings and notes).
struct Tally {
  std::size_t fixes = 0;
  std::size_t warnings = 0;
};
Tally tally(const std::vector<paiban::Diagnostic>& diagnostics);

/// "utf-8", "utf-16le", "utf-16be", "gb18030", "unknown".
const char* encoding_name(Encoding e);

/// The result's "ok", "meta", "diagnostics" and "errors" in the core's own JSON form (see
/// paiban::to_json), without page, fragment and text.
nlohmann::json result_json(const paiban::Result& r);

/// Prints the help text (main.cpp owns it) to `to`.
using HelpWriter = void (*)(std::FILE* to);

/// `paiban lint FILE...` (lint.cpp) and `paiban batch IN_DIR OUT_DIR` (batch.cpp); `args` come
/// after the command's name. Return the exit code.
int run_lint(const std::vector<std::string>& args, HelpWriter help);
int run_batch(const std::vector<std::string>& args, HelpWriter help);

}  // namespace paiban::cli

#endif  // PAIBAN_CLI_COMMON_H
