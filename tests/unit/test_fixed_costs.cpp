// The per-call fixed costs cut: the metadata stage (key look-ups, part values made once, dates
// read on the stack, breadcrumbs settled by one look), the page chrome made once per profile
// (head, breadcrumb, footer) and the date parts of the page written on the stack. Each is
// checked on generated inputs against what the generator knows it wrote, against properties,
// and (for the few short functions that changed) against their old form written out here.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "blocks.h"
#include "decode.h"
#include "meta.h"
#include "paiban/paiban.h"
#include "prepared.h"
#include "profile.h"
#include "render.h"
#include "text.h"
#include "xorshift.h"

namespace paiban {
namespace {

using testing::Xorshift;

template <std::size_t N>
const char* pick(Xorshift& rng, const char* const (&from)[N]) {
  return from[rng.below(N)];
}

/// A date-like text: the forms SPEC §2 lists, broken at random, with spaces, full-width forms,
/// weekdays, zones, stray bytes and long tails.
std::string date_text(Xorshift& rng) {
  static const char* const kParts[] = {
      "2024",     "2022",   "0999",     "10000",  "-",          "/",        ".",        "年", "月", "日", "号",
      "5",        "05",     "21",       "31",     "29",         "2",        "13",       "00", " ",  "\t", "　",
      "T",        "t",      ":",        "：",     "09",         "30",       "59",       "60", "时", "分", "秒",
      "点",       "+08",    "+0800",    "+08:00", "+09",        "二〇二四", "二0二四",  "〇", "一", "十", "十二",
      "二十一",   "三十二", "星期五",   "周日",   "（星期一）", "(周六)",   "２０２４", "－", "／", "：", "\xC2\xA0",
      "\xE3\x80", "\xFF",   "\xC0\xBE", "abc",    "｜",         "丨",       "|",        "O",  "o",  "○",  "零"};
  std::string s;
  const std::size_t n = rng.below(14);
  // Mostly well-formed starts, so that the parsers get deep.
  switch (rng.below(5)) {
    case 0:
      s = "2024-05-21";
      break;
    case 1:
      s = "2024年5月21日";
      break;
    case 2:
      s = "二〇二四年五月二十一日";
      break;
    case 3:
      s = "２０２４－０５－２１";
      break;
    default:
      break;
  }
  for (std::size_t i = 0; i < n; ++i) s += pick(rng, kParts);
  if (rng.below(20) == 0)
    for (std::size_t i = 0; i < 70; ++i) s += rng.below(3) == 0 ? "　" : "1";  // past the stack buffer
  if (rng.below(10) == 0) s.insert(0, rng.below(2) ? "  " : "　");
  return s;
}

std::string two(int v) {
  std::string s = std::to_string(v);
  return v < 10 ? "0" + s : s;
}

/// YYYY-MM-DD HH:MM:SS, digits where the letters are.
bool is_stamp(const std::string& s) {
  if (s.size() != 19) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char want = i == 4 || i == 7 ? '-' : i == 10 ? ' ' : i == 13 || i == 16 ? ':' : '0';
    if (want == '0' ? (s[i] < '0' || s[i] > '9') : s[i] != want) return false;
  }
  return true;
}

/// parse_datetime's old front end and output: the text folded and trimmed as strings (the new
/// reading of such a text has nothing left to fold), read only up to 40 code points, and the
/// answer written with std::to_string and two().
std::optional<std::string> reference_datetime(std::string_view s) {
  const std::string folded = text::fold_halfwidth(text::trim(s));
  const std::string_view t = text::trim(folded);
  if (text::to_u32(t).size() > 40) return std::nullopt;
  std::optional<std::string> r = parse_datetime(t);
  if (!r || !is_stamp(*r)) return r;
  const auto at = [&r](std::size_t i, std::size_t n) { return std::stoi(r->substr(i, n)); };
  return std::to_string(at(0, 4)) + "-" + two(at(5, 2)) + "-" + two(at(8, 2)) + " " + two(at(11, 2)) + ":" +
         two(at(14, 2)) + ":" + two(at(17, 2));
}

}  // namespace

TEST_CASE("fixed costs: parse_datetime reads as the old front end did, answers YYYY-MM-DD HH:MM:SS") {
  Xorshift rng;
  int dates = 0;
  int long_texts = 0;
  for (int i = 0; i < 40000; ++i) {
    const std::string s = date_text(rng);
    const auto now = parse_datetime(s);
    REQUIRE_MESSAGE(now == reference_datetime(s), s);
    if (text::to_u32(text::trim(s)).size() > 64) ++long_texts;  // past the stack buffer
    if (!now) continue;
    ++dates;
    REQUIRE_MESSAGE(is_stamp(*now), s);
    const int y = std::stoi(now->substr(0, 4));
    const int mo = std::stoi(now->substr(5, 2));
    const int d = std::stoi(now->substr(8, 2));
    CHECK(y >= 1000);
    REQUIRE((mo >= 1 && mo <= 12));
    CHECK((d >= 1 && d <= days_in_month(y, mo)));
    CHECK(std::stoi(now->substr(11, 2)) <= 23);
    CHECK(std::stoi(now->substr(14, 2)) <= 59);
    CHECK(std::stoi(now->substr(17, 2)) <= 59);
  }
  CHECK(dates > 2000);  // the generator reaches real dates often
  CHECK(long_texts > 500);
}

