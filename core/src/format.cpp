// The pipeline: bytes → text → document → HTML, diagnostics collected along the way; and its
// JSON form, the contract the CLI, node and the browser share.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>

#include "blocks.h"
#include "decode.h"
#include "fix_diagnostics.h"
#include "json_guard.h"
#include "json_write.h"
#include "meta.h"
#include "paiban/paiban.h"
#include "prepared.h"
#include "profile.h"
#include "render.h"
#include "text.h"
#include "typography.h"

namespace paiban {

const char* version() {
  return "0.1.0";
}

namespace {

/// A request carries the profile as an object one level down.
constexpr JsonLimits kRequestLimits{std::size_t(-1), kProfileLimits.max_depth + 2, std::size_t(-1)};

/// True when no line of the source has anything but spaces.
bool blank(const Source& source) {
  for (std::size_t i = 0; i < source.line_count(); ++i)
    if (!text::trim(source.line(i)).empty()) return false;
  return true;
}

/// Sets column_utf16 of every diagnostic that has none. When no character of the notes is past
/// U+FFFF (the usual case: decode() says so), a column in UTF-16 units is the column in code
/// points, capped at the line's end as the walk below caps it. Otherwise each line is walked
/// once in column order (a long line with many findings must not be rescanned from its start).
void set_utf16_columns(const Source& source, std::vector<Diagnostic>& diagnostics) {
  const auto wanted = [&](const Diagnostic& d) {
    return d.column_utf16 == 0 && d.line > 0 && d.line <= static_cast<int>(source.line_count()) && d.column > 0;
  };
  if (source.bmp_only) {
    int counted_line = 0;  // the line whose code points were last counted, and their count
    int count = 0;
    for (Diagnostic& d : diagnostics) {
      if (!wanted(d)) continue;
      const std::string_view l = source.line(static_cast<std::size_t>(d.line - 1));
      // A line of n bytes has at least n / 3 code points (none takes four bytes here).
      if (static_cast<std::size_t>(d.column - 1) <= l.size() / 3) {
        d.column_utf16 = d.column;
        continue;
      }
      if (d.line != counted_line) {
        counted_line = d.line;
        count = text::length(l);
      }
      d.column_utf16 = std::min(d.column - 1, count) + 1;
    }
    return;
  }
  // The places to fill, sorted as (line, column, index) in one 64-bit key each: a contiguous
  // array sorts without touching the diagnostics themselves (100,000 findings are tens of MB).
  std::vector<std::pair<std::uint64_t, std::size_t>> todo;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    if (wanted(d))
      todo.emplace_back((static_cast<std::uint64_t>(d.line) << 32) | static_cast<std::uint32_t>(d.column), i);
  }
  if (!std::is_sorted(todo.begin(), todo.end())) std::sort(todo.begin(), todo.end());
  int line = 0;
  std::size_t at = 0;  // byte offset in the line
  int cps = 0;         // code points before `at`
  int units = 0;       // UTF-16 units before `at`
  for (const auto& [key, index] : todo) {
    Diagnostic& d = diagnostics[index];
    if (d.line != line) {
      line = d.line;
      at = 0;
      cps = 0;
      units = 0;
    }
    const std::string_view l = source.line(static_cast<std::size_t>(line - 1));
    while (cps < d.column - 1 && at < l.size()) {
      units += text::next(l, at) >= 0x10000 ? 2 : 1;
      ++cps;
    }
    d.column_utf16 = units + 1;
  }
}

/// Moves a field into the result (the call's Meta is not read afterwards).
void put_meta(Result& r, const char* name, Field& f) {
  if (!f.set()) return;
  r.meta[name] = MetaValue{std::move(f.value), std::move(f.from), f.pos.line};
}

}  // namespace

