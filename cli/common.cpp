#include "common.h"

#include <cstdio>
#include <ctime>

#include "files.h"

namespace paiban::cli {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// "YYYY-MM-DD HH:MM:SS" with plausible ranges.
bool valid_now(std::string_view s) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
  auto num = [&](std::size_t at, std::size_t n, int lo, int hi) {
    std::string_view part = s.substr(at, n);
    if (!all_digits(part)) return false;
    int v = 0;
    for (char c : part) v = v * 10 + (c - '0');
    return v >= lo && v <= hi;
  };
  return num(0, 4, 1, 9999) && num(5, 2, 1, 12) && num(8, 2, 1, 31) && num(11, 2, 0, 23) && num(14, 2, 0, 59) &&
         num(17, 2, 0, 59);
}

/// A value-taking option: its names, which commands take it, and where the value goes.
struct ValueOption {
  const char* name;
  const char* short_name;
  unsigned accept;  ///< 0: every command
  std::optional<std::string>* target;
};

}  // namespace

void say(const std::string& line) {
  std::fputs(line.c_str(), stderr);
  std::fputc('\n', stderr);
}

void error(const std::string& zh, const std::string& en) {
  say("paiban: 错误：" + zh + " / error: " + en);
}

int usage_error(const std::string& zh, const std::string& en) {
  error(zh, en);
  say("paiban: 用 paiban --help 查看用法 / see paiban --help");
  return kUsage;
}

std::string beijing_now() {
  constexpr std::time_t kBeijingOffset = 8 * 60 * 60;
  const std::time_t t = std::time(nullptr) + kBeijingOffset;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int parse_args(const std::vector<std::string>& args, unsigned accept, Args& out) {
  const ValueOption value_options[] = {
      {"--output", "-o", kAcceptOutput, &out.output},
      {"--profile", nullptr, 0, &out.profile},
      {"--now", nullptr, 0, &out.now},
      {"--report", nullptr, kAcceptReport, &out.report},
      {"--jobs", "-j", kAcceptJobs, &out.jobs},
      {"--title", nullptr, kAcceptFields, &out.fields.title},
      {"--column", nullptr, kAcceptFields, &out.fields.column},
      {"--date", nullptr, kAcceptFields, &out.fields.date},
      {"--views", nullptr, kAcceptFields, &out.fields.views},
      {"--source", nullptr, kAcceptFields, &out.fields.source},
      {"--author", nullptr, kAcceptFields, &out.fields.author},
      {"--keywords", nullptr, kAcceptFields, &out.fields.keywords},
      {"--url", nullptr, kAcceptFields, &out.fields.url},
  };
  struct FlagOption {
    const char* name;
    const char* short_name;
    unsigned accept;
    bool* target;
  };
  const FlagOption flag_options[] = {
      {"--fragment", nullptr, kAcceptFragment, &out.fragment},
      {"--json", nullptr, kAcceptJson, &out.json},
      {"--strict", nullptr, kAcceptStrict, &out.strict},
      {"--quiet", "-q", 0, &out.quiet},
  };
  auto accepted = [&](unsigned which) { return which == 0 || (accept & which) != 0; };
  auto unknown = [](const std::string& name) {
    return usage_error("未知选项 “" + name + "”", "unknown option '" + name + "'");
  };

  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      out.inputs.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      out.help = true;
      return kOk;
    }
    bool is_flag = false;
    for (const FlagOption& f : flag_options) {
      if (a != f.name && (f.short_name == nullptr || a != f.short_name)) continue;
      if (!accepted(f.accept)) return unknown(a);
      *f.target = true;
      is_flag = true;
    }
    if (is_flag) continue;
    // --name value, --name=value, -o value, -j value, -j4
    std::string name = a;
    std::optional<std::string> inline_value;
    if (a.rfind("--", 0) == 0) {
      const std::size_t eq = a.find('=');
      if (eq != std::string::npos) {
        name = a.substr(0, eq);
        inline_value = a.substr(eq + 1);
      }
    } else if (a.size() > 2 && a.rfind("-j", 0) == 0) {
      name = "-j";
      inline_value = a.substr(2);
    }
    const ValueOption* opt = nullptr;
    for (const ValueOption& v : value_options)
      if (name == v.name || (v.short_name != nullptr && name == v.short_name)) opt = &v;
    if (opt == nullptr || !accepted(opt->accept)) return unknown(name);
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return usage_error("选项 " + name + " 缺少参数值", "option " + name + " needs a value");
    }
    if (opt->target->has_value())
      return usage_error("选项 " + std::string(opt->name) + " 给了不止一次",
                         "option " + std::string(opt->name) + " is given more than once");
    *opt->target = std::move(value);
  }
  if (out.fields.views && !all_digits(*out.fields.views))
    return usage_error("--views 应为非负整数，而不是 “" + *out.fields.views + "”",
                       "--views must be a whole number, not '" + *out.fields.views + "'");
  if (out.now && !valid_now(*out.now))
    return usage_error("--now 应为 “YYYY-MM-DD HH:MM:SS”，而不是 “" + *out.now + "”",
                       "--now must be 'YYYY-MM-DD HH:MM:SS', not '" + *out.now + "'");
  if (out.output && out.output->empty()) return usage_error("-o 的文件名为空", "the file name after -o is empty");
  if (out.report && out.report->empty())
    return usage_error("--report 的文件名为空", "the file name after --report is empty");
  if (out.jobs) {
    const std::string& j = *out.jobs;
    if (!all_digits(j) || j.size() > 4 || std::stoi(j) < 1)
      return usage_error("-j 应为 1 到 9999 之间的整数，而不是 “" + j + "”",
                         "-j must be a whole number from 1 to 9999, not '" + j + "'");
  }
  return kOk;
}

