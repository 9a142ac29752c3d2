// Stage 2: the article's metadata. Reads, in this order: a `---` front-matter block, then the
// header area at the top of the notes (key lines such as `标题：…`, a pasted breadcrumb, a pasted
// `发布日期:… 浏览量:…` info line, a date-only line and, by heuristics, the title line). The header
// area ends at the first line that is none of these; nothing after it is ever consumed, so a
// notice's sign-off date at the end stays in the body.
#include "meta.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "numbering.h"
#include "text.h"

namespace paiban {

namespace {

// ---------------------------------------------------------------------------------------------
// Dates

using text::is_ascii_digit;

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// A cursor over the code points of a candidate date.
struct Cursor {
  std::u32string_view s;
  std::size_t i = 0;
  bool end() const { return i >= s.size(); }
  char32_t peek(std::size_t k = 0) const { return i + k < s.size() ? s[i + k] : 0; }
  bool eat(char32_t c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  void skip_spaces() {
    while (!end() && text::is_space(s[i])) ++i;
  }
  // Reads min..max ASCII digits; returns -1 when fewer than min are there.
  int number(std::size_t min, std::size_t max) {
    std::size_t k = 0;
    int v = 0;
    while (k < max && is_ascii_digit(peek(k))) {
      v = v * 10 + static_cast<int>(peek(k) - '0');
      ++k;
    }
    if (k < min) return -1;
    // More digits than allowed: not this form.
    if (is_ascii_digit(peek(k))) return -1;
    i += k;
    return v;
  }
};

// A digit written as a Chinese numeral for a year: 〇/零/○/O/0 and 一…九.
int year_digit(char32_t c) {
  if (c == U'○' || c == U'O' || c == U'o' || c == U'0') return 0;
  return text::chinese_digit(c);
}

int small_digit(char32_t c) {
  int d = year_digit(c);
  return d >= 1 ? d : -1;
}

// 一…九, 十, 十一…十九, 二十…九十九 (used for month and day).
int chinese_number(Cursor& c) {
  int tens = 0;
  int units = 0;
  std::size_t start = c.i;
  int d = small_digit(c.peek());
  if (d > 0) {
    ++c.i;
    if (c.peek() == U'十') {
      ++c.i;
      tens = d;
      int u = small_digit(c.peek());
      if (u > 0) {
        ++c.i;
        units = u;
      }
    } else {
      units = d;
    }
  } else if (c.peek() == U'十') {
    ++c.i;
    tens = 1;
    int u = small_digit(c.peek());
    if (u > 0) {
      ++c.i;
      units = u;
    }
  }
  if (c.i == start) return -1;
  return tens * 10 + units;
}

struct DateTime {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
};

bool valid(const DateTime& t) {
  return t.y >= 1000 && t.y <= 9999 && t.mo >= 1 && t.mo <= 12 && t.d >= 1 && t.d <= days_in_month(t.y, t.mo) &&
         t.h >= 0 && t.h <= 23 && t.mi >= 0 && t.mi <= 59 && t.se >= 0 && t.se <= 59;
}

// The optional time after a date, then the end. Accepts ` 10:53`, ` 10:53:02`, `T10:53:02`,
// `10时53分`, `10时53分02秒`, `10点`, `10点30分`, and a trailing `+08:00` / `+0800` / `+08`.
// A weekday after the date: 星期五, 周五, （星期五）, (周日).
void skip_weekday(Cursor& c) {
  std::size_t start = c.i;
  c.skip_spaces();
  bool paren = c.eat(U'（') || c.eat('(');
  bool ok = false;
  if (c.eat(U'星')) {
    ok = c.eat(U'期');
  } else {
    ok = c.eat(U'周');
  }
  char32_t d = c.peek();
  ok = ok && ((small_digit(d) >= 1 && small_digit(d) <= 6) || d == U'日' || d == U'天');
  if (ok) ++c.i;
  if (ok && paren) ok = c.eat(U'）') || c.eat(')');
  if (!ok) c.i = start;
}

bool parse_time_tail(Cursor& c, DateTime& t) {
  skip_weekday(c);
  c.skip_spaces();
  bool had_t = false;
  if (c.peek() == 'T' || c.peek() == 't') {
    ++c.i;
    had_t = true;
  }
  if (c.end()) return !had_t;
  int h = c.number(1, 2);
  if (h < 0) return false;
  t.h = h;
  if (c.eat(':')) {
    int mi = c.number(2, 2);
    if (mi < 0) return false;
    t.mi = mi;
    if (c.eat(':')) {
      int se = c.number(2, 2);
      if (se < 0) return false;
      t.se = se;
    }
    if (c.peek() == '+') {
      ++c.i;
      int oh = c.number(2, 2);
      if (oh != 8) return false;
      // +08:00 or +0800: the minutes, with or without a colon, must be 00.
      const bool colon = c.eat(':');
      if ((colon || !c.end()) && c.number(2, 2) != 0) return false;
    }
  } else if (c.eat(U'时') || c.eat(U'点')) {
    if (!c.end()) {
      int mi = c.number(1, 2);
      if (mi < 0) return false;
      t.mi = mi;
      if (!c.eat(U'分')) return false;
      if (!c.end()) {
        int se = c.number(1, 2);
        if (se < 0) return false;
        t.se = se;
        if (!c.eat(U'秒')) return false;
      }
    }
  } else {
    return false;
  }
  c.skip_spaces();
  return c.end();
}

bool parse_arabic(Cursor& c, DateTime& t) {
  int y = c.number(4, 4);
  if (y < 0) return false;
  t.y = y;
  char32_t sep = c.peek();
  if (sep == '-' || sep == '/' || sep == '.') {
    ++c.i;
    t.mo = c.number(1, 2);
    if (t.mo < 0 || !c.eat(sep)) return false;
    t.d = c.number(1, 2);
    if (t.d < 0) return false;
  } else if (sep == U'年') {
    ++c.i;
    c.skip_spaces();
    t.mo = c.number(1, 2);
    c.skip_spaces();
    if (t.mo < 0 || !c.eat(U'月')) return false;
    c.skip_spaces();
    t.d = c.number(1, 2);
    c.skip_spaces();
    if (t.d < 0 || !(c.eat(U'日') || c.eat(U'号'))) return false;
  } else {
    return false;
  }
  return parse_time_tail(c, t);
}

bool parse_chinese(Cursor& c, DateTime& t) {
  int y = 0;
  for (int k = 0; k < 4; ++k) {
    int d = year_digit(c.peek());
    if (d < 0) return false;
    y = y * 10 + d;
    ++c.i;
  }
  t.y = y;
  if (!c.eat(U'年')) return false;
  t.mo = chinese_number(c);
  if (t.mo < 0 || !c.eat(U'月')) return false;
  t.d = chinese_number(c);
  if (t.d < 0 || !(c.eat(U'日') || c.eat(U'号'))) return false;
  c.skip_spaces();
  return c.end();
}

// ---------------------------------------------------------------------------------------------
// Keys

enum class Key { none, title, column, date, source, author, keywords, views, url };

struct KeyName {
  std::string_view name;  // measured once, not per line looked at
  Key key;
};

// Longest names first so that 发布时间 wins over 时间, 信息来源 over 来源.
const std::array<KeyName, 24> kKeys = {{
    {"信息来源", Key::source}, {"发布时间", Key::date},   {"发布日期", Key::date},  {"浏览次数", Key::views},
    {"标题", Key::title},      {"栏目", Key::column},     {"日期", Key::date},      {"时间", Key::date},
    {"来源", Key::source},     {"作者", Key::author},     {"撰稿", Key::author},    {"供稿", Key::author},
    {"关键词", Key::keywords}, {"关键字", Key::keywords}, {"浏览量", Key::views},   {"点击量", Key::views},
    {"链接", Key::url},        {"网址", Key::url},        {"文章标题", Key::title}, {"发布栏目", Key::column},
    {"所属栏目", Key::column}, {"点击数", Key::views},    {"阅读量", Key::views},   {"阅读次数", Key::views},
}};

Key english_key(std::string_view k) {
  std::string low;
  for (char ch : k) low += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  if (low == "title") return Key::title;
  if (low == "column" || low == "category") return Key::column;
  if (low == "date") return Key::date;
  if (low == "source") return Key::source;
  if (low == "author") return Key::author;
  if (low == "keywords") return Key::keywords;
  if (low == "views") return Key::views;
  if (low == "url") return Key::url;
  return Key::none;
}

Key chinese_key(std::string_view k) {
  for (const KeyName& kn : kKeys)
    if (k == kn.name) return kn.key;
  return Key::none;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// If a known Chinese key followed by optional spaces and a colon starts s, returns the key and
// sets `after` to the byte offset just past the colon.
Key key_at(std::string_view s, std::size_t& after) {
  if (s.size() < 6) return Key::none;  // every name is two Chinese characters or more
  Key best = Key::none;
  std::size_t best_len = 0;
  for (const KeyName& kn : kKeys) {
    const std::string_view name = kn.name;
    if (name[0] != s[0] || name[1] != s[1] || name[2] != s[2]) continue;  // not its first character
    if (name.size() > best_len && name.size() <= s.size() &&
        std::memcmp(name.data() + 3, s.data() + 3, name.size() - 3) == 0) {
      best = kn.key;
      best_len = name.size();
    }
  }
  if (best == Key::none) return Key::none;
  std::size_t i = best_len;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (starts_with(s.substr(i), ":")) {
    after = i + 1;
  } else if (starts_with(s.substr(i), "：")) {
    after = i + 3;
  } else {
    return Key::none;
  }
  return best;
}

// The value with spaces and stray part separators (| 丨 ｜) trimmed off both ends.
std::string clean_value(std::string_view v) {
  for (;;) {
    v = text::trim(v);
    // A separator starts with '|' or the lead byte of 丨 (E4) or ｜ (EF), and ends with '|' or
    // the last byte of 丨 (A8) or ｜ (9C): without one at either end, nothing is taken off.
    if (v.empty()) break;
    const auto first = static_cast<unsigned char>(v.front());
    const auto last = static_cast<unsigned char>(v.back());
    if (first != '|' && first != 0xE4 && first != 0xEF && last != '|' && last != 0xA8 && last != 0x9C) break;
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

struct Part {
  Key key;
  std::string value;
};

// Splits a header line into `key：value` parts. The line must start with a known key. Later
// parts start where a known key and colon follow whitespace or a separator (`发布日期:… 浏览量:…`).
// A title part takes the rest of the line.
std::vector<Part> header_parts(std::string_view line) {
  std::vector<Part> parts;
  std::size_t after = 0;
  Key k = key_at(line, after);
  if (k == Key::none) return parts;
  std::size_t value_start = after;
  std::size_t i = k == Key::title ? line.size() : after;  // a title takes the rest of the line
  while (i < line.size()) {
    std::size_t here = i;
    char32_t c = text::next(line, i);
    bool boundary = text::is_space(c) || c == '|' || c == U'丨' || c == U'｜';
    if (!boundary || k == Key::title) continue;
    std::size_t j = i;
    while (j < line.size()) {
      std::size_t jj = j;
      char32_t d = text::next(line, jj);
      if (!(text::is_space(d) || d == '|' || d == U'丨' || d == U'｜')) break;
      j = jj;
    }
    std::size_t next_after = 0;
    Key nk = key_at(line.substr(j), next_after);
    if (nk == Key::none) continue;
    parts.push_back({k, clean_value(line.substr(value_start, here - value_start))});
    k = nk;
    value_start = j + next_after;
    i = value_start;
  }
  parts.push_back({k, clean_value(line.substr(value_start))});
  return parts;
}

// A view count: ASCII (or full-width) digits, optionally followed by 次.
std::optional<std::string> parse_views(std::string_view v) {
  std::string s = text::fold_halfwidth(text::trim(v));
  if (s.size() >= 3 && s.substr(s.size() - 3) == "次") s.resize(s.size() - 3);
  s = std::string(text::trim(s));
  // Thousands separators: 23,198.
  if (s.find(',') != std::string::npos) {
    std::string digits;
    std::size_t group = 0;
    bool ok = s.front() != ',' && s.back() != ',';
    for (char ch : s) {
      if (ch == ',') {
        ok = ok && (digits.size() <= 3 ? group >= 1 : group == 3);
        group = 0;
      } else {
        digits += ch;
        ++group;
      }
    }
    if (!ok || group != 3) return std::nullopt;
    s = digits;
  }
  if (s.empty() || s.size() > 18) return std::nullopt;
  for (char ch : s)
    if (ch < '0' || ch > '9') return std::nullopt;
  std::size_t nz = s.find_first_not_of('0');
  return nz == std::string::npos ? std::string("0") : s.substr(nz);
}

// ---------------------------------------------------------------------------------------------
// Line shapes

bool is_sep_char(char32_t c) {
  return c == '>' || c == U'＞' || c == U'›' || c == U'»';
}

// A pasted breadcrumb `首页 > 新闻中心 > 工作动态` (optionally after `当前位置：`): its last item.
std::optional<std::string> breadcrumb_column(std::string_view line, const Profile& profile) {
  std::string_view s = line;
  for (std::string_view prefix : {std::string_view("当前位置"), std::string_view("您的位置"),
                                  std::string_view("您现在的位置"), std::string_view(profile.crumb_label)}) {
    if (prefix.empty() || !starts_with(s, prefix)) continue;
    std::string_view rest = text::trim(s.substr(prefix.size()));
    if (starts_with(rest, "：")) {
      s = text::trim(rest.substr(3));
      break;
    }
    if (starts_with(rest, ":")) {
      s = text::trim(rest.substr(1));
      break;
    }
  }
  // Most lines have no separator: they are settled by one look at their characters.
  bool any_sep = false;
  for (std::size_t i = 0; i < s.size() && !any_sep;) any_sep = is_sep_char(text::next(s, i));
  if (!any_sep) return std::nullopt;
  std::vector<std::string> items;
  std::string cur;
  bool saw_sep = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = text::next(s, i);
    if (is_sep_char(c)) {
      saw_sep = true;
      std::string t(text::trim(cur));
      if (!t.empty()) items.push_back(t);
      cur.clear();
    } else {
      text::append(cur, c);
    }
  }
  std::string t(text::trim(cur));
  if (!t.empty()) items.push_back(t);
  if (!saw_sep || items.size() < 2) return std::nullopt;
  const std::string& home = items.front();
  if (home != "首页" && (profile.home_label.empty() || home != profile.home_label)) return std::nullopt;
  for (const std::string& item : items)
    if (text::length(item) > 20) return std::nullopt;
  return items.back();
}

bool is_final_punct(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'…' || c == '.' || c == '!' || c == '?' ||
         c == ';' || c == U'：' || c == ':' || c == U'，' || c == ',';
}

// The title heuristic: short, no sentence punctuation, not a heading, bullet or date.
bool looks_like_title(std::string_view t) {
  std::u32string u = text::to_u32(t);
  if (u.empty() || u.size() > 40) return false;
  for (char32_t c : u)
    if (c == U'。' || c == U'；' || c == ';') return false;
  if (is_final_punct(u.back())) return false;
  if (numbering::heading_number_level(t) > 0 || numbering::bullet_length(t) > 0) return false;
  if (u[0] == '#' || u[0] == '>') return false;
  // Some text, not only marks (a stray `---`); not a `key：value` line.
  bool words = false;
  for (char32_t c : u)
    if (text::is_han(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)))) words = true;
  if (!words) return false;
  std::size_t after = 0;
  if (key_at(t, after) != Key::none) return false;
  if (parse_datetime(t)) return false;
  return true;
}

// The title text of a line: a leading markdown `# ` marker is dropped.
std::string_view title_text(std::string_view t) {
  if (starts_with(t, "# ") || starts_with(t, "#\t")) return text::trim(t.substr(2));
  return t;
}

void set_detected(Field& f, std::string value, int line) {
  if (f.set() || value.empty()) return;
  f = Field{std::move(value), "detected", Pos{line, 1}};
}

Field* field_for(Meta& m, Key k) {
  switch (k) {
    case Key::title:
      return &m.title;
    case Key::column:
      return &m.column;
    case Key::date:
      return &m.date;
    case Key::source:
      return &m.source;
    case Key::author:
      return &m.author;
    case Key::keywords:
      return &m.keywords;
    case Key::views:
      return &m.views;
    case Key::url:
      return &m.url;
    case Key::none:
      break;
  }
  return nullptr;
}

/// A note about line `line` (text `t`), its message not yet set.
Diagnostic note(const char* rule, Severity sev, int line, std::string_view t) {
  Diagnostic d;
  d.rule = rule;
  d.severity = sev;
  d.line = line;
  d.column = 1;
  d.length = text::length(t);
  return d;
}

/// A note with a message made for it.
Diagnostic note(const char* rule, Severity sev, int line, std::string_view t, std::string message) {
  Diagnostic d = note(rule, sev, line, t);
  d.set_message(std::move(message));
  return d;
}

/// A note with a static message (a string literal: kept by pointer).
Diagnostic note(const char* rule, Severity sev, int line, std::string_view t, const char* message) {
  Diagnostic d = note(rule, sev, line, t);
  d.set_static_message(message);
  return d;
}

// The value a `key: value` part stands for: a date normalized, a view count checked. nullopt
// when the value is not acceptable for its key (a date or view count that cannot be read).
std::optional<std::string> part_value(const Part& p) {
  if (p.key == Key::none) return std::nullopt;
  if (p.value.empty()) return std::string();
  if (p.key == Key::date) return parse_datetime(p.value);
  if (p.key == Key::views) return parse_views(p.value);
  return p.value;
}

// Sets the field of `key` (if it has one) to a part's value, as found on `line`.
void set_part(Meta& m, Key key, std::string value, int line) {
  if (Field* f = field_for(m, key)) set_detected(*f, std::move(value), line);
}

// Applies one `key: value` part; false when its value is not acceptable (nothing is set then).
bool apply_part(Meta& m, const Part& p, int line) {
  auto v = part_value(p);
  if (!v) return false;
  set_part(m, p.key, std::move(*v), line);
  return true;
}

std::string unquote(std::string_view v) {
  v = text::trim(v);
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\'')))
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

// The `---` front matter. Returns the index of the first line after it (0 when there is none).
std::size_t front_matter(const Source& src, Meta& m, std::vector<Diagnostic>& diagnostics) {
  if (src.line_count() == 0 || text::trim(src.line(0)) != "---") return 0;
  std::size_t close = 0;
  for (std::size_t i = 1; i < src.line_count(); ++i) {
    std::string_view t = text::trim(src.line(i));
    if (t == "---" || t == "...") {
      close = i;
      break;
    }
  }
  if (close == 0) return 0;
  for (std::size_t i = 0; i <= close; ++i) m.consumed[i] = true;
  for (std::size_t i = 1; i < close; ++i) {
    std::string_view t = text::trim(src.line(i));
    int line = static_cast<int>(i) + 1;
    if (t.empty() || t[0] == '#') continue;
    std::size_t colon = t.find(':');
    std::size_t wide = t.find("：");
    std::size_t value_at = 0;
    if (wide != std::string_view::npos && (colon == std::string_view::npos || wide < colon)) {
      colon = wide;
      value_at = wide + 3;
    } else if (colon != std::string_view::npos) {
      value_at = colon + 1;
    }
    if (colon == std::string_view::npos) {
      diagnostics.push_back(note("meta.unknown-key", Severity::warning, line, t,
                                 "前置元数据中的这一行不是“键: 值”，已忽略 / this front-matter line is not "
                                 "`key: value` and was ignored"));
      continue;
    }
    std::string_view key = text::trim(t.substr(0, colon));
    Key k = english_key(key);
    if (k == Key::none) k = chinese_key(key);
    if (k == Key::none) {
      diagnostics.push_back(note("meta.unknown-key", Severity::warning, line, t,
                                 "未知的元数据键“" + std::string(key) + "”，已忽略 / unknown metadata key \"" +
                                     std::string(key) + "\", ignored"));
      continue;
    }
    Part p{k, unquote(t.substr(value_at))};
    if (!apply_part(m, p, line)) {
      const char* what = k == Key::date ? "日期" : "浏览量";
      const char* what_en = k == Key::date ? "date" : "view count";
      diagnostics.push_back(note("meta.bad-value", Severity::warning, line, t,
                                 std::string("无法识别的") + what + "“" + p.value + "”，已忽略 / unreadable " +
                                     what_en + " \"" + p.value + "\", ignored"));
    }
  }
  return close + 1;
}

const char* kDateFormsZh =
    "2022-10-14 10:53:02、2022-10-14 10:53、2022-10-14、2022-10-14T10:53:02+08:00、2022年10月14日、"
    "2022年10月14日 10:53、2022年10月14日10时53分、2022/10/14、2022.10.14、二〇二二年十月十四日";
const char* kDateFormsEn =
    "2022-10-14 10:53:02, 2022-10-14 10:53, 2022-10-14, 2022-10-14T10:53:02+08:00, 2022年10月14日, "
    "2022年10月14日 10:53, 2022年10月14日10时53分, 2022/10/14, 2022.10.14, 二〇二二年十月十四日";

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = text::next(s, i);
    if (text::is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    text::append(out, c);
  }
  return out;
}

}  // namespace