void insert_fixes(std::vector<Diagnostic>& diagnostics, std::size_t first_warning, std::deque<Edit>& edits) {
  const std::size_t first_fix = diagnostics.size();
  const std::size_t fixes = edits.size();
  diagnostics.reserve(first_fix + fixes);  // exactly (resize alone may double)
  diagnostics.resize(first_fix + fixes);
  const auto at = [&](std::size_t i) { return diagnostics.begin() + static_cast<std::ptrdiff_t>(i); };
  if (fixes > 0) std::move_backward(at(first_warning), at(first_fix), diagnostics.end());  // (not onto itself)
  for (std::size_t k = first_warning; !edits.empty(); edits.pop_front(), ++k) {
    Edit& e = edits.front();
    Diagnostic& d = diagnostics[k];
    if (k < first_fix) d = Diagnostic();  // a finding was moved from here: a fresh one
    d.rule = e.rule;
    d.severity = Severity::info;
    d.line = e.pos.line;
    d.column = e.pos.col;
    d.length = e.length;
    d.before = std::move(e.before);
    d.after = std::move(e.after);
    d.set_static_message(e.message);
    d.applied = true;
  }
}

namespace {

/// format_parts' InputRead, called once at most.
class ReadOnce {
 public:
  explicit ReadOnce(InputRead hook) : hook_(hook) {}
  void call() {
    if (called_ || hook_.done == nullptr) return;
    called_ = true;
    hook_.done(hook_.context);
  }

 private:
  InputRead hook_;
  bool called_ = false;
};

/// format() itself; with a cache, the profile is read through it. `now` stands for options.now
/// (the editor's call gives the time apart from its request's options).
/// With `recipe`, a page and a fragment asked for (the default), the fragment is not made: the
/// recipe for it from the page (render_with_recipe) is appended to *recipe.
/// With `input_read`, it is called once `input` and `now` are not read any more (not when the
/// call stops before: the caller calls it then).
Result format_with(std::string_view input, const Options& options, ProfileCache* cache, std::string_view now,
                   std::string* recipe = nullptr, ReadOnce* input_read = nullptr) {
  Result result;
  if (input.size() > options.max_input_bytes) {
    const std::string limit = std::to_string(options.max_input_bytes);
    result.errors.push_back(
        Error{"input.too-large", "input", 0, 0,
              "输入有 " + std::to_string(input.size()) + " 字节，超过上限 " + limit + " 字节",
              "the input has " + std::to_string(input.size()) + " bytes, more than the limit of " + limit + " bytes"});
    return result;
  }
  Profile custom;
  const Profile* profile = &default_profile();
  std::shared_ptr<const PreparedProfile> kept;  // the cache's, held for this call
  PreparedProfile fresh;                        // or prepared here, for the cache to keep at the end
  const DictMatcher* matcher = nullptr;         // null: LintPass finds or builds its own
  const PageChrome* chrome = nullptr;           // null: render finds or makes its own
  if (!options.profile_json.empty()) {
    if (cache != nullptr) {
      kept = ProfileCacheAccess::find(*cache, options.profile_json);
      // A bad profile is never kept: every call with it reports its errors.
      if (!kept && !prepare_profile(options.profile_json, fresh, result.errors)) return result;
      const PreparedProfile& p = kept ? *kept : fresh;
      result.diagnostics = p.warnings;
      profile = &p.profile;
      matcher = &p.matcher;
      chrome = &p.chrome;
    } else {
      if (!read_profile(options.profile_json, custom, result.errors, result.diagnostics)) return result;
      profile = &custom;
    }
  }

  // Given fields come from a form or the command line, not through the decoder: refuse bytes
  // that are not UTF-8 rather than publish them.
  const std::pair<const char*, const std::optional<std::string>*> given[] = {
      {"title", &options.fields.title},       {"column", &options.fields.column}, {"date", &options.fields.date},
      {"views", &options.fields.views},       {"source", &options.fields.source}, {"author", &options.fields.author},
      {"keywords", &options.fields.keywords}, {"url", &options.fields.url}};
  for (const auto& [name, value] : given)
    if (*value && !valid_utf8(**value))
      result.errors.push_back(Error{"field.invalid-utf8", name, 0, 0,
                                    std::string("字段 ") + name + " 含有无效的 UTF-8 字节",
                                    std::string("field \"") + name + "\" has bytes that are not valid UTF-8"});
  if (!result.errors.empty()) return result;

  Source source = decode(input, result.diagnostics, true);  // `input` outlives it
  Meta meta = extract_meta(source, options.fields, *profile, now, result.diagnostics, result.errors);
  if (!result.errors.empty()) return result;
  // Nothing to format (an empty or BOM-only file, or only blank lines): an error, never an
  // empty page. The error's code, "input.empty", lets the editor show it as a hint.
  if (blank(source)) {
    result.errors.push_back(
        Error{"input.empty", "input", 0, 0, "没有可排版的内容：输入是空的", "nothing to format: the input is empty"});
    return result;
  }
  Document doc = parse_blocks(source, meta, result.diagnostics);

  // The lint pass reads each block's buffer as the fix rules leave it. Its findings are written
  // in place and the fixes moved in before them afterwards (a megabyte of noisy notes has
  // thousands of each: no second list of them is built).
  const std::size_t first_warning = result.diagnostics.size();
  {  // the lists go when done with (a std::deque holds storage even when empty)
    NetList net;
    {
      std::deque<Edit> edits;  // in source order
      {                        // the lint pass's tables go when it is done
        LintPass lint_pass(meta, *profile, now, result.diagnostics, matcher);
        edits = apply_typography_list(doc, meta.title, *profile, options.rejected_fixes, &net,
                                      [&](const RunBuffer& b) { lint_pass.block(b); });
        lint_pass.finish(meta);
      }
      insert_fixes(result.diagnostics, first_warning, edits);
    }
    // Fill in what the diagnostics left out: UTF-16 columns.
    set_utf16_columns(source, result.diagnostics);

    // The notes with the fixes made, which need neither the document nor the pages: the net
    // changes (and below, the source lines) are freed before the pages are written. Then the
    // pages, freeing the document as they are written.
    result.text = apply_source_edits(source, net);
  }
  source.release();
  if (input_read != nullptr) input_read->call();
  if (recipe != nullptr && options.output == Output::both)
    render_with_recipe(std::move(doc), meta, *profile, chrome, result.page, *recipe);
  else
    render(std::move(doc), meta, *profile, chrome, options.output != Output::fragment ? &result.page : nullptr,
           options.output != Output::page ? &result.fragment : nullptr);
  put_meta(result, "title", meta.title);
  put_meta(result, "column", meta.column);
  put_meta(result, "date", meta.date);
  put_meta(result, "views", meta.views);
  put_meta(result, "source", meta.source);
  put_meta(result, "author", meta.author);
  put_meta(result, "keywords", meta.keywords);
  put_meta(result, "url", meta.url);
  result.ok = true;
  // Kept once the result is made: moved, not copied, into its shared place after the call's
  // peak of memory.
  if (cache != nullptr && !kept && !options.profile_json.empty())
    ProfileCacheAccess::keep(*cache, options.profile_json, std::make_shared<const PreparedProfile>(std::move(fresh)));
  return result;
}

}  // namespace