TEST_CASE("fixed costs: parse_datetime gives a padded text its short form's answer, a long text none") {
  static const char* const kSpaces[] = {" ", "\t", "　", "\xC2\xA0", "\xE2\x80\x83"};
  static const char* const kDates[] = {"2024-05-21",
                                       "2024年5月21日 09:30",
                                       "二〇二四年五月二十一日",
                                       "２０２４－０５－２１",
                                       "2024/05/21 23:59:59",
                                       "2024-13-01",
                                       "notadate"};
  Xorshift rng;
  for (int i = 0; i < 4000; ++i) {
    const std::string s = pick(rng, kDates);
    const auto want = parse_datetime(s);
    // Spaces of every kind around it, up to far past the stack buffer.
    std::string padded;
    const std::size_t before = rng.below(100);
    const std::size_t after = rng.below(100);
    for (std::size_t k = 0; k < before; ++k) padded += pick(rng, kSpaces);
    padded += s;
    for (std::size_t k = 0; k < after; ++k) padded += pick(rng, kSpaces);
    REQUIRE_MESSAGE(parse_datetime(padded) == want, padded);
    // Spaces inside: read as one up to 40 code points, nothing past them.
    const std::string inner = "2024-05-21" + std::string(1 + rng.below(80), ' ') + "09:30";
    const auto got = parse_datetime(inner);
    if (inner.size() > 40)
      CHECK(!got.has_value());
    else
      CHECK(got == reference_datetime(inner));
  }
  CHECK(parse_datetime(std::string(30, ' ') + "２０２４－０５－２１" + std::string(40, ' ')) ==
        std::optional<std::string>("2024-05-21 00:00:00"));
}

namespace {

// The fields in Meta's order.
enum F { kTitle, kColumn, kDate, kViews, kSource, kAuthor, kKeywords, kUrl, kFields };
const char* const kFieldNames[kFields] = {"title", "column", "date", "views", "source", "author", "keywords", "url"};

const Field& field_at(const Meta& m, int f) {
  const Field* all[kFields] = {&m.title, &m.column, &m.date, &m.views, &m.source, &m.author, &m.keywords, &m.url};
  return *all[f];
}

/// The key names of the metadata stage and their fields, in its table's order (longest first
/// where one starts another).
struct KeyName {
  std::string_view name;
  int field;
};
const KeyName kKeys[] = {
    {"信息来源", kSource}, {"发布时间", kDate}, {"发布日期", kDate},   {"浏览次数", kViews},  {"标题", kTitle},
    {"栏目", kColumn},     {"日期", kDate},     {"时间", kDate},       {"来源", kSource},     {"作者", kAuthor},
    {"撰稿", kAuthor},     {"供稿", kAuthor},   {"关键词", kKeywords}, {"关键字", kKeywords}, {"浏览量", kViews},
    {"点击量", kViews},    {"链接", kUrl},      {"网址", kUrl},        {"文章标题", kTitle},  {"发布栏目", kColumn},
    {"所属栏目", kColumn}, {"点击数", kViews},  {"阅读量", kViews},    {"阅读次数", kViews},
};

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

/// key_at as it was before its first-character filter: the field of the longest key name that
/// starts s and is followed by optional spaces and a colon (-1 for none); `after` is set past
/// the colon.
int old_key_at(std::string_view s, std::size_t& after) {
  int best = -1;
  std::size_t best_len = 0;
  for (const KeyName& kn : kKeys) {
    if (kn.name.size() > best_len && starts_with(s, kn.name)) {
      best = kn.field;
      best_len = kn.name.size();
    }
  }
  if (best < 0) return -1;
  std::size_t i = best_len;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (starts_with(s.substr(i), ":")) {
    after = i + 1;
  } else if (starts_with(s.substr(i), "：")) {
    after = i + 3;
  } else {
    return -1;
  }
  return best;
}

/// clean_value as it was before its early stop: spaces and the separators | 丨 ｜ taken off
/// both ends until none is left.
std::string old_clean_value(std::string_view v) {
  for (;;) {
    v = text::trim(v);
    bool changed = false;
    for (std::string_view sep : {std::string_view("|"), std::string_view("丨"), std::string_view("｜")}) {
      if (starts_with(v, sep)) {
        v.remove_prefix(sep.size());
        changed = true;
      }
      if (v.size() >= sep.size() && v.substr(v.size() - sep.size()) == sep) {
        v.remove_suffix(sep.size());
        changed = true;
      }
    }
    if (!changed) break;
  }
  return std::string(v);
}

struct Run {
  Source src;
  Meta meta;
  std::vector<Diagnostic> diagnostics;
  std::vector<Error> errors;
};

Run run_meta(const std::string& notes, const Profile& profile, std::string_view now = "") {
  Run r;
  std::vector<Diagnostic> decoding;
  r.src = decode(notes, decoding);
  r.meta = extract_meta(r.src, Fields{}, profile, now, r.diagnostics, r.errors);
  return r;
}

/// A field as the generator expects it.
struct Want {
  std::string value;
  std::string from;
  int line = 0;
  int col = 0;
};

/// Notes whose header area the generator wrote line by line, with what the metadata stage must
/// make of it: fields, consumed lines, notes.
struct Expected {
  std::string notes;
  Want fields[kFields];
  std::vector<bool> consumed;
  std::vector<std::pair<std::string, int>> diagnostics;  // rule, line
};

struct Value {
  const char* raw;
  const char* kept;  // what the stage keeps of it
};

// Per field, values as written and as kept: separators at the ends taken off, dates and view
// counts normalized; some hold near-keys (发布会, 作者们, 关键, 浏览, 标语, 时代) after a space.
const std::vector<Value>& values_of(int f) {
  static const std::vector<Value> kValues[kFields] = {
      {{"市交通运输局召开会议", "市交通运输局召开会议"},
       {"|环境保护工作会议|", "环境保护工作会议"},
       {"丨生态 环境 专题丨 ", "生态 环境 专题"},
       {"｜月度例会", "月度例会"},
       {"木＜", "木＜"}},
      {{"工作动态", "工作动态"},
       {"|通知公告|", "通知公告"},
       {"｜环境要闻｜", "环境要闻"},
       {"党建丨", "党建"},
       {"中|木", "中|木"},
       {"|", ""},
       {"丨｜", ""}},
      {{"2024年5月21日 09:30", "2024-05-21 09:30:00"},
       {"2024-05-21", "2024-05-21 00:00:00"},
       {"二〇二四年五月二十一日", "2024-05-21 00:00:00"},
       {"２０２４－０５－２１", "2024-05-21 00:00:00"},
       {"|2024/05/21|", "2024-05-21 00:00:00"},
       {"2024-02-29 23:59:59", "2024-02-29 23:59:59"}},
      {{"23198", "23198"}, {"23,198", "23198"}, {"12次", "12"}, {"１２３", "123"}, {"007", "7"}, {"0", "0"}},
      {{"办公室", "办公室"},
       {"发布会：纪要", "发布会：纪要"},
       {"办公室 发布会：纪要", "办公室 发布会：纪要"},
       {"|市生态环境局|", "市生态环境局"},
       {"时代 标语：乙", "时代 标语：乙"},
       {"丫，", "丫，"}},
      {{"张三", "张三"},
       {"|张三|李四|", "张三|李四"},
       {"张三 关键：x", "张三 关键：x"},
       {"李四 浏览：9", "李四 浏览：9"},
       {"作者们：甲", "作者们：甲"}},
      {{"环境 治理", "环境 治理"}, {"大气｜水", "大气｜水"}, {"｜｜扬尘｜｜", "扬尘"}},
      {{"https://example.org/a?b=1", "https://example.org/a?b=1"}, {"http://e.org/x|", "http://e.org/x"}},
  };
  return kValues[f];
}

/// The keys of a field (indexes into kKeys).
std::vector<std::size_t> keys_of(int f) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < std::size(kKeys); ++k)
    if (kKeys[k].field == f) out.push_back(k);
  return out;
}

