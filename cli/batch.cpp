// `paiban batch IN_DIR OUT_DIR`: converts every .txt / .md under IN_DIR into OUT_DIR (same
// relative path, .html), on several threads, with a progress line on a terminal and a JSON report.
//
// Each worker does all of one file's work (read, decode, format, write, its report entry); the
// only shared state is the next-file counter, the done counter and one "entry ready" flag per file.
// The main thread writes the report while the pool runs: each entry as soon as it and all entries
// before it are ready. The list is sorted before the work starts and each output depends only on
// its file, so the outputs and the report are the same for any -j.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common.h"
#include "encoding.h"
#include "files.h"
#include "paiban/paiban.h"

namespace paiban::cli {

namespace {

/// Outputs and the report are renamed into place (a reader never sees half a file) but not
/// flushed to disk one by one: an fsync per file would make a large batch wait on the disk
/// instead of the CPUs.
constexpr bool kDurable = false;

struct Job {
  std::string rel;      ///< the input, relative to IN_DIR ("/"-separated)
  std::string out_rel;  ///< the output, relative to OUT_DIR
  bool ok = false;
  Encoding encoding = Encoding::utf8;
  bool decoded = false;
  paiban::Result result;              ///< dropped once the report entry is made
  std::vector<paiban::Error> errors;  ///< what stopped this file (I/O, a name clash or the core's errors)
  Tally tally;                        ///< fixes and warnings
  std::string report_entry;           ///< this file's entry in the report (JSON, indented to fit)
};

paiban::Error io_error(const std::string& code, const std::string& zh, const std::string& en) {
  paiban::Error e;
  e.code = code;
  e.message_zh = zh;
  e.message_en = en;
  return e;
}

std::string join(const std::string& dir, const std::string& rel) {
  if (rel.empty()) return dir;
  if (dir.empty()) return rel;
  return dir.back() == '/' ? dir + rel : dir + "/" + rel;
}

/// "a/b/" stays "a/b/"; "a/b" → "a/b"; "a///" → "a"; "/" stays "/".
std::string strip_slashes(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

bool ends_with_ci(const std::string& s, const char* suffix) {
  const std::string suf(suffix);
  if (s.size() < suf.size()) return false;
  for (std::size_t i = 0; i < suf.size(); ++i) {
    char c = s[s.size() - suf.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suf[i]) return false;
  }
  return true;
}

/// The output name for an input name, or "" when the input is not notes.
std::string output_name(const std::string& name) {
  if (ends_with_ci(name, ".txt") && name.size() > 4) return name.substr(0, name.size() - 4) + ".html";
  if (ends_with_ci(name, ".md") && name.size() > 3) return name.substr(0, name.size() - 3) + ".html";
  return {};
}

/// Collects the notes under `root`/`rel_dir`, skipping hidden files and folders. A folder that
/// cannot be listed becomes a failed job (its path ends in "/"). Returns false only when the top
/// folder itself cannot be listed.
bool walk(const std::string& root, const std::string& rel_dir, std::vector<Job>& jobs, IoError& err) {
  std::vector<DirEntry> entries;
  if (!list_dir(join(root, rel_dir), entries, err)) {
    if (rel_dir.empty()) return false;
    Job j;
    j.rel = rel_dir + "/";
    j.errors.push_back(io_error("input.folder", "无法读取文件夹：" + errno_zh(err.error),
                                "cannot list the folder: " + errno_en(err.error)));
    jobs.push_back(std::move(j));
    return true;
  }
  for (const DirEntry& e : entries) {
    if (e.name.empty() || e.name[0] == '.') continue;
    const std::string rel = rel_dir.empty() ? e.name : rel_dir + "/" + e.name;
    if (e.is_dir) {
      walk(root, rel, jobs, err);
    } else if (e.is_file) {
      const std::string out = output_name(e.name);
      if (out.empty()) continue;
      Job j;
      j.rel = rel;
      j.out_rel = rel_dir.empty() ? out : rel_dir + "/" + out;
      jobs.push_back(std::move(j));
    }
  }
  return true;
}

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)
/// with nothing JSON must escape (no '"', '\\' or control characters below U+0020).
bool json_plain(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      if (c < 0x20 || c == '"' || c == '\\') return false;
      ++p;
      continue;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t k = 2; k <= n; ++k)
      if (p[k] < 0x80 || p[k] > 0xBF) return false;
    p += n + 1;
  }
  return true;
}