Result format(std::string_view input, const Options& options) {
  return format_with(input, options, nullptr, options.now);
}

Result format(std::string_view input, const Options& options, ProfileCache& cache) {
  return format_with(input, options, &cache, options.now);
}

namespace {

using nlohmann::json;

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "info";
}

json error_json(const Error& e) {
  return json{{"code", e.code},     {"field", e.field},           {"line", e.line},
              {"column", e.column}, {"message_zh", e.message_zh}, {"message_en", e.message_en}};
}

std::string request_error(const std::string& field, const std::string& zh, const std::string& en) {
  json out{{"ok", false}, {"errors", json::array({error_json(Error{"request", field, 0, 0, zh, en})})}};
  return out.dump();
}

}  // namespace

/// What the JSON writer reads of a Diagnostic without making it (the friend in paiban.h).
struct DiagnosticAccess {
  /// The id set_id gave, or null for "rule@line:col".
  static const std::string* own_id(const Diagnostic& d) {
    return d.owned_ && !d.owned_->id.empty() ? &d.owned_->id : nullptr;
  }
  /// The static text the message is, or null when the diagnostic keeps a message of its own
  /// (message() measures the static text: a strlen per call).
  static const char* static_message(const Diagnostic& d) { return d.owned_ ? nullptr : d.message_; }
};