Expected header_notes(Xorshift& rng, const Profile& profile, bool with_now) {
  static const char* const kColons[] = {"：", ":", " ：", "\t:", "  :"};
  static const char* const kSeps[] = {" ", "  ", " | ", "丨", "｜", "　", "\t", " 丨 "};
  static const char* const kLeads[] = {"", "", "", "  ", "　"};
  struct Other {
    const char* text;
    bool title_like;
  };
  static const Other kOthers[] = {{"一个简短的标题", true},
                                  {"没有冒号的行", true},
                                  {"发布会：纪要", true},
                                  {"标语：保护环境", true},
                                  {"这是一句很长的正文，结尾有句号。", false},
                                  {"局党组书记主持会议。", false}};
  struct Crumb {
    const char* text;
    const char* column;         // with the default profile
    const char* custom_column;  // with the custom one (home 主页, label 位置)
  };
  static const Crumb kCrumbs[] = {{"首页 > 新闻中心 > 工作动态", "工作动态", "工作动态"},
                                  {"当前位置：首页 › 环境要闻", "环境要闻", "环境要闻"},
                                  {"您的位置:首页»通知公告", "通知公告", "通知公告"},
                                  {"首页＞党建", "党建", "党建"},
                                  {"主页 > 专题", nullptr, "专题"},
                                  {"位置：首页 > 环境", nullptr, "环境"}};
  static const Value kDateLines[] = {{"2024年5月21日", "2024-05-21 00:00:00"},
                                     {"2024-05-21 09:30", "2024-05-21 09:30:00"},
                                     {"２０２４－０５－２１", "2024-05-21 00:00:00"}};
  const bool custom = profile.home_label == "主页";
  Expected e;
  std::string& out = e.notes;
  bool title_tried = false;
  bool open = true;  // still in the header area
  auto set = [&e](int f, const std::string& value, int line, int col) {
    Want& w = e.fields[f];
    if (!w.from.empty() || value.empty()) return;
    w = Want{value, "detected", line, col};
  };
  const std::size_t lines = 1 + rng.below(9);
  for (std::size_t i = 0; i < lines; ++i) {
    const int line = static_cast<int>(i) + 1;
    std::string l;
    bool consumed = false;
    const std::size_t kind = rng.below(12);
    if (kind < 6) {  // a header line of one to three parts
      l = pick(rng, kLeads);
      struct Set {
        int field;
        std::string value;
        int col;
      };
      std::vector<Set> sets;
      bool acceptable = true;
      const std::size_t parts = 1 + rng.below(3);
      std::size_t title_at = std::string::npos;  // past the title's colon
      for (std::size_t k = 0; k < parts; ++k) {
        if (k > 0) l += pick(rng, kSeps);
        const int f = static_cast<int>(rng.below(kFields));
        const std::vector<std::size_t> keys = keys_of(f);
        l += kKeys[keys[rng.below(keys.size())]].name;
        l += pick(rng, kColons);
        const std::size_t at = l.size();
        if ((f == kDate || f == kViews) && rng.below(25) == 0) {  // a value the key does not take
          l += f == kDate ? "2024-13-01" : "x12";
          acceptable = acceptable && title_at != std::string::npos;  // within a title it is text
          continue;
        }
        const std::vector<Value>& values = values_of(f);
        const Value& v = values[rng.below(values.size())];
        l += v.raw;
        if (title_at != std::string::npos) continue;  // within the title's value
        if (f == kTitle)
          title_at = at;
        else
          sets.push_back({f, v.kept, 1});
      }
      if (title_at != std::string::npos) {  // a title takes the rest of the line
        const std::string kept = old_clean_value(std::string_view(l).substr(title_at));
        const std::size_t found = l.find(kept, title_at);
        sets.push_back({kTitle, kept, static_cast<int>(text::length(std::string_view(l).substr(0, found))) + 1});
      }
      if (open) {
        if (acceptable) {
          for (const Set& s : sets) set(s.field, s.value, line, s.col);
          consumed = true;
        } else {
          open = false;  // neither a breadcrumb, a date nor a title: the header area ends
        }
      }
    } else if (kind < 8) {
      const Crumb& c = kCrumbs[rng.below(std::size(kCrumbs))];
      l = c.text;
      const char* column = custom ? c.custom_column : c.column;
      if (open) {
        if (column != nullptr) {
          set(kColumn, column, line, 1);
          consumed = true;
        } else if (title_tried) {  // read as a title-like line
          open = false;
        } else {
          title_tried = true;
          if (e.fields[kTitle].from.empty()) {
            set(kTitle, l, line, 1);
            e.diagnostics.emplace_back("meta.title-detected", line);
            consumed = true;
          } else {
            open = false;
          }
        }
      }
    } else if (kind < 9) {
      const Value& d = kDateLines[rng.below(std::size(kDateLines))];
      l = d.raw;
      if (open) {
        if (e.fields[kDate].from.empty()) {
          set(kDate, d.kept, line, 1);
          e.diagnostics.emplace_back("meta.date-detected", line);
        }
        consumed = true;
      }
    } else if (kind < 11) {
      const Other& o = kOthers[rng.below(std::size(kOthers))];
      l = o.text;
      if (open) {
        if (title_tried) {
          open = false;
        } else {
          title_tried = true;
          if (o.title_like && e.fields[kTitle].from.empty()) {
            set(kTitle, l, line, 1);
            e.diagnostics.emplace_back("meta.title-detected", line);
            consumed = true;
          } else {
            open = false;
          }
        }
      }
    } else {
      l = rng.below(2) ? "" : "   ";
    }
    out += l;
    out += '\n';
    e.consumed.push_back(consumed);
  }
  out += "\n正文第一段。\n";  // not a title: it ends the header area, not consumed
  e.consumed.push_back(false);
  e.consumed.push_back(false);
  if (e.fields[kColumn].from.empty() && !profile.columns.empty())
    e.fields[kColumn] = Want{profile.columns.front(), "default", 0, 0};
  if (e.fields[kDate].from.empty() && with_now) e.fields[kDate] = Want{"2024-05-06 10:00:00", "default", 0, 0};
  return e;
}

}  // namespace