/// Appends `s` as a JSON string, byte for byte what nlohmann's dump writes (UTF-8 kept, invalid
/// bytes replaced): the usual string is copied as it is, the rest goes through the library.
void put_string(std::string& out, std::string_view s) {
  if (json_plain(s)) {
    out += '"';
    out.append(s);
    out += '"';
  } else {
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, kReplace);
  }
}

void put_diagnostic(std::string& out, const paiban::Diagnostic& d) {
  // The keys of paiban::to_json's diagnostic objects, in the order its dump writes them (sorted).
  out += "{\"after\":";
  put_string(out, d.after);
  out += ",\"applied\":";
  out += d.applied ? "true" : "false";
  out += ",\"before\":";
  put_string(out, d.before);
  out += ",\"column\":" + std::to_string(d.column);
  out += ",\"column_utf16\":" + std::to_string(d.column_utf16);
  out += ",\"id\":";
  put_string(out, d.id());
  out += ",\"length\":" + std::to_string(d.length);
  out += ",\"line\":" + std::to_string(d.line);
  out += ",\"message\":";
  put_string(out, d.message());
  out += ",\"rule\":";
  put_string(out, d.rule);
  out += ",\"severity\":";
  out += d.severity == paiban::Severity::error     ? "\"error\""
         : d.severity == paiban::Severity::warning ? "\"warning\""
                                                   : "\"info\"";
  out += '}';
}

void put_error(std::string& out, const paiban::Error& e) {
  out += "{\"code\":";
  put_string(out, e.code);
  out += ",\"column\":" + std::to_string(e.column);
  out += ",\"field\":";
  put_string(out, e.field);
  out += ",\"line\":" + std::to_string(e.line);
  out += ",\"message_en\":";
  put_string(out, e.message_en);
  out += ",\"message_zh\":";
  put_string(out, e.message_zh);
  out += '}';
}

/// A file's entry as it sits in the report (at depth 2, four spaces in): one key a line, keys
/// sorted, and in the arrays (diagnostics, errors) one element a line, each element in the core's
/// JSON form (paiban::to_json). Fully pretty-printed, the diagnostics would take four times the
/// room. Written straight into the string: built as a JSON tree and dumped, the entry cost as much
/// CPU as formatting the file.
std::string report_entry(const Job& job) {
  const paiban::Result& r = job.result;
  std::string out;
  out.reserve(256 + r.diagnostics.size() * 256);
  out += "    {\n      \"diagnostics\": ";
  if (r.diagnostics.empty()) {
    out += "[]";
  } else {
    out += '[';
    for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
      out += i == 0 ? "\n        " : ",\n        ";
      put_diagnostic(out, r.diagnostics[i]);
    }
    out += "\n      ]";
  }
  out += ",\n      \"encoding\": ";
  out += job.decoded ? std::string("\"") + encoding_name(job.encoding) + "\"" : std::string("null");
  out += ",\n      \"errors\": ";
  if (job.errors.empty()) {
    out += "[]";
  } else {
    out += '[';
    for (std::size_t i = 0; i < job.errors.size(); ++i) {
      out += i == 0 ? "\n        " : ",\n        ";
      put_error(out, job.errors[i]);
    }
    out += "\n      ]";
  }
  out += ",\n      \"meta\": {";
  bool first = true;
  for (const auto& [name, mv] : r.meta) {  // std::map: the same order as the JSON object's keys
    if (!first) out += ',';
    first = false;
    put_string(out, name);
    out += ":{\"from\":";
    put_string(out, mv.from);
    if (mv.line > 0) out += ",\"line\":" + std::to_string(mv.line);
    out += ",\"value\":";
    put_string(out, mv.value);
    out += '}';
  }
  out += "},\n      \"output\": ";
  if (job.ok)
    put_string(out, job.out_rel);
  else
    out += "null";
  out += ",\n      \"path\": ";
  put_string(out, job.rel);
  out += ",\n      \"status\": ";
  out += job.ok ? "\"ok\"" : "\"failed\"";
  out += "\n    }";
  return out;
}