int load_profile(const std::optional<std::string>& path, std::string& profile_json) {
  profile_json.clear();
  if (!path) return kOk;
  IoError err;
  if (!read_all(*path, profile_json, err)) {
    say(*path + ": 错误：无法读取站点配置：" + errno_zh(err.error) +
        " / error: cannot read the profile: " + errno_en(err.error));
    return kProfile;
  }
  return kOk;
}

int report_errors(const paiban::Result& r, const std::optional<std::string>& profile_path) {
  int code = kOk;
  for (const paiban::Error& e : r.errors) {
    std::string where_zh;
    std::string where_en;
    if (!e.field.empty() && e.message_en.find(e.field) == std::string::npos) {
      where_zh = "（" + e.field + "）";
      where_en = " (" + e.field + ")";
    }
    int this_code = kInternal;
    if (e.code.rfind("profile", 0) == 0) {
      this_code = kProfile;
      std::string pos = profile_path.value_or("profile");
      if (e.line > 0) pos += ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
      say(pos + ": 错误：" + e.message_zh + where_zh + " / error: " + e.message_en + where_en);
    } else if (e.code.rfind("field", 0) == 0) {
      this_code = kField;
      std::string field = e.field;
      if (field.rfind("fields.", 0) == 0) field = field.substr(7);
      const std::string opt = field.empty() ? std::string() : "--" + field + "：";
      const std::string opt_en = field.empty() ? std::string() : "--" + field + ": ";
      say("paiban: 错误：" + opt + e.message_zh + " / error: " + opt_en + e.message_en);
    } else if (e.code.rfind("input", 0) == 0) {
      this_code = kInput;  // the notes themselves: empty, or too large
      say("paiban: 错误：" + e.message_zh + " / error: " + e.message_en);
    } else {
      say("paiban: 错误：" + e.message_zh + where_zh + " / error: " + e.message_en + where_en + " [" + e.code + "]");
    }
    if (code == kOk || (code == kInternal && this_code != kInternal)) code = this_code;
  }
  if (code == kOk) {
    error("排版失败，原因不明", "formatting failed for an unknown reason");
    code = kInternal;
  }
  return code;
}

int preflight(const paiban::Options& opt, const std::optional<std::string>& profile_path) {
  paiban::Options probe = opt;
  probe.output = paiban::Output::fragment;
  const paiban::Result r = paiban::format("", probe);
  // Only a bad profile or field value is the same for every file; anything else depends on the
  // notes and is reported per file.
  for (const paiban::Error& e : r.errors)
    if (e.code.rfind("profile", 0) == 0 || e.code.rfind("field", 0) == 0) return report_errors(r, profile_path);
  return kOk;
}

Tally tally(const std::vector<paiban::Diagnostic>& diagnostics) {
  Tally t;
  for (const paiban::Diagnostic& d : diagnostics) {
    if (d.applied)
      ++t.fixes;
    else if (d.severity != paiban::Severity::info)
      ++t.warnings;  // notes (title detected …) are not warnings
  }
  return t;
}

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf16le:
      return "utf-16le";
    case Encoding::utf16be:
      return "utf-16be";
    case Encoding::gb18030:
      return "gb18030";
    case Encoding::unknown:
      return "unknown";
  }
  return "unknown";
}

nlohmann::json result_json(const paiban::Result& r) {
  paiban::Result slim;
  slim.ok = r.ok;
  slim.meta = r.meta;
  slim.diagnostics = r.diagnostics;
  slim.errors = r.errors;
  nlohmann::json j = nlohmann::json::parse(paiban::to_json(slim), nullptr, false);
  if (!j.is_object()) return nlohmann::json::object();
  j.erase("page");
  j.erase("fragment");
  j.erase("text");
  return j;
}

}  // namespace paiban::cli
