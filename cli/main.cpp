// paiban: the command line (SPEC §6). It only moves bytes: reads the notes (decoding GB18030
// and UTF-16 to UTF-8), calls the core, writes the page, fragment or JSON, and reports errors
// with documented exit codes. `lint` is in lint.cpp, `batch` in batch.cpp.
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common.h"
#include "encoding.h"
#include "files.h"
#include "paiban/paiban.h"

namespace {

using namespace paiban::cli;

const char* const kHelp =
    "paiban — 把纯文本稿件排成网站的标准文章页 / formats plain-text notes into the site's article page\n"
    "\n"
    "用法 / usage:\n"
    "  paiban format [FILE|-] [选项 / options]   排版一篇稿件 / format one article\n"
    "  paiban lint [FILE|-]... [选项 / options]  检查稿件，列出修改和提醒 / check notes, list fixes and warnings\n"
    "  paiban batch IN_DIR OUT_DIR [选项 / options]\n"
    "                                          整个文件夹批量排版 / convert a whole folder\n"
    "  paiban profile [-o OUT]                 输出默认站点配置（JSON）/ print the default site profile (JSON)\n"
    "  paiban --help | --version\n"
    "\n"
    "输入 / input: FILE，或 - 与省略时读标准输入 / FILE, or standard input for - or none.\n"
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
    "lint：每条诊断一行 / one line per diagnostic: FILE:LINE:COL: SEVERITY RULE: MESSAGE\n"
    "  （可自动修改的记为 fix 并附 [原文 → 改为] / fixes show as fix with [before → after]）\n"
    "  选项 / options: --profile、--now、字段选项 / the field options（同 format / as for format）, -q, 以及 / and:\n"
    "  --json              输出一个 JSON 文档 / one JSON document: {\"files\": [...], \"summary\": {...}}\n"
    "  --strict            有提醒（warning）也算失败，退出码 1 / warnings fail too (exit 1)\n"
    "  只有修改和提醒时退出码为 0 / fixes and warnings alone exit 0.\n"
    "\n"
    "batch：把 IN_DIR 下（含子文件夹，跳过隐藏的）每个 .txt/.md 排成 OUT_DIR 下同名的 .html\n"
    "  converts every .txt/.md under IN_DIR (subfolders too, hidden ones skipped) to OUT_DIR/same path.html\n"
    "  -j, --jobs N        并行线程数（缺省为 CPU 核数）/ threads (default: the number of CPUs)\n"
    "  --report FILE       报告 JSON（缺省 OUT_DIR/paiban-report.json）/ the JSON report (default OUT_DIR/...)\n"
    "  --fragment          输出文章片段 / write fragments instead of pages\n"
    "  --profile P, --now T, -q  同上 / as above\n"
    "\n"
    "退出码 / exit codes:\n"
    "  0  成功 / ok\n"
    "  1  format：内部错误 / internal error; lint：发现错误（--strict 时含提醒）/ errors found (warnings too with "
    "--strict)\n"
    "  2  用法错误（未知选项、缺少参数值、数字无效）/ usage error (unknown option, missing value, bad number)\n"
    "  3  无法读取输入（文件不存在、是目录、读取出错、稿件为空；batch：IN_DIR）\n"
    "     / input cannot be read (missing file, a directory, read error, empty notes; batch: IN_DIR)\n"
    "  4  站点配置错误 / profile error\n"
    "  5  字段值无效（如 --date 不是日期）/ bad field value (e.g. --date is not a date)\n"
    "  6  无法写出输出 / output cannot be written\n"
    "  7  batch：部分文件失败（见报告）/ some files failed (see the report)\n";

void write_help(std::FILE* to) {
  std::fputs(kHelp, to);
}

int write_output(const std::optional<std::string>& path, std::string_view data) {
  IoError err;
  if (path && *path != "-") {
    if (!write_atomic(*path, data, err)) {
      error("无法写出 “" + *path + "”：" + errno_zh(err.error), "cannot write '" + *path + "': " + errno_en(err.error));
      return kOutput;
    }
    return kOk;
  }
  if (!write_stdout(data, err)) {
    error("无法写到标准输出：" + errno_zh(err.error), "cannot write to standard output: " + errno_en(err.error));
    return kOutput;
  }
  return kOk;
}

int run_format(const std::vector<std::string>& args) {
  Args fa;
  if (int rc = parse_args(args, kAcceptOutput | kAcceptFields | kAcceptFragment | kAcceptJson, fa); rc != kOk)
    return rc;
  if (fa.help) {
    write_help(stdout);
    return kOk;
  }
  if (fa.inputs.size() > 1)
    return usage_error("只能给一个输入文件，多余的是 “" + fa.inputs[1] + "”",
                       "only one input file is allowed; extra: '" + fa.inputs[1] + "'");
  const std::string input = fa.inputs.empty() ? std::string("-") : fa.inputs[0];

  paiban::Options opt;
  opt.fields = fa.fields;
  opt.now = fa.now ? *fa.now : beijing_now();
  opt.output = fa.json ? (fa.fragment ? paiban::Output::fragment : paiban::Output::both)
                       : (fa.fragment ? paiban::Output::fragment : paiban::Output::page);
  if (int rc = load_profile(fa.profile, opt.profile_json); rc != kOk) return rc;

  const std::string input_name = input == "-" ? std::string("<stdin>") : input;
  std::string bytes;
  IoError err;
  if (!read_all(input, bytes, err)) {
    if (input == "-")
      error("无法读取标准输入：" + errno_zh(err.error), "cannot read standard input: " + errno_en(err.error));
    else
      error("无法读取输入文件 “" + input + "”：" + errno_zh(err.error),
            "cannot read input file '" + input + "': " + errno_en(err.error));
    return kInput;
  }
  const Decoded decoded = to_utf8(std::move(bytes));
  if (decoded.encoding == Encoding::gb18030 && !fa.quiet)
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
    const Tally t = tally(r.diagnostics);
    say(input_name + ": " + std::to_string(t.fixes) + " 处修改，" + std::to_string(t.warnings) + " 条提醒 / " +
        count(t.fixes, "fix", "fixes") + ", " + count(t.warnings, "warning", "warnings"));
  }
  return kOk;
}

int run_profile(const std::vector<std::string>& args) {
  std::optional<std::string> output;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      write_help(stdout);
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
    write_help(stderr);
    return kUsage;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    write_help(stdout);
    return kOk;
  }
  if (cmd == "-V" || cmd == "--version") {
    std::printf("paiban %s\n", paiban::version());
    return kOk;
  }
  if (cmd == "format") return run_format(args);
  if (cmd == "profile") return run_profile(args);
  if (cmd == "lint") return run_lint(args, write_help);
  if (cmd == "batch") return run_batch(args, write_help);
  if (!cmd.empty() && cmd[0] == '-') return usage_error("未知选项 “" + cmd + "”", "unknown option '" + cmd + "'");
  return usage_error("未知命令 “" + cmd + "”（可用：format、lint、batch、profile）",
                     "unknown command '" + cmd + "' (available: format, lint, batch, profile)");
}