/// Reads, decodes, formats and writes one file.
void convert_file(Job& job, const std::string& in_root, const std::string& out_root, const paiban::Options& opt,
                  paiban::ProfileCache& profiles, bool fragment) {
  if (!job.errors.empty()) return;  // failed while listing
  std::string bytes;
  IoError err;
  if (!read_all(join(in_root, job.rel), bytes, err)) {
    job.errors.push_back(
        io_error("input.read", "无法读取：" + errno_zh(err.error), "cannot read: " + errno_en(err.error)));
    return;
  }
  Decoded decoded = to_utf8(std::move(bytes));
  job.encoding = decoded.encoding;
  job.decoded = true;
  job.result = paiban::format(decoded.text, opt, profiles);
  paiban::Result& r = job.result;
  if (!r.ok) {
    job.errors = r.errors;
    if (job.errors.empty())
      job.errors.push_back(io_error("internal", "排版失败，原因不明", "formatting failed for an unknown reason"));
    return;
  }
  const std::string out_path = join(out_root, job.out_rel);
  const std::size_t slash = out_path.find_last_of('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(out_path.substr(0, slash), err)) {
    job.errors.push_back(io_error("output.write", "无法创建输出文件夹：" + errno_zh(err.error),
                                  "cannot create the output folder: " + errno_en(err.error)));
  } else if (!write_atomic(out_path, fragment ? r.fragment : r.page, err, kDurable)) {
    job.errors.push_back(
        io_error("output.write", "无法写出：" + errno_zh(err.error), "cannot write: " + errno_en(err.error)));
  } else {
    job.ok = true;
  }
}

/// All of one file's work, its report entry included. Runs on a worker thread; touches only `job`
/// (and `profiles`, which the workers share: the profile is read once for all the files).
void convert(Job& job, const std::string& in_root, const std::string& out_root, const paiban::Options& opt,
             paiban::ProfileCache& profiles, bool fragment) {
  convert_file(job, in_root, out_root, opt, profiles, fragment);
  job.tally = tally(job.result.diagnostics);
  job.report_entry = report_entry(job);
  job.result = paiban::Result();
}

/// The report, written piece by piece into an AtomicFile (the temporary file write_atomic uses)
/// and renamed over it at the end, so a reader never sees half a report and a failed run leaves
/// no temporary file. When the temporary file cannot be made up front (the
/// report's folder is only made by the run, the path is a folder, ...), the pieces are kept and
/// handed to write_atomic at the end instead, which then fails or succeeds as it always did.
class ReportFile {
 public:
  explicit ReportFile(std::string path) : path_(std::move(path)) {
    IoError ignored;  // a temporary file that cannot be made now: write_atomic says why at the end
    if (!file_.open(path_, ignored)) return;  // kept whole
    mode_ = Mode::streaming;
    buffer_.reserve(kChunk);
  }

  /// Appends `text`. Streaming, it goes out in writes of 64 KB or more.
  void put(std::string_view text) {
    if (mode_ == Mode::failed) return;
    if (mode_ == Mode::streaming && buffer_.size() + text.size() >= kChunk) {
      if (!buffer_.empty() && !write_out(buffer_)) return;
      buffer_.clear();
      if (text.size() >= kChunk) {
        write_out(text);
        return;
      }
    }
    buffer_.append(text);
  }

  /// Writes what is left and puts the report in place; false (with `err`) when a step failed.
  bool finish(IoError& err, bool durable) {
    if (mode_ == Mode::kept) return write_atomic(path_, buffer_, err, durable);
    if (mode_ == Mode::streaming && write_out(buffer_)) {
      std::string().swap(buffer_);
      if (file_.commit(durable, err)) return true;
      return false;
    }
    err.error = error_;
    return false;
  }

 private:
  enum class Mode {
    kept,       ///< no temporary file: the whole report is kept for write_atomic
    streaming,  ///< written into the temporary file as it comes
    failed,     ///< a write failed (error_ says why; the temporary file is gone); the rest is dropped
  };
  static constexpr std::size_t kChunk = std::size_t{1} << 16;

  bool write_out(std::string_view data) {
    IoError e;
    if (file_.write(data, e)) return true;
    error_ = e.error;
    mode_ = Mode::failed;
    std::string().swap(buffer_);
    return false;
  }

  std::string path_;
  AtomicFile file_;
  Mode mode_ = Mode::kept;
  int error_ = 0;       ///< errno of the write that failed
  std::string buffer_;  ///< what is not written yet (all of it when kept)
};