namespace {

/// How the response writes its diagnostics: every member of each (`full`, the default), with
/// each rule's message written once, in "messages" (`compact`), or as one array per member
/// (`columns`; see write_columns). The request's "diagnostics".
enum class DiagnosticsForm { full, compact, columns };

std::string write_result(const Result& res, bool made_here, DiagnosticsForm form = DiagnosticsForm::full,
                         bool texts = true);

/// The request's options (everything but the input) read into `opt` and `form`: empty, or an
/// error response.
std::string read_options(const json& req, Options& opt, DiagnosticsForm& form) {
  if (req.contains("profile") && !req["profile"].is_null()) {
    const json& p = req["profile"];
    if (p.is_string())
      opt.profile_json = p.get<std::string>();
    else if (p.is_object())
      opt.profile_json = p.dump(2);
    else
      return request_error("profile", "profile 应为 JSON 文本或对象", "\"profile\" must be JSON text or an object");
  }
  if (req.contains("fields")) {
    const json& f = req["fields"];
    if (!f.is_object()) return request_error("fields", "fields 应为对象", "\"fields\" must be an object");
    struct Slot {
      const char* name;
      std::optional<std::string>* target;
    };
    const Slot slots[] = {{"title", &opt.fields.title},       {"column", &opt.fields.column},
                          {"date", &opt.fields.date},         {"views", &opt.fields.views},
                          {"source", &opt.fields.source},     {"author", &opt.fields.author},
                          {"keywords", &opt.fields.keywords}, {"url", &opt.fields.url}};
    for (auto it = f.begin(); it != f.end(); ++it) {
      bool known = false;
      for (const Slot& s : slots) {
        if (it.key() != s.name) continue;
        known = true;
        if (it->is_null()) break;
        if (it->is_string())
          *s.target = it->get<std::string>();
        else if (it->is_number_unsigned())
          *s.target = std::to_string(it->get<unsigned long long>());
        else
          return request_error(std::string("fields.") + s.name, std::string("字段 ") + s.name + " 应为字符串",
                               std::string("field \"") + s.name + "\" must be a string");
      }
      if (!known)
        return request_error("fields." + it.key(), "未知字段 " + it.key(), "unknown field \"" + it.key() + "\"");
    }
  }
  if (req.contains("now")) {
    if (!req["now"].is_string()) return request_error("now", "now 应为字符串", "\"now\" must be a string");
    opt.now = req["now"].get<std::string>();
  }
  if (req.contains("output")) {
    const json& o = req["output"];
    if (o == "both")
      opt.output = Output::both;
    else if (o == "page")
      opt.output = Output::page;
    else if (o == "fragment")
      opt.output = Output::fragment;
    else
      return request_error("output", "output 应为 both、page 或 fragment",
                           "\"output\" must be \"both\", \"page\" or \"fragment\"");
  }
  if (req.contains("max_input")) {
    const json& m = req["max_input"];
    if (!m.is_number_unsigned())
      return request_error("max_input", "max_input 应为非负整数（字节数）",
                           "\"max_input\" must be a non-negative integer (bytes)");
    opt.max_input_bytes = static_cast<std::size_t>(m.get<std::uint64_t>());
  }
  if (req.contains("rejected")) {
    const json& r = req["rejected"];
    if (!r.is_array()) return request_error("rejected", "rejected 应为字符串数组", "\"rejected\" must be an array");
    for (const json& id : r)
      if (id.is_string()) opt.rejected_fixes.push_back(id.get<std::string>());
  }
  form = DiagnosticsForm::full;
  if (req.contains("diagnostics")) {
    const json& d = req["diagnostics"];
    const std::string* name = d.is_string() ? &d.get_ref<const std::string&>() : nullptr;
    if (name != nullptr && *name == "compact")
      form = DiagnosticsForm::compact;
    else if (name != nullptr && *name == "columns")
      form = DiagnosticsForm::columns;
    else if (name == nullptr || *name != "full")
      return request_error("diagnostics", "diagnostics 应为 full、compact 或 columns",
                           "\"diagnostics\" must be \"full\", \"compact\" or \"columns\"");
  }

  return std::string();
}

/// The notes formatted with the request's options, `now` standing for opt.now: the response.
/// With `parts`, the response leaves out the page, the fragment and the text, which are moved
/// into `parts` (see FormattedParts); with `recipe` too, the fragment as a recipe (see
/// format_parts).
std::string respond(std::string_view input, const Options& opt, std::string_view now, DiagnosticsForm form,
                    ProfileCache* cache, FormattedParts* parts, bool recipe = false, ReadOnce* input_read = nullptr) {
  if (parts == nullptr) return write_result(format_with(input, opt, cache, now), true, form);
  Result res = format_with(input, opt, cache, now, recipe ? &parts->fragment_recipe : nullptr, input_read);
  std::string out = write_result(res, true, form, false);
  parts->page = std::move(res.page);
  parts->fragment = std::move(res.fragment);
  parts->text = std::move(res.text);
  parts->texts = true;
  return out;
}

/// Parses the request text; an error response in `error` when it is not a JSON object.
json parse_request(std::string_view request_json, std::string& error) {
  if (check_json_limits(request_json, kRequestLimits, "request")) {
    error = request_error("", "请求的 JSON 嵌套过深", "the request JSON is nested too deeply");
    return nullptr;
  }
  json req = json::parse(request_json, nullptr, false);
  if (req.is_discarded() || !req.is_object()) {
    error = request_error("", "请求不是有效的 JSON 对象", "the request is not a valid JSON object");
    return nullptr;
  }
  return req;
}

std::string format_json_with(std::string_view request_json, ProfileCache* cache) {
  std::string error;
  json req = parse_request(request_json, error);
  if (!error.empty()) return error;
  if (!req.contains("input") || !req["input"].is_string())
    return request_error("input", "请求缺少字符串字段 input", "the request needs a string field \"input\"");
  Options opt;
  DiagnosticsForm form = DiagnosticsForm::full;
  std::string refused = read_options(req, opt, form);
  if (!refused.empty()) return refused;
  return respond(req["input"].get_ref<const std::string&>(), opt, opt.now, form, cache, nullptr);
}

/// A request that comes apart from the notes read: empty, or an error response.
std::string read_request(std::string_view request_json, Options& opt, DiagnosticsForm& form) {
  std::string error;
  json req = parse_request(request_json, error);
  if (!error.empty()) return error;
  if (req.contains("input"))
    return request_error("input", "输入应单独传入，请求中不能再有 input 字段",
                         "the input is passed on its own: the request must not have an \"input\" field");
  return read_options(req, opt, form);
}

/// format_json with the notes apart; with `now` (not empty), it stands for the request's "now".
std::string format_json_with(std::string_view input, std::string_view request_json, ProfileCache* cache,
                             FormattedParts* parts = nullptr, std::string_view now = {}, bool recipe = false,
                             ReadOnce* input_read = nullptr) {
  const std::string_view text = request_json.empty() ? std::string_view("{}") : request_json;
  // The request's reading depends on its text alone: a cache keeps the last one (the editor
  // sends the same request text call after call, with other notes, and the time apart).
  std::shared_ptr<const RequestReading> reading =
      cache != nullptr ? ProfileCacheAccess::find_request(*cache, text) : nullptr;
  if (!reading) {
    auto fresh = std::make_shared<RequestReading>();
    DiagnosticsForm form = DiagnosticsForm::full;
    fresh->error = read_request(text, fresh->options, form);
    fresh->form = static_cast<int>(form);
    reading = fresh;
    if (cache != nullptr) {
      fresh->text = std::string(text);
      ProfileCacheAccess::keep_request(*cache, reading);
    }
  }
  if (!reading->error.empty()) return reading->error;
  const auto form = static_cast<DiagnosticsForm>(reading->form);
  const Options& opt = reading->options;
  return respond(input, opt, now.empty() ? std::string_view(opt.now) : now, form, cache, parts, recipe, input_read);
}

}  // namespace