TEST_CASE("fixed costs: extract_meta finds what the generator wrote in the header lines") {
  Xorshift rng;
  Profile custom = default_profile();
  custom.crumb_label = "位置";
  custom.home_label = "主页";
  custom.columns.clear();
  int fields = 0;
  int formatted = 0;
  for (int i = 0; i < 6000; ++i) {
    const Profile& profile = i % 3 == 0 ? custom : default_profile();
    const bool with_now = rng.below(2) == 0;
    const Expected e = header_notes(rng, profile, with_now);
    const Run r = run_meta(e.notes, profile, with_now ? "2024-05-06 10:00:00" : "");
    CAPTURE(e.notes);
    for (int f = 0; f < kFields; ++f) {
      CAPTURE(kFieldNames[f]);
      const Field& got = field_at(r.meta, f);
      CHECK(got.value == e.fields[f].value);
      CHECK(got.from == e.fields[f].from);
      CHECK(got.pos.line == e.fields[f].line);
      CHECK(got.pos.col == e.fields[f].col);
      if (e.fields[f].from == "detected") ++fields;
    }
    CHECK(r.meta.consumed == e.consumed);
    CHECK(r.errors.empty());
    REQUIRE(r.diagnostics.size() == e.diagnostics.size());
    for (std::size_t k = 0; k < e.diagnostics.size(); ++k) {
      CHECK(r.diagnostics[k].rule == e.diagnostics[k].first);
      CHECK(r.diagnostics[k].line == e.diagnostics[k].second);
    }
    // format() hands the fields on (moved into the result) as the stage found them.
    if (i % 10 == 0 && &profile == &default_profile()) {
      Options o;
      o.now = with_now ? "2024-05-06 10:00:00" : "";
      const Result res = format(e.notes, o);
      REQUIRE(res.ok);
      ++formatted;
      for (int f = 0; f < kFields; ++f) {
        CAPTURE(kFieldNames[f]);
        const auto it = res.meta.find(kFieldNames[f]);
        const Want& w = e.fields[f];
        REQUIRE((it != res.meta.end()) == !w.from.empty());
        if (it == res.meta.end()) continue;
        if (f != kTitle) CHECK(it->second.value == w.value);  // a title may be fixed by the typography pass
        CHECK(it->second.from == w.from);
        CHECK(it->second.line == w.line);
      }
    }
  }
  CHECK(fields > 15000);
  CHECK(formatted > 300);
}