/// `[=====>        ] 120/500 文件`, redrawn in place.
void draw_progress(std::size_t done, std::size_t total) {
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::string bar(kWidth, ' ');
  for (std::size_t i = 0; i < filled; ++i) bar[i] = '=';
  if (filled > 0 && filled < kWidth) bar[filled - 1] = '>';
  const std::string line = "\r[" + bar + "] " + std::to_string(done) + "/" + std::to_string(total) + " 文件\033[K";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void clear_progress() {
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

}  // namespace

int run_batch(const std::vector<std::string>& args, HelpWriter help) {
  Args ba;
  if (int rc = parse_args(args, kAcceptFragment | kAcceptReport | kAcceptJobs, ba); rc != kOk) return rc;
  if (ba.help) {
    help(stdout);
    return kOk;
  }
  if (ba.inputs.size() != 2) {
    if (ba.inputs.size() > 2)
      return usage_error("batch 只要两个参数 IN_DIR OUT_DIR，多余的是 “" + ba.inputs[2] + "”",
                         "batch takes two arguments, IN_DIR OUT_DIR; extra: '" + ba.inputs[2] + "'");
    return usage_error("batch 需要两个参数：IN_DIR OUT_DIR", "batch needs two arguments: IN_DIR OUT_DIR");
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string in_root = strip_slashes(ba.inputs[0]);
  const std::string out_root = strip_slashes(ba.inputs[1]);
  if (in_root.empty() || out_root.empty() || in_root == "-" || out_root == "-")
    return usage_error("IN_DIR 和 OUT_DIR 应为文件夹", "IN_DIR and OUT_DIR must be folders");

  std::size_t threads = 0;
  if (ba.jobs) {
    threads = static_cast<std::size_t>(std::stoul(*ba.jobs));
  } else {
    threads = std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
  }

  paiban::Options opt;
  opt.now = ba.now ? *ba.now : beijing_now();  // once, so every file gets the same default date
  opt.output = ba.fragment ? paiban::Output::fragment : paiban::Output::page;
  if (int rc = load_profile(ba.profile, opt.profile_json); rc != kOk) return rc;
  if (int rc = preflight(opt, ba.profile); rc != kOk) return rc;

  // The list of notes, sorted, and output names checked for clashes (a.txt and a.md).
  IoError err;
  if (!is_dir(in_root)) {
    struct stat st {};
    err.error = ::stat(in_root.c_str(), &st) == 0 ? ENOTDIR : errno;
    error("无法读取输入文件夹 “" + in_root + "”：" + errno_zh(err.error),
          "cannot read the input folder '" + in_root + "': " + errno_en(err.error));
    return kInput;
  }
  std::vector<Job> jobs;
  if (!walk(in_root, "", jobs, err)) {
    error("无法读取输入文件夹 “" + in_root + "”：" + errno_zh(err.error),
          "cannot read the input folder '" + in_root + "': " + errno_en(err.error));
    return kInput;
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.rel < b.rel; });
  std::map<std::string, std::string> claimed;  // output → the input that has it
  for (Job& j : jobs) {
    if (j.out_rel.empty()) continue;
    const auto [it, fresh] = claimed.emplace(j.out_rel, j.rel);
    if (!fresh)
      j.errors.push_back(io_error("output.clash", "与 “" + it->second + "” 的输出同名（" + j.out_rel + "）",
                                  "same output as '" + it->second + "' (" + j.out_rel + ")"));
  }

  if (!make_dirs(out_root, err)) {
    error("无法创建输出文件夹 “" + out_root + "”：" + errno_zh(err.error),
          "cannot create the output folder '" + out_root + "': " + errno_en(err.error));
    return kOutput;
  }

  // The report's temporary file is opened before the work starts, so the report is written while
  // the pool runs.
  const std::string report_path = ba.report ? *ba.report : join(out_root, "paiban-report.json");
  ReportFile report(report_path);
  report.put("{\n  \"files\": [");

  // The work: each thread takes the next file until none is left, and marks its entry ready.
  const std::size_t total = jobs.size();
  const std::size_t n_threads = std::max<std::size_t>(1, std::min(threads, total));
  const bool progress = !ba.quiet && ::isatty(STDERR_FILENO) == 1;
  const std::unique_ptr<std::atomic<bool>[]> ready(new std::atomic<bool>[total]());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<std::size_t> wanted{0};  // the entry the main thread writes next
  std::mutex wake_mutex;               // only for the wake-ups of the main thread
  std::condition_variable wake_cv;
  paiban::ProfileCache profiles;  // one profile for every file: read once, shared by the workers
  auto worker = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= total) return;
      convert(jobs[i], in_root, out_root, opt, profiles, ba.fragment);
      // The flag's store and the load of `wanted` here, the store of `wanted` and the flag's load
      // in the main thread are sequentially consistent: one side sees the other's store, so either
      // the main thread finds the entry ready or it is woken. The mutex is held by the main thread
      // only to check the flag and to wait, so the worker never waits for it in earnest.
      ready[i].store(true);
      done.fetch_add(1, std::memory_order_acq_rel);
      if (wanted.load() == i) {
        std::lock_guard<std::mutex> lock(wake_mutex);
        wake_cv.notify_one();
      }
    }
  };
  std::vector<std::thread> pool;
  if (total > 0) {
    pool.reserve(n_threads);
    for (std::size_t t = 0; t < n_threads; ++t) pool.emplace_back(worker);
  }

  // Meanwhile the report: each entry once it and all before it are ready, freed once written. The
  // progress line is redrawn ten times a second at most; the workers never wait for either.
  std::size_t ok = 0;
  std::size_t fixes = 0;
  std::size_t warnings = 0;
  std::vector<std::string> messages;  // the failed files' error lines, said after the progress line
  using Clock = std::chrono::steady_clock;
  constexpr auto kRedraw = std::chrono::milliseconds(100);
  std::size_t shown = static_cast<std::size_t>(-1);
  Clock::time_point drawn{};
  auto redraw = [&] {
    const std::size_t now_done = done.load(std::memory_order_acquire);
    const Clock::time_point now = Clock::now();
    if (now_done != shown && (now_done == total || now - drawn >= kRedraw)) {
      draw_progress(now_done, total);
      shown = now_done;
      drawn = now;
    }
  };
  for (std::size_t i = 0; i < total; ++i) {
    wanted.store(i);
    if (!ready[i].load()) {
      std::unique_lock<std::mutex> lock(wake_mutex);
      if (progress) {
        while (!ready[i].load()) {
          lock.unlock();
          redraw();
          lock.lock();
          wake_cv.wait_for(lock, kRedraw, [&] { return ready[i].load(); });
        }
      } else {
        wake_cv.wait(lock, [&] { return ready[i].load(); });
      }
    }
    Job& j = jobs[i];
    if (j.ok) ++ok;
    fixes += j.tally.fixes;
    warnings += j.tally.warnings;
    report.put(i == 0 ? "\n" : ",\n");
    report.put(j.report_entry);
    std::string().swap(j.report_entry);
    for (const paiban::Error& e : j.errors) {
      std::string where = join(in_root, j.rel);
      if (e.code.rfind("profile", 0) != 0 && e.line > 0)
        where += ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
      messages.push_back(where + ": 错误：" + e.message_zh + " / error: " + e.message_en);
    }
    if (progress) redraw();
  }
  for (std::thread& t : pool) t.join();
  if (progress) {
    redraw();
    clear_progress();
  }
  for (const std::string& m : messages) say(m);

  // The summary closes the report.
  report.put(jobs.empty() ? "],\n" : "\n  ],\n");
  const std::size_t failed = total - ok;
  const nlohmann::json summary = {
      {"files", total}, {"ok", ok}, {"failed", failed}, {"fixes", fixes}, {"warnings", warnings}};
  std::string summary_text = "  \"summary\": ";
  for (char c : summary.dump(2)) {
    summary_text += c;
    if (c == '\n') summary_text += "  ";
  }
  summary_text += "\n}\n";
  report.put(summary_text);
  int code = failed > 0 ? kSomeFailed : kOk;
  if (!report.finish(err, kDurable)) {
    error("无法写出报告 “" + report_path + "”：" + errno_zh(err.error),
          "cannot write the report '" + report_path + "': " + errno_en(err.error));
    code = kOutput;
  }

  if (!ba.quiet) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    say("批量排版：" + std::to_string(total) + " 个文件，成功 " + std::to_string(ok) + " 个，失败 " +
        std::to_string(failed) + " 个；" + std::to_string(fixes) + " 处修改，" + std::to_string(warnings) +
        " 条提醒；用时 " + seconds(elapsed) + " 秒；报告 " + report_path +
        " / batch: " + count(total, "file", "files") + ", " + std::to_string(ok) + " ok, " + std::to_string(failed) +
        " failed; " + count(fixes, "fix", "fixes") + ", " + count(warnings, "warning", "warnings") + "; " +
        seconds(elapsed) + " s; report " + report_path);
  }
  return code;
}

}  // namespace paiban::cli