std::string format_json(std::string_view request_json) {
  return format_json_with(request_json, nullptr);
}

std::string format_json(std::string_view request_json, ProfileCache& cache) {
  return format_json_with(request_json, &cache);
}

std::string format_json(std::string_view input, std::string_view request_json) {
  return format_json_with(input, request_json, nullptr);
}

std::string format_json(std::string_view input, std::string_view request_json, ProfileCache& cache) {
  return format_json_with(input, request_json, &cache);
}

FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache) {
  return format_parts(input, request_json, cache, std::string_view());  // the request's own "now"
}

FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache,
                            std::string_view now) {
  return format_parts(input, request_json, cache, now, false);
}

FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache,
                            std::string_view now, bool fragment_recipe) {
  return format_parts(input, request_json, cache, now, fragment_recipe, InputRead{});
}

FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache,
                            std::string_view now, bool fragment_recipe, InputRead input_read) {
  ReadOnce once{input_read};
  FormattedParts parts;
  parts.json = format_json_with(input, request_json, &cache, &parts, now, fragment_recipe, &once);
  once.call();  // the call stopped before the notes were done with
  return parts;
}

namespace {

/// One JSON object being written: members in the order given (callers give sorted keys).
class Obj {
 public:
  explicit Obj(jsonw::Writer& out) : out_(out) { out_.ch('{'); }
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  ~Obj() { out_.ch('}'); }
  /// A member's key: ours, plain ASCII (a meta field's name), written as it is.
  jsonw::Writer& key(std::string_view k) {
    // One room for the comma, the quoted key and the colon (a key per member: thousands per
    // megabyte of notes).
    char* p = out_.room(k.size() + 4);
    if (!first_) *p++ = ',';
    first_ = false;
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    out_.wrote(p);
    return out_;
  }
  void str(std::string_view k, std::string_view v) { key(k).string(v); }
  /// A string member; `valid`: v is known to be valid UTF-8 (see Writer::valid_string).
  void str(std::string_view k, std::string_view v, bool valid) {
    jsonw::Writer& out = key(k);
    if (valid)
      out.valid_string(v);
    else
      out.string(v);
  }
  void num(std::string_view k, long long v) { key(k).number(v); }
  void boolean(std::string_view k, bool v) { key(k).raw(v ? "true" : "false"); }