std::optional<std::string> parse_datetime(std::string_view s) {
  // The code points of trim(fold_halfwidth(trim(s))), folded as they are decoded, on the stack;
  // a text of more code points than the buffer holds goes the long way (strings).
  const std::string_view t = text::trim(s);
  char32_t buf[64];
  std::size_t n = 0;
  bool fits = true;
  for (std::size_t i = 0; i < t.size();) {
    const char32_t ch = text::fold_halfwidth(text::next(t, i));
    if (n == std::size(buf)) {
      fits = false;
      break;
    }
    buf[n++] = ch;
  }
  std::u32string long_form;
  Cursor c;
  if (fits) {
    std::size_t b = 0;
    std::size_t e = n;
    while (b < e && text::is_space(buf[b])) ++b;
    while (e > b && text::is_space(buf[e - 1])) --e;
    c.s = std::u32string_view(buf + b, e - b);
  } else {
    const std::string folded = text::fold_halfwidth(t);
    long_form = text::to_u32(text::trim(folded));
    c.s = long_form;
  }
  if (c.s.empty() || c.s.size() > 40) return std::nullopt;
  DateTime dt;
  bool ok = false;
  if (is_ascii_digit(c.s[0])) {
    ok = parse_arabic(c, dt);
    if (!ok) {
      // 二0二二年 style years may start with a digit 0 only in theory; also try the numeral form.
      c.i = 0;
      dt = DateTime{};
      ok = parse_chinese(c, dt);
    }
  } else {
    ok = parse_chinese(c, dt);
  }
  if (!ok || !valid(dt)) return std::nullopt;
  // valid(): a four-digit year, every other part two digits at most.
  char out[text::kDateTimeMax];
  const char* end = text::put_datetime(out, dt.y, dt.mo, dt.d, dt.h, dt.mi, dt.se, ' ', true);
  return std::string(out, static_cast<std::size_t>(end - out));
}