TEST_CASE("fixed costs: a line is a header line exactly where the old key_at found a key") {
  // Key names, near-keys that share their first character, stray bytes; spaces; colons.
  static const char* const kStarts[] = {"发布", "发布会", "标",       "标语", "浏览",   "关键",   "阅读",
                                        "点击", "信息",   "文章",     "所属", "时代",   "来回",   "日",
                                        "x",    "12",     "\xE5\x8F", "\xE6", "发布时", "阅读次", "文章标"};
  static const char* const kSpaces[] = {"", "", " ", "\t", "  ", "　"};
  static const char* const kColons[] = {"", ":", "：", "：", ":", "；", "::"};
  static const char* const kValues[] = {"甲", "值乙", "abc", "中木", "｜丙｜", "a", ""};
  Xorshift rng;
  Profile no_columns = default_profile();
  no_columns.columns.clear();
  int keyed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string l = rng.below(4) == 0 ? "  " : "";
    const std::size_t pieces = 1 + rng.below(3);
    for (std::size_t k = 0; k < pieces; ++k) {
      const std::size_t kind = rng.below(4);
      if (kind < 2) {
        l += kKeys[rng.below(std::size(kKeys))].name;
      } else if (kind == 2) {
        l += pick(rng, kStarts);
      } else {  // a key name whose first character differs in its second or third byte only
        std::string near(kKeys[rng.below(std::size(kKeys))].name);
        const std::size_t at = 1 + rng.below(2);
        near[at] = static_cast<char>(0x80 + (static_cast<unsigned char>(near[at]) - 0x80 + 1 + rng.below(63)) % 64);
        l += near;
      }
    }
    l += pick(rng, kSpaces);
    l += pick(rng, kColons);
    l += pick(rng, kValues);
    const Run r = run_meta(l + "\n\n正文。\n", no_columns);
    const std::string_view t = text::trim(r.src.line(0));
    std::size_t after = 0;
    const int f = old_key_at(t, after);
    CAPTURE(l);
    CAPTURE(f);
    for (int g = 0; g < kFields; ++g) {
      if (g == kTitle && f < 0) continue;  // no key: the line may be read as a title
      const Field& got = field_at(r.meta, g);
      if (g == f && f != kDate && f != kViews && !old_clean_value(t.substr(after)).empty()) {
        ++keyed;
        CHECK(got.value == old_clean_value(t.substr(after)));
        CHECK(got.from == "detected");
        CHECK(got.pos.line == 1);
      } else {
        CHECK(!got.set());
      }
    }
    // No value is a date or a count; an empty value is taken for every key.
    if (f >= 0) CHECK(r.meta.consumed[0] == ((f != kDate && f != kViews) || old_clean_value(t.substr(after)).empty()));
    if (f < 0 && r.meta.title.set()) CHECK(r.meta.title.value == std::string(t));
  }
  CHECK(keyed > 1000);
}

TEST_CASE("fixed costs: a header value keeps what the old clean_value kept") {
  // Separators, spaces, and characters that share a separator's first or last byte: 丫 (E4 …),
  // ＜ and ， (EF …), 木 (… A8), ＜ (… 9C).
  static const char* const kPieces[] = {"|",  "丨", "｜", " ",  "　", "\t",   "办公室", "木",
                                        "＜", "中", "a",  "丫", "，", "｜｜", "x|y"};
  Xorshift rng;
  int kept = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string v;
    const std::size_t n = 1 + rng.below(6);
    for (std::size_t k = 0; k < n; ++k) v += pick(rng, kPieces);
    const Run r = run_meta("来源：" + v + "\n\n正文。\n", default_profile());
    const std::string_view t = text::trim(r.src.line(0));
    std::size_t after = 0;
    REQUIRE(old_key_at(t, after) == kSource);
    const std::string want = old_clean_value(t.substr(after));
    CAPTURE(v);
    CHECK(r.meta.source.value == want);
    CHECK(r.meta.source.set() == !want.empty());
    CHECK(r.meta.consumed[0]);
    if (!want.empty()) ++kept;
  }
  CHECK(kept > 10000);
}