 private:
  jsonw::Writer& out_;
  bool first_ = true;
};

/// Writes `items` as a JSON array, each by `write(out, item)`.
template <typename T, typename F>
void array(jsonw::Writer& out, const std::vector<T>& items, F write) {
  out.ch('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.ch(',');
    write(out, items[i]);
  }
  out.ch(']');
}

/// A diagnostic's id as a JSON string, written from its parts without making a string (an id
/// per finding: thousands per megabyte of notes).
void write_id(jsonw::Writer& out, const Diagnostic& d, const std::string* own_id) {
  if (own_id != nullptr) {
    out.string(*own_id);
    return;
  }
  char place[kFixPlaceMax];
  const auto n = static_cast<std::size_t>(write_fix_place(place, Pos{d.line, d.column}) - place);
  char id[96];
  if (d.rule.size() + 1 + n > sizeof id) {
    out.string(fix_id(d.rule, Pos{d.line, d.column}));
    return;
  }
  std::memcpy(id, d.rule.data(), d.rule.size());
  id[d.rule.size()] = '@';
  std::memcpy(id + d.rule.size() + 1, place, n);
  out.string(std::string_view(id, d.rule.size() + 1 + n));
}

/// a == b, by address first (a rule's id and messages are mostly the same static text).
bool same_text(std::string_view a, std::string_view b) {
  return (a.data() == b.data() && a.size() == b.size()) || a == b;
}

/// The diagnostic of `rule` that gives its message in a compact response: its index in
/// `firsts`, the indices of each rule's first diagnostic (a handful of rules: looked for in
/// order), or `firsts.size()`.
std::size_t find_rule(const std::vector<Diagnostic>& diagnostics, const std::vector<std::size_t>& firsts,
                      std::string_view rule) {
  std::size_t k = 0;
  for (; k < firsts.size(); ++k) {
    if (diagnostics[firsts[k]].rule == rule) break;
  }
  return k;
}

/// The index of each rule's first diagnostic (whose message is the rule's in "messages"),
/// sorted by rule.
std::vector<std::size_t> rule_firsts(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::size_t> firsts;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    // Findings of one rule come in runs: the last one's rule has its first already.
    const std::string_view rule = diagnostics[i].rule;
    if (i > 0 && same_text(rule, diagnostics[i - 1].rule)) continue;
    if (find_rule(diagnostics, firsts, rule) < firsts.size()) continue;
    firsts.push_back(i);
    for (std::size_t k = firsts.size() - 1; k > 0 && diagnostics[firsts[k]].rule < diagnostics[firsts[k - 1]].rule; --k)
      std::swap(firsts[k], firsts[k - 1]);
  }
  return firsts;
}