Meta extract_meta(const Source& source, const Fields& given, const Profile& profile, std::string_view now,
                  std::vector<Diagnostic>& diagnostics, std::vector<Error>& errors) {
  Meta m;
  m.consumed.assign(source.line_count(), false);

  // Given values win. Empty strings count as not given (an empty form field).
  auto give = [&](Field& f, const std::optional<std::string>& v) {
    if (!v) return false;
    std::string t(text::trim(*v));
    if (t.empty()) return false;
    f = Field{t, "given", {}};
    return true;
  };
  give(m.title, given.title);
  give(m.column, given.column);
  give(m.source, given.source);
  give(m.author, given.author);
  give(m.keywords, given.keywords);
  give(m.url, given.url);
  if (give(m.date, given.date)) {
    auto d = parse_datetime(m.date.value);
    if (d) {
      m.date.value = *d;
    } else {
      errors.push_back(Error{"field.date", "date", 0, 0,
                             "发布日期“" + m.date.value + "”无法识别或不是真实的日期。可用的格式：" + kDateFormsZh,
                             "the publish date \"" + m.date.value +
                                 "\" cannot be read (or is not a real date). Accepted forms: " + kDateFormsEn});
    }
  }
  if (give(m.views, given.views)) {
    auto v = parse_views(m.views.value);
    if (v) {
      m.views.value = *v;
    } else {
      errors.push_back(Error{"field.views", "views", 0, 0, "浏览量“" + m.views.value + "”不是非负整数",
                             "the view count \"" + m.views.value + "\" is not a non-negative whole number"});
    }
  }
  const std::string given_title = m.title.set() ? collapse_spaces(m.title.value) : std::string();

  std::size_t i = front_matter(source, m, diagnostics);

  // The header area.
  bool title_tried = false;
  for (; i < source.line_count(); ++i) {
    std::string_view t = text::trim(source.line(i));
    const int line = static_cast<int>(i) + 1;
    if (t.empty()) continue;

    std::vector<Part> parts = header_parts(t);
    if (!parts.empty()) {
      // Each part's value made once (apply_part's), kept in the part; the line's parts are
      // applied only when all are acceptable.
      bool ok = true;
      for (Part& p : parts) {
        std::optional<std::string> v = part_value(p);
        if (!v) {
          ok = false;
          break;
        }
        p.value = std::move(*v);
      }
      if (ok) {
        for (Part& p : parts) set_part(m, p.key, std::move(p.value), line);
        m.consumed[i] = true;
        continue;
      }
    }
    if (auto col = breadcrumb_column(t, profile)) {
      set_detected(m.column, *col, line);
      m.consumed[i] = true;
      continue;
    }
    if (auto d = parse_datetime(t)) {
      if (!m.date.set()) {
        set_detected(m.date, *d, line);
        diagnostics.push_back(note("meta.date-detected", Severity::info, line, t,
                                   "已将此行识别为发布日期 / this line was taken as the publish date"));
      }
      m.consumed[i] = true;
      continue;
    }
    if (title_tried) break;
    title_tried = true;
    std::string_view tt = title_text(t);
    if (!m.title.set() && looks_like_title(tt)) {
      set_detected(m.title, std::string(tt), line);
      m.consumed[i] = true;
      diagnostics.push_back(note("meta.title-detected", Severity::info, line, t,
                                 "已将此行识别为标题 / this line was taken as the title"));
      continue;
    }
    if (m.title.from == "given" && collapse_spaces(tt) == given_title) {
      m.consumed[i] = true;
      continue;
    }
    break;
  }

  // A detected title points at its first character, so a fix to it lands on the right
  // place in the notes (标题：… lines start the value after the key).
  if (m.title.from == "detected" && m.title.pos.line > 0) {
    const std::string_view src = source.line(static_cast<std::size_t>(m.title.pos.line - 1));
    const std::size_t at = src.find(m.title.value);
    if (at != std::string_view::npos) m.title.pos.col = text::length(src.substr(0, at)) + 1;
  }

  // Defaults.
  if (!m.column.set() && !profile.columns.empty()) m.column = Field{profile.columns.front(), "default", {}};
  if (!m.date.set() && !now.empty()) {
    if (auto d = parse_datetime(now)) m.date = Field{*d, "default", {}};
  }
  return m;
}

int days_in_month(int y, int m) {
  static const std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap(y)) return 29;  // is_leap(0) holds: an unknown year allows the 29th
  return days[static_cast<std::size_t>(m - 1)];
}

}  // namespace paiban
