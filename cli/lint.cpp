// `paiban lint FILE...`: formats each file and lists what the core fixed and what it warns
// about, one line per diagnostic (or one JSON document with --json).
#include <algorithm>
#include <string>
#include <vector>

#include "common.h"
#include "encoding.h"
#include "files.h"
#include "paiban/paiban.h"

namespace paiban::cli {

namespace {

const char* severity_name(paiban::Severity s) {
  switch (s) {
    case paiban::Severity::info:
      return "info";
    case paiban::Severity::warning:
      return "warning";
    case paiban::Severity::error:
      return "error";
  }
  return "info";
}

/// Shows tabs, line breaks and other control characters in `[before → after]` readably.
std::string visible(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
      out += kHex[static_cast<unsigned char>(c) & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

/// `file:line:col: severity rule: message [before → after]` (no line or column when the
/// diagnostic is about the whole file).
std::string diagnostic_line(const std::string& file, const paiban::Diagnostic& d) {
  std::string out = file + ":";
  if (d.line > 0) {
    out += std::to_string(d.line) + ":";
    if (d.column > 0) out += std::to_string(d.column) + ":";
  }
  out += " ";
  out += d.applied ? "fix" : severity_name(d.severity);
  out += " ";
  out += d.rule;
  out += ": ";
  out += d.message();
  if (d.applied) out += " [" + visible(d.before) + " → " + visible(d.after) + "]";
  out += '\n';
  return out;
}

/// Diagnostics in reading order (line, then column); whole-file ones (line 0) first.
void sort_diagnostics(std::vector<paiban::Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const paiban::Diagnostic& a, const paiban::Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
}

nlohmann::json error_entry(const std::string& code, const std::string& zh, const std::string& en) {
  return nlohmann::json{{"code", code}, {"field", ""},      {"line", 0},
                        {"column", 0},  {"message_zh", zh}, {"message_en", en}};
}

}  // namespace

int run_lint(const std::vector<std::string>& args, HelpWriter help) {
  Args la;
  if (int rc = parse_args(args, kAcceptFields | kAcceptJson | kAcceptStrict, la); rc != kOk) return rc;
  if (la.help) {
    help(stdout);
    return kOk;
  }
  std::vector<std::string> inputs = la.inputs;
  if (inputs.empty()) inputs.push_back("-");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1)
    return usage_error("标准输入（-）只能读一次", "standard input (-) can be read only once");

  paiban::Options opt;
  opt.fields = la.fields;
  opt.now = la.now ? *la.now : beijing_now();
  opt.output = paiban::Output::fragment;  // the diagnostics are the same for every output
  if (int rc = load_profile(la.profile, opt.profile_json); rc != kOk) return rc;
  if (int rc = preflight(opt, la.profile); rc != kOk) return rc;

  std::size_t fixes = 0;
  std::size_t warnings = 0;
  std::size_t errors = 0;        // warnings of severity error, and files the core failed on
  bool failing = false;          // a diagnostic of severity error, or a file the core failed on
  std::size_t strict_fails = 0;  // warnings that --strict counts
  std::size_t unreadable = 0;
  nlohmann::json files = nlohmann::json::array();
  bool output_failed = false;
  IoError out_err;

  paiban::ProfileCache profiles;  // the same profile for every file: read once
  for (const std::string& input : inputs) {
    const std::string name = input == "-" ? std::string("<stdin>") : input;
    nlohmann::json entry{{"file", name}};
    std::string bytes;
    IoError err;
    if (!read_all(input, bytes, err)) {
      ++unreadable;
      if (input == "-")
        error("无法读取标准输入：" + errno_zh(err.error), "cannot read standard input: " + errno_en(err.error));
      else
        error("无法读取输入文件 “" + input + "”：" + errno_zh(err.error),
              "cannot read input file '" + input + "': " + errno_en(err.error));
      entry["status"] = "unreadable";
      entry["diagnostics"] = nlohmann::json::array();
      entry["errors"] = nlohmann::json::array(
          {error_entry("input.read", "无法读取：" + errno_zh(err.error), "cannot read: " + errno_en(err.error))});
      files.push_back(std::move(entry));
      continue;
    }
    const Decoded decoded = to_utf8(std::move(bytes));
    if (decoded.encoding == Encoding::gb18030 && !la.quiet)
      say(name + ": 提示：输入按 GB18030 编码读取 / note: input read as GB18030");

    paiban::Result r = paiban::format(decoded.text, opt, profiles);
    sort_diagnostics(r.diagnostics);
    std::string text;
    if (!r.ok) {
      // The core stopped on this file (empty notes, say): listed like a diagnostic of severity
      // error, so that whoever reads the lines sees it.
      ++errors;
      failing = true;
      if (r.errors.empty())
        r.errors.push_back(
            paiban::Error{"internal", "", 0, 0, "排版失败，原因不明", "formatting failed for an unknown reason"});
      for (const paiban::Error& e : r.errors)
        if (!la.json) text += name + ": error " + e.code + ": " + e.message_zh + " / " + e.message_en + "\n";
    }
    for (const paiban::Diagnostic& d : r.diagnostics) {
      if (d.applied)
        ++fixes;
      else if (d.severity == paiban::Severity::error)
        ++errors;
      else if (d.severity == paiban::Severity::warning)
        ++warnings;
      if (d.severity == paiban::Severity::error) failing = true;
      if (d.severity == paiban::Severity::warning && !d.applied) ++strict_fails;
      if (!la.json) text += diagnostic_line(name, d);
    }
    if (la.json) {
      nlohmann::json rj = result_json(r);
      entry["status"] = r.ok ? "ok" : "failed";
      entry["encoding"] = encoding_name(decoded.encoding);
      entry["diagnostics"] = std::move(rj["diagnostics"]);
      entry["errors"] = std::move(rj["errors"]);
      files.push_back(std::move(entry));
    } else if (!text.empty() && !output_failed && !write_stdout(text, out_err)) {
      output_failed = true;
    }
  }

  if (la.json && !output_failed) {
    nlohmann::json doc;
    doc["files"] = std::move(files);
    doc["summary"] = {{"files", inputs.size()}, {"fixes", fixes},           {"warnings", warnings},
                      {"errors", errors},       {"unreadable", unreadable}, {"strict", la.strict}};
    std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
    if (!write_stdout(text, out_err)) output_failed = true;
  }
  if (output_failed) {
    error("无法写到标准输出：" + errno_zh(out_err.error),
          "cannot write to standard output: " + errno_en(out_err.error));
    return kOutput;
  }

  if (!la.quiet) {
    std::string line = std::to_string(inputs.size()) + " 个文件：" + std::to_string(fixes) + " 处可自动修改，" +
                       std::to_string(warnings) + " 条提醒";
    std::string line_en = count(inputs.size(), "file", "files") + ": " + count(fixes, "fix", "fixes") + ", " +
                          count(warnings, "warning", "warnings");
    if (errors > 0) {
      line += "，" + std::to_string(errors) + " 个错误";
      line_en += ", " + count(errors, "error", "errors");
    }
    if (unreadable > 0) {
      line += "，" + std::to_string(unreadable) + " 个文件无法读取";
      line_en += ", " + count(unreadable, "file", "files") + " unreadable";
    }
    say(line + " / " + line_en);
  }

  if (unreadable > 0) return kInput;
  if (failing || (la.strict && strict_fails > 0)) return kInternal;
  return kOk;
}

}  // namespace paiban::cli
