// paiban: the command line (SPEC §6). It only moves bytes: reads the notes (decoding GB18030
// and UTF-16 to UTF-8), calls the core, writes the page, fragment or JSON, and reports errors
// with documented exit codes.
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.h"
#include "files.h"
#include "paiban/paiban.h"

namespace {

using paiban::cli::errno_en;
using paiban::cli::errno_zh;
using paiban::cli::IoError;

// Exit codes; keep in step with the help text and docs/cli.md.
enum Exit : int {
  kOk = 0,
  kInternal = 1,
  kUsage = 2,
  kInput = 3,
  kProfile = 4,
  kField = 5,
  kOutput = 6,
};

const char* const kHelp =
    "paiban — 把纯文本稿件排成网站的标准文章页 / formats plain-text notes into the site's article page\n"
    "\n"
    "用法 / usage:\n"
    "  paiban format [FILE|-] [选项 / options]   排版一篇稿件 / format one article\n"
    "  paiban profile [-o OUT]                 输出默认站点配置（JSON）/ print the default site profile (JSON)\n"
    "  paiban --help | --version\n"
    "\n"
    "format 的输入 / input: FILE，或 - 与省略时读标准输入 / FILE, or standard input for - or none.\n"
    "  编码 / encodings: UTF-8（可带 BOM / BOM or not）、带 BOM 的 UTF-16 / UTF-16 with a BOM、GB18030/GBK（自动识别 / "
    "detected）.\n"
    "\n"
    "format 的选项 / options:\n"
    "  -o, --output OUT    写入文件 OUT（原子写入：出错时 OUT 不变）/ write to OUT (atomically: unchanged on error)\n"
    "  --fragment          只输出文章片段（粘贴到 CMS 用）/ output the article fragment (for the CMS editor)\n"
    "  --json              输出 JSON 结果（含诊断）/ output the JSON result (with diagnostics)\n"
    "  --profile P         站点配置 JSON 文件 / site profile JSON file\n"
    "  --title T           标题 / title\n"
    "  --column C          栏目 / column\n"
    "  --date D            发布时间，如 2022-10-14 10:53:02 或 2022年10月14日 / publish date-time\n"
    "  --views N           浏览量（非负整数）/ view count (a whole number)\n"
    "  --source S          来源 / source\n"
    "  --author A          作者 / author\n"
    "  --keywords K        关键词 / keywords\n"
    "  --url U             文章网址 / article URL\n"
    "  --now \"YYYY-MM-DD HH:MM:SS\"\n"
    "                      默认发布时间（北京时间，缺省为当前时间）/ default publish date-time\n"
    "                      (Beijing time; the current time when absent)\n"
    "  -q, --quiet         不输出提示和统计 / no notes or summary on stderr\n"
    "  命令行给出的字段优先于稿件中的写法 / fields given here win over what the notes say.\n"
    "\n"
    "退出码 / exit codes:\n"
    "  0  成功 / ok\n"
    "  1  内部错误 / internal error\n"
    "  2  用法错误（未知选项、缺少参数值、数字无效）/ usage error (unknown option, missing value, bad number)\n"
    "  3  无法读取输入（文件不存在、是目录、读取出错）/ input cannot be read (missing file, a directory, read error)\n"
    "  4  站点配置错误 / profile error\n"
    "  5  字段值无效（如 --date 不是日期）/ bad field value (e.g. --date is not a date)\n"
    "  6  无法写出输出 / output cannot be written\n";

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

/// The current time in Beijing (UTC+8, no daylight saving), "YYYY-MM-DD HH:MM:SS".
std::string beijing_now() {
  constexpr std::time_t kBeijingOffset = 8 * 60 * 60;
  const std::time_t t = std::time(nullptr) + kBeijingOffset;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

struct FormatArgs {
  std::string input = "-";
  bool input_given = false;
  std::optional<std::string> output;
  std::optional<std::string> profile;
  bool fragment = false;
  bool json = false;
  bool quiet = false;
  std::optional<std::string> now;
  paiban::Fields fields;
};

/// A value-taking option: its names and where the value goes.
struct ValueOption {
  const char* name;
  const char* short_name;
  std::optional<std::string>* target;
};

/// Parses `args` (after the command). Returns kOk, or an exit code after printing the error.
int parse_format_args(const std::vector<std::string>& args, FormatArgs& out, bool& help) {
  const ValueOption value_options[] = {
      {"--output", "-o", &out.output},
      {"--profile", nullptr, &out.profile},
      {"--now", nullptr, &out.now},
      {"--title", nullptr, &out.fields.title},
      {"--column", nullptr, &out.fields.column},
      {"--date", nullptr, &out.fields.date},
      {"--views", nullptr, &out.fields.views},
      {"--source", nullptr, &out.fields.source},
      {"--author", nullptr, &out.fields.author},
      {"--keywords", nullptr, &out.fields.keywords},
      {"--url", nullptr, &out.fields.url},
  };
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      if (out.input_given)
        return usage_error("只能给一个输入文件，多余的是 “" + a + "”",
                           "only one input file is allowed; extra: '" + a + "'");
      out.input = a;
      out.input_given = true;
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      help = true;
      return kOk;
    }
    if (a == "--fragment") {
      out.fragment = true;
      continue;
    }
    if (a == "--json") {
      out.json = true;
      continue;
    }
    if (a == "-q" || a == "--quiet") {
      out.quiet = true;
      continue;
    }
    // --name value, --name=value, -o value
    std::string name = a;
    std::optional<std::string> inline_value;
    if (a.rfind("--", 0) == 0) {
      const std::size_t eq = a.find('=');
      if (eq != std::string::npos) {
        name = a.substr(0, eq);
        inline_value = a.substr(eq + 1);
      }
    }
    const ValueOption* opt = nullptr;
    for (const ValueOption& v : value_options)
      if (name == v.name || (v.short_name != nullptr && name == v.short_name)) opt = &v;
    if (opt == nullptr) return usage_error("未知选项 “" + name + "”", "unknown option '" + name + "'");
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
  return kOk;
}

int write_output(const std::optional<std::string>& path, std::string_view data) {
  IoError err;
  if (path && *path != "-") {
    if (!paiban::cli::write_atomic(*path, data, err)) {
      error("无法写出 “" + *path + "”：" + errno_zh(err.error), "cannot write '" + *path + "': " + errno_en(err.error));
      return kOutput;
    }
    return kOk;
  }
  if (!paiban::cli::write_stdout(data, err)) {
    error("无法写到标准输出：" + errno_zh(err.error), "cannot write to standard output: " + errno_en(err.error));
    return kOutput;
  }
  return kOk;
}

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// Prints the core's errors; returns the exit code they call for.
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

int run_format(const std::vector<std::string>& args) {
  FormatArgs fa;
  bool help = false;
  if (int rc = parse_format_args(args, fa, help); rc != kOk) return rc;
  if (help) {
    std::fputs(kHelp, stdout);
    return kOk;
  }

  paiban::Options opt;
  opt.fields = fa.fields;
  opt.now = fa.now ? *fa.now : beijing_now();
  opt.output = fa.json ? (fa.fragment ? paiban::Output::fragment : paiban::Output::both)
                       : (fa.fragment ? paiban::Output::fragment : paiban::Output::page);

  IoError err;
  if (fa.profile) {
    if (!paiban::cli::read_all(*fa.profile, opt.profile_json, err)) {
      say(*fa.profile + ": 错误：无法读取站点配置：" + errno_zh(err.error) +
          " / error: cannot read the profile: " + errno_en(err.error));
      return kProfile;
    }
  }

  const std::string input_name = fa.input == "-" ? std::string("<stdin>") : fa.input;
  std::string bytes;
  if (!paiban::cli::read_all(fa.input, bytes, err)) {
    if (fa.input == "-")
      error("无法读取标准输入：" + errno_zh(err.error), "cannot read standard input: " + errno_en(err.error));
    else
      error("无法读取输入文件 “" + fa.input + "”：" + errno_zh(err.error),
            "cannot read input file '" + fa.input + "': " + errno_en(err.error));
    return kInput;
  }
  const paiban::cli::Decoded decoded = paiban::cli::to_utf8(std::move(bytes));
  if (decoded.encoding == paiban::cli::Encoding::gb18030 && !fa.quiet)
    say(input_name + ": 提示：输入按 GB18030 编码读取 / note: input read as GB18030");

  const paiban::Result r = paiban::format(decoded.text, opt);
  if (!r.ok) return report_errors(r, fa.profile);

  std::string out;
  if (fa.json) {
    out = paiban::to_json(r);
    out += '\n';
  } else {
    out = fa.fragment ? r.fragment : r.page;
  }
  if (int rc = write_output(fa.output, out); rc != kOk) return rc;

  if (!fa.quiet && !r.diagnostics.empty()) {
    std::size_t fixes = 0;
    for (const paiban::Diagnostic& d : r.diagnostics)
      if (d.applied) ++fixes;
    const std::size_t warnings = r.diagnostics.size() - fixes;
    say(input_name + ": " + std::to_string(fixes) + " 处修改，" + std::to_string(warnings) + " 条提醒 / " +
        count(fixes, "fix", "fixes") + ", " + count(warnings, "warning", "warnings"));
  }
  return kOk;
}

int run_profile(const std::vector<std::string>& args) {
  std::optional<std::string> output;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return kOk;
    }
    if (a == "-o" || a == "--output") {
      if (i + 1 >= args.size()) return usage_error("选项 " + a + " 缺少参数值", "option " + a + " needs a value");
      if (output) return usage_error("选项 -o 给了不止一次", "option -o is given more than once");
      output = args[++i];
      continue;
    }
    if (a.rfind("--output=", 0) == 0) {
      if (output) return usage_error("选项 -o 给了不止一次", "option -o is given more than once");
      output = a.substr(9);
      continue;
    }
    if (!a.empty() && a[0] == '-') return usage_error("未知选项 “" + a + "”", "unknown option '" + a + "'");
    return usage_error("profile 命令不接受参数 “" + a + "”", "the profile command takes no argument '" + a + "'");
  }
  std::string text = paiban::default_profile_json();
  if (text.empty() || text.back() != '\n') text += '\n';
  return write_output(output, text);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kHelp, stderr);
    return kUsage;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::fputs(kHelp, stdout);
    return kOk;
  }
  if (cmd == "-V" || cmd == "--version") {
    std::printf("paiban %s\n", paiban::version());
    return kOk;
  }
  if (cmd == "format") return run_format(args);
  if (cmd == "profile") return run_profile(args);
  if (!cmd.empty() && cmd[0] == '-') return usage_error("未知选项 “" + cmd + "”", "unknown option '" + cmd + "'");
  return usage_error("未知命令 “" + cmd + "”（可用：format、profile）",
                     "unknown command '" + cmd + "' (available: format, profile)");
}