/// A compact response's "messages": each rule's message, from its first diagnostic.
void write_messages(jsonw::Writer& out, const std::vector<Diagnostic>& diagnostics,
                    const std::vector<std::size_t>& firsts) {
  out.ch('{');
  for (std::size_t k = 0; k < firsts.size(); ++k) {
    const Diagnostic& d = diagnostics[firsts[k]];
    if (k > 0) out.ch(',');
    out.string(d.rule);
    out.ch(':');
    out.string(d.message());
  }
  out.ch('}');
}

/// The diagnostics in columns (`"diagnostics": "columns"`, docs/api.md): one array per member,
/// the i-th diagnostic's value at i in each, keys sorted. "rule" holds indices into "rules" (the
/// rules in the order they first come), "severity" 0 info, 1 warning, 2 error, "applied" 0 or 1;
/// the few ids and messages of their own (those the compact form keeps) are in "ids" and
/// "messages", objects keyed by the diagnostic's index. A diagnostic's message is otherwise its
/// rule's entry in the response's "messages" (its rule's first diagnostic's), its id
/// "rule@line:col".
void write_columns(jsonw::Writer& out, const std::vector<Diagnostic>& diagnostics) {
  const std::size_t n = diagnostics.size();
  // Each diagnostic's rule as an index into `rules`, and each rule's first diagnostic; findings
  // of one rule come in runs, so the last one's rule is tried first.
  std::vector<std::uint32_t> rule_of(n);
  std::vector<std::size_t> first_of;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view rule = diagnostics[i].rule;
    std::size_t k = i > 0 ? rule_of[i - 1] : 0;
    if (k >= first_of.size() || !same_text(diagnostics[first_of[k]].rule, rule)) {
      k = 0;
      while (k < first_of.size() && !same_text(diagnostics[first_of[k]].rule, rule)) ++k;
      if (k == first_of.size()) first_of.push_back(i);
    }
    rule_of[i] = static_cast<std::uint32_t>(k);
  }
  // "key":[value(0),value(1),…] (the first without its comma).
  bool first_key = true;
  const auto column = [&](std::string_view key, std::size_t count, auto value) {
    if (!first_key) out.ch(',');
    first_key = false;
    out.string(key);
    out.raw(":[");
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) out.ch(',');
      value(i);
    }
    out.ch(']');
  };
  // "key":{"i":value,…} for the diagnostics i that have a value of their own.
  const auto own = [&](std::string_view key, auto value_of) {
    out.ch(',');
    out.string(key);
    out.raw(":{");
    bool first = true;
    std::string_view value;
    for (std::size_t i = 0; i < n; ++i) {
      if (!value_of(i, value)) continue;
      if (!first) out.ch(',');
      first = false;
      out.ch('"');
      out.number(static_cast<long long>(i));
      out.raw("\":");
      out.string(value);
    }
    out.ch('}');
  };
  out.ch('{');
  column("after", n, [&](std::size_t i) { out.string(diagnostics[i].after); });
  column("applied", n, [&](std::size_t i) { out.ch(diagnostics[i].applied ? '1' : '0'); });
  column("before", n, [&](std::size_t i) { out.string(diagnostics[i].before); });
  column("column", n, [&](std::size_t i) { out.number(diagnostics[i].column); });
  column("column_utf16", n, [&](std::size_t i) { out.number(diagnostics[i].column_utf16); });
  own("ids", [&](std::size_t i, std::string_view& value) {
    const std::string* id = DiagnosticAccess::own_id(diagnostics[i]);
    if (id != nullptr) value = *id;
    return id != nullptr;
  });
  column("length", n, [&](std::size_t i) { out.number(diagnostics[i].length); });
  column("line", n, [&](std::size_t i) { out.number(diagnostics[i].line); });
  own("messages", [&](std::size_t i, std::string_view& value) {
    const Diagnostic& d = diagnostics[i];
    const Diagnostic& entry = diagnostics[first_of[rule_of[i]]];
    const char* text = DiagnosticAccess::static_message(d);
    if (text != nullptr && text == DiagnosticAccess::static_message(entry)) return false;  // the same static text
    value = d.message();
    return !same_text(value, entry.message());
  });
  column("rule", n, [&](std::size_t i) { out.number(rule_of[i]); });
  column("rules", first_of.size(), [&](std::size_t k) { out.string(diagnostics[first_of[k]].rule); });
  column("severity", n, [&](std::size_t i) {
    const Severity s = diagnostics[i].severity;
    out.ch(s == Severity::warning ? '1' : s == Severity::error ? '2' : '0');
  });
  out.ch('}');
}