namespace {

/// Profiles with unusual site names, breadcrumbs, footers and date formats.
std::vector<Profile> chrome_profiles() {
  std::vector<Profile> out;
  out.push_back(default_profile());  // a copy: not the default's address, so made per call
  Profile p = default_profile();
  p.site_name = "云岭 & <环境> \"局\"";
  p.site_domain = "  ";
  p.site_id_code =
      "61\x01"
      "00";
  p.home_url = "javascript:alert(1)";
  p.home_label = "首页&";
  p.crumb_separator = " &gt; ";
  p.crumb_label = "";
  p.date_format = "YYYY年MM月DD日 HH时mm分ss秒 (YYYYMMDD) — 一个很长很长很长很长很长很长很长很长很长很长的日期格式 ss";
  p.footer_separator = " | ";
  p.footer_lines = {{{"主办：云岭市", "sponsor", "https://example.org/?a=1&b=2"}, {"电话<1>", "contact", "mailto:x@y"}},
                    {},
                    {{"备案", "icp", "data:text/html,x"}, {"公安", "police", ""}}};
  p.half_width_publish = true;
  p.styles["p"] = "margin:0;font-family:\"宋体\"";
  p.styles.erase("h2");
  out.push_back(p);
  Profile q = default_profile();
  q.site_name.clear();
  q.home_url.clear();
  q.crumb_label = "您的位置";
  q.date_format = "DD/MM/YYYY";
  q.footer_lines.clear();
  q.styles.clear();
  out.push_back(q);
  Profile r = default_profile();
  r.date_format = "";
  r.home_url = "/index.html";
  r.footer_separator = "\xEF\xBF\xBE";  // a noncharacter: escaped to U+FFFD
  r.footer_lines = {{{"only", "", "HTTP://EXAMPLE.ORG"}}};
  out.push_back(r);
  Profile s = default_profile();
  s.site_name = "ＡＢＣ　环境";
  s.home_label.clear();
  s.crumb_separator = "丨";
  s.date_format = std::string(50, '-') + "YYYYMMDDHHmmss";  // 64 bytes: the most written on the stack
  s.half_width_publish = true;
  s.footer_lines = {{{"a", "", ""}, {"b", "", "/x?y=<1>"}, {"c", "", "ftp://x"}}};
  out.push_back(s);
  return out;
}

std::string body_notes(Xorshift& rng) {
  static const char* const kLines[] = {"标题：市生态环境局召开会议",
                                       "标题：Ａ＆Ｂ　<会议>",
                                       "栏目：工作动态",
                                       "发布时间：2024年5月21日 09:30",
                                       "来源：办公室 & <局>",
                                       "作者：张三",
                                       "关键词：环境",
                                       "链接：https://e.org/?a&b",
                                       "一、持续推进台账管理",
                                       "局长主持会议，强调要抓好落实。",
                                       "## 二级标题",
                                       "- 列表项",
                                       "> 引用",
                                       "ＡＢＣ１２３全角",
                                       "",
                                       "a < b & c > d"};
  std::string out;
  const std::size_t lines = 1 + rng.below(10);
  for (std::size_t i = 0; i < lines; ++i) {
    out += pick(rng, kLines);
    out += '\n';
  }
  return out;
}

struct Stamp {
  int y, mo, d, h, mi, se;
};

/// The old writing of a date in the profile's format: YYYY MM DD HH mm ss replaced, the rest
/// kept (append_digits and format_datetime as they were).
void old_append_digits(std::string& out, int v, int width) {
  char buf[4] = {static_cast<char>('0' + v / 1000), static_cast<char>('0' + v / 100 % 10),
                 static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
  out.append(buf + 4 - width, static_cast<std::size_t>(width));
}
std::string old_format_datetime(std::string_view fmt, const Stamp& t) {
  std::string out;
  for (std::size_t i = 0; i < fmt.size();) {
    const std::string_view rest = fmt.substr(i);
    if (rest.substr(0, 4) == "YYYY") {
      old_append_digits(out, t.y, 4);
      i += 4;
      continue;
    }
    const std::string_view two_letters = rest.substr(0, 2);
    int value = -1;
    if (two_letters == "MM")
      value = t.mo;
    else if (two_letters == "DD")
      value = t.d;
    else if (two_letters == "HH")
      value = t.h;
    else if (two_letters == "mm")
      value = t.mi;
    else if (two_letters == "ss")
      value = t.se;
    if (value >= 0) {
      old_append_digits(out, value, 2);
      i += 2;
    } else {
      out += fmt[i++];
    }
  }
  return out;
}

struct Made {
  Document doc;
  Meta meta;
};

Made made_for(const std::string& notes, const Profile& profile, const Fields& given, std::string_view now) {
  std::vector<Diagnostic> diagnostics;
  std::vector<Error> errors;
  const Source src = decode(notes, diagnostics);
  Made m;
  m.meta = extract_meta(src, given, profile, now, diagnostics, errors);
  REQUIRE(errors.empty());
  m.doc = parse_blocks(src, m.meta, diagnostics);
  return m;
}

constexpr std::string_view kPageStart =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
constexpr std::string_view kArticleStart = "</nav></header>\n<main>\n<article class=\"pb-article\">\n";

}  // namespace

TEST_CASE("fixed costs: pages with the chrome made once per profile equal pages with it made in the call") {
  Xorshift rng;
  const std::vector<Profile> profiles = chrome_profiles();  // a copy of the default and four others
  std::vector<PageChrome> chromes;
  chromes.reserve(profiles.size());
  for (const Profile& p : profiles) chromes.push_back(make_page_chrome(p));
  const PageChrome default_chrome = make_page_chrome(default_profile());
  int checked = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string notes = body_notes(rng);
    const std::size_t which = rng.below(profiles.size() + 1);  // the last: the default profile itself
    const Profile& profile = which < profiles.size() ? profiles[which] : default_profile();
    const PageChrome& chrome = which < profiles.size() ? chromes[which] : default_chrome;
    Fields given;
    if (rng.below(4) == 0) given.date = "2024-02-29 23:59:59";
    const Made m = made_for(notes, profile, given, rng.below(2) ? "2024-05-06 10:00:00" : "");
    CAPTURE(notes);
    CAPTURE(which);
    // Made in the call: a copy of the default or another profile makes its own; the default
    // profile itself takes the one made once per process.
    const std::string page = render_page(m.doc, m.meta, profile);
    const std::string fragment = render_fragment(m.doc, m.meta, profile);
    std::string page2;
    std::string fragment2;
    render(m.doc, m.meta, profile, &page2, &fragment2);
    CHECK(page2 == page);
    CHECK(fragment2 == fragment);
    // Made beforehand (a prepared profile's), the document consumed; a page alone; a fragment
    // alone (no chrome needed).
    Document copy = m.doc;
    std::string page3;
    std::string fragment3;
    render(std::move(copy), m.meta, profile, &chrome, &page3, &fragment3);
    CHECK(page3 == page);
    CHECK(fragment3 == fragment);
    copy = m.doc;
    std::string page4;
    render(std::move(copy), m.meta, profile, &chrome, &page4, nullptr);
    CHECK(page4 == page);
    copy = m.doc;
    std::string fragment4;
    render(std::move(copy), m.meta, profile, nullptr, nullptr, &fragment4);
    CHECK(fragment4 == fragment);
    // The default's copy (chrome made per call) and the default itself (made once) agree.
    if (which == 0) CHECK(render_page(m.doc, m.meta, default_profile()) == page);
    ++checked;
  }
  CHECK(checked == 3000);
}