/// The result as JSON. `made_here`: the result is format()'s own, on format_json's path, whose
/// page, fragment and notes are valid UTF-8 by construction: made from decoded notes (invalid
/// bytes became U+FFFD), a profile read from JSON (nlohmann refuses invalid UTF-8) and fields
/// read from JSON or refused unless valid. They skip the UTF-8 check; the diagnostics, meta and
/// errors keep it (short strings: checking them costs little). A caller's own Result (to_json)
/// is checked throughout. `form`: compact leaves out of each diagnostic its "message" when it is
/// its rule's entry in "messages", and its "id" when that is "rule@line:col" (see docs/api.md).
/// `texts`: the "fragment", "page" and "text" members are written (format_parts leaves them out).
std::string write_result(const Result& res, bool made_here, DiagnosticsForm form, bool texts) {
  // Written straight into one string (see json_write.h); keys in sorted order, as nlohmann's
  // object would order them.
  const std::size_t size = (texts ? res.page.size() + res.fragment.size() + res.text.size() : 0) +
                           (form == DiagnosticsForm::columns ? 48 : 256) * res.diagnostics.size() + 1024;
  jsonw::Writer out(size + size / 16);
  {
    Obj top(out);
    const bool columns = form == DiagnosticsForm::columns;
    const bool compact = form == DiagnosticsForm::compact || columns;
    const std::vector<std::size_t> firsts = compact ? rule_firsts(res.diagnostics) : std::vector<std::size_t>();
    // The last diagnostic's rule and that rule's entry in "messages": findings of one rule come
    // in runs, and their rule and message are mostly the same static text (compared by address
    // first).
    std::string_view entry_rule;
    std::string_view entry;
    if (columns)
      write_columns(top.key("diagnostics"), res.diagnostics);
    else
      array(top.key("diagnostics"), res.diagnostics, [&](jsonw::Writer& o, const Diagnostic& d) {
        Obj j(o);
        j.str("after", d.after);
        j.boolean("applied", d.applied);
        j.str("before", d.before);
        j.num("column", d.column);
        j.num("column_utf16", d.column_utf16);
        const std::string* own_id = DiagnosticAccess::own_id(d);
        if (!compact || own_id != nullptr) write_id(j.key("id"), d, own_id);
        j.num("length", d.length);
        j.num("line", d.line);
        const std::string_view message = d.message();
        if (compact && !same_text(d.rule, entry_rule)) {
          entry_rule = d.rule;
          entry = res.diagnostics[firsts[find_rule(res.diagnostics, firsts, d.rule)]].message();
        }
        if (!compact || !same_text(message, entry)) j.str("message", message);
        j.str("rule", d.rule);
        j.str("severity", severity_name(d.severity));
      });
    array(top.key("errors"), res.errors, [](jsonw::Writer& o, const Error& e) {
      Obj j(o);
      j.str("code", e.code);
      j.num("column", e.column);
      j.str("field", e.field);
      j.num("line", e.line);
      j.str("message_en", e.message_en);
      j.str("message_zh", e.message_zh);
    });
    if (texts) top.str("fragment", res.fragment, made_here);
    if (compact) write_messages(top.key("messages"), res.diagnostics, firsts);
    {
      Obj meta(top.key("meta"));
      for (const auto& [name, mv] : res.meta) {
        Obj m(meta.key(name));
        m.str("from", mv.from);
        if (mv.line > 0) m.num("line", mv.line);
        m.str("value", mv.value);
      }
    }
    top.boolean("ok", res.ok);
    if (texts) {
      top.str("page", res.page, made_here);
      top.str("text", res.text, made_here);
    }
  }
  return out.take();
}

}  // namespace

std::string to_json(const Result& res) {
  return write_result(res, false);
}

}  // namespace paiban