TEST_CASE("fixed costs: the page chrome's pieces stand in order in the page") {
  Xorshift rng;
  std::vector<Profile> profiles = chrome_profiles();
  const std::size_t customs = profiles.size();
  profiles.push_back(default_profile());
  int pages = 0;
  for (std::size_t n = 0; n < profiles.size(); ++n) {
    // The default profile itself, not a copy, for the last.
    const Profile& p = n < customs ? profiles[n] : default_profile();
    const PageChrome c = make_page_chrome(p);
    CHECK(c.title_end.find("</title>\n") != std::string::npos);
    CHECK(c.body_start.rfind("<meta http-equiv=\"Content-Security-Policy\"", 0) == 0);
    CHECK(c.body_start.find("</head>\n<body>\n<header class=\"pb-header\">") != std::string::npos);
    CHECK(c.body_start.size() >= 4);
    CHECK(c.body_start.compare(c.body_start.size() - 4, 4, "</a>") == 0);
    CHECK(c.crumb_separator == escape_html(p.crumb_separator));
    CHECK(c.tail.rfind("</article>\n</main>\n<footer class=\"pb-footer\">\n", 0) == 0);
    for (int i = 0; i < 50; ++i) {
      const std::string notes = (rng.below(2) ? "标题：测试\n栏目：工作动态\n" : "标题：测试\n") + body_notes(rng);
      const Made m = made_for(notes, p, Fields{}, "2024-05-06 10:00:00");
      CAPTURE(notes);
      const std::string page = render_page(m.doc, m.meta, p);
      REQUIRE(page.rfind(std::string(kPageStart), 0) == 0);
      const std::size_t title_end = page.find(c.title_end, kPageStart.size());
      REQUIRE(title_end != std::string::npos);
      CHECK(page.find("<title>") == kPageStart.size() - 7);
      CHECK(title_end + c.title_end.find("</title>") == page.find("</title>"));
      const std::size_t body_start = page.find(c.body_start, title_end + c.title_end.size());
      REQUIRE(body_start != std::string::npos);
      std::size_t after = body_start + c.body_start.size();
      const std::string_view column = text::trim(m.meta.column.value);
      if (!column.empty()) {
        CHECK(page.compare(after, c.crumb_separator.size(), c.crumb_separator) == 0);
        after += c.crumb_separator.size();
        const std::string span = "<span aria-current=\"page\">" + escape_html(column) + "</span>";
        CHECK(page.compare(after, span.size(), span) == 0);
        after += span.size();
      }
      CHECK(page.compare(after, kArticleStart.size(), kArticleStart) == 0);
      REQUIRE(page.size() >= c.tail.size());
      CHECK(page.compare(page.size() - c.tail.size(), c.tail.size(), c.tail) == 0);
      CHECK(page.find("</article>") == page.size() - c.tail.size());
      ++pages;
    }
  }
  CHECK(pages == 300);
  // What the unusual profiles make, written out.
  const std::vector<Profile> all = chrome_profiles();
  const PageChrome odd = make_page_chrome(all[1]);
  CHECK(odd.title_end.rfind(" - 云岭 &amp; &lt;环境&gt; &quot;局&quot;</title>\n"
                            "<meta name=\"SiteName\" content=\"云岭 &amp; &lt;环境&gt; &quot;局&quot;\">\n",
                            0) == 0);
  CHECK(odd.title_end.find("SiteDomain") == std::string::npos);  // only spaces: left out
  CHECK(odd.body_start.find("aria-label=\"当前位置\"><a href=\"/\">首页&amp;</a>") != std::string::npos);
  CHECK(odd.crumb_separator == " &amp;gt; ");
  CHECK(odd.tail.find("<a href=\"https://example.org/?a=1&amp;b=2\">主办：云岭市</a> | ") != std::string::npos);
  CHECK(odd.tail.find("data:text") == std::string::npos);
  const PageChrome bare = make_page_chrome(all[2]);
  CHECK(bare.title_end.rfind("</title>\n", 0) == 0);
  CHECK(bare.body_start.find("aria-label=\"您的位置\"><a href=\"/\">") != std::string::npos);
  CHECK(bare.tail == "</article>\n</main>\n<footer class=\"pb-footer\">\n</footer>\n</body>\n</html>\n");
  const PageChrome noncharacter = make_page_chrome(all[3]);
  CHECK(noncharacter.body_start.find("<a href=\"/index.html\">") != std::string::npos);
  CHECK(noncharacter.tail.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK(make_page_chrome(all[4]).crumb_separator == "丨");
}

TEST_CASE("fixed costs: the page's dates, written on the stack, read as the old writing wrote them") {
  Xorshift rng;
  std::vector<Profile> profiles = chrome_profiles();
  static const char* const kFormatParts[] = {"YYYY", "MM", "DD", "HH", "mm", "ss", "-", "年",  "月", "日",
                                             " ",    ":",  "Y",  "M",  "s",  "<",  "&", "YYY", "m"};
  Profile varied = default_profile();
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    const Stamp t{1000 + static_cast<int>(rng.below(9000)), 1 + static_cast<int>(rng.below(12)),
                  1 + static_cast<int>(rng.below(28)),      static_cast<int>(rng.below(24)),
                  static_cast<int>(rng.below(60)),          static_cast<int>(rng.below(60))};
    const std::string stamp =
        std::to_string(t.y) + "-" + two(t.mo) + "-" + two(t.d) + " " + two(t.h) + ":" + two(t.mi) + ":" + two(t.se);
    const Profile* p = nullptr;
    if (i % 2 == 0) {
      p = &profiles[rng.below(profiles.size())];
    } else {  // formats of every length around the stack buffer's 64 bytes
      std::string fmt;
      const std::size_t want = rng.below(100);
      while (fmt.size() < want) fmt += pick(rng, kFormatParts);
      varied.date_format = fmt;
      p = &varied;
    }
    Fields given;
    given.date = stamp;
    const Made m = made_for("标题：测试\n\n正文。\n", *p, given, "");
    const std::string page = render_page(m.doc, m.meta, *p);
    CAPTURE(p->date_format);
    CAPTURE(stamp);
    std::string iso = stamp;
    iso[10] = 'T';
    const std::string time =
        "<time datetime=\"" + iso + "+08:00\">" + escape_html(old_format_datetime(p->date_format, t)) + "</time>";
    CHECK(page.find(time) != std::string::npos);
    const std::string pub = "<meta name=\"PubDate\" content=\"" + stamp.substr(0, 16) + "\">\n";
    CHECK(page.find(pub) != std::string::npos);
    CHECK(render_fragment(m.doc, m.meta, *p).find(time) != std::string::npos);
    ++checked;
  }
  CHECK(checked == 4000);
}

TEST_CASE("fixed costs: a profile given as text twice (the cache's copy) gives the same result") {
  Xorshift rng;
  nlohmann::json p = nlohmann::json::parse(default_profile_json());
  p["site"]["name"] = "云岭 & <局>";
  p["breadcrumb"]["home_label"] = "主页";
  p["breadcrumb"]["separator"] = " » ";
  p["info"]["date_format"] = "YYYY年MM月DD日 HH时mm分";
  p["footer"]["separator"] = " | ";
  const std::string profile_json = p.dump();
  ProfileCache cache;
  int made = 0;
  for (int i = 0; i < 200; ++i) {
    Options o;
    o.profile_json = profile_json;
    o.now = "2024-05-06 10:00:00";
    const std::string notes = body_notes(rng);
    const Result plain = format(notes, o);  // the profile read for the call, its chrome made in render
    const Result first = format(notes, o, cache);
    const Result again = format(notes, o, cache);  // the cache's prepared profile and chrome
    CHECK(first.ok == plain.ok);
    if (!plain.ok) {  // notes with nothing to format
      CHECK(plain.errors.at(0).code == "input.empty");
      continue;
    }
    ++made;
    CHECK(first.page == plain.page);
    CHECK(again.page == plain.page);
    CHECK(again.fragment == plain.fragment);
    CHECK(to_json(again) == to_json(plain));
  }
  CHECK(made > 150);
  CHECK(cache.size() == 1);
}

}  // namespace paiban
