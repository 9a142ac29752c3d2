// The lint pass: warnings that change nothing (SPEC §3). Each finding names its rule, the
// place, what is there and, where there is one, the suggested form.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "chartable.h"
#include "dictionary.h"
#include "lint_scan.h"
#include "meta.h"
#include "prepared.h"
#include "profile.h"
#include "text.h"
#include "textrun.h"
#include "typography.h"

namespace paiban {

namespace {

using text::is_han;

constexpr std::size_t npos = std::u32string::npos;

using text::is_ascii_digit;

/// The lint rules, in lint_rules() order.
enum Rule : unsigned {
  kBalancePair,
  kCharDouble,
  kPunctRepeat,
  kRangeMark,
  kDateInvalid,
  kDateFuture,
  kDateImplausible,
  kDateLeadingZero,
  kDateShortYear,
  kHeadingSequence,
  kTimeRelative,
  kMetaMissingTitle,
  kMetaMissingDate,
  kDictTerm,
  kRuleCount
};

struct Linter {
  std::uint32_t on;  ///< bit r set: rule r is enabled
  std::vector<Diagnostic>& out;

  /// A finding with a static message (a string literal: kept by pointer, not copied).
  void add(Rule rule, Severity sev, Pos pos, std::u32string_view before, std::u32string_view after,
           const char* message) {
    if (Diagnostic* d = make(rule, sev, pos, before, after)) d->set_static_message(message);
  }
  /// A finding with a message made for it (text of the finding in it).
  void add(Rule rule, Severity sev, Pos pos, std::u32string_view before, std::u32string_view after,
           std::string message) {
    if (Diagnostic* d = make(rule, sev, pos, before, after)) d->set_message(std::move(message));
  }
  Diagnostic* make(Rule rule, Severity sev, Pos pos, std::u32string_view before, std::u32string_view after) {
    if ((on & (std::uint32_t{1} << rule)) == 0) return nullptr;
    Diagnostic& d = out.emplace_back();
    d.rule = lint_rules()[rule].id;
    d.severity = sev;
    d.line = pos.line;
    d.column = pos.col;
    d.length = static_cast<int>(before.size());
    d.before = text::to_utf8(before);
    d.after = text::to_utf8(after);
    d.applied = false;
    return &d;
  }
};

// ---- One scan of a block for the checks below ----------------------------------------------
// The checks look at few places of a block: paired marks, a character written twice, two
// sentence marks in a row, range marks, the start of a number, the first character of a
// relative time word. One scan notes those places (a list per check, in order) and each check
// then runs its own logic there only, finding what a scan of the whole block would find.

constexpr char32_t kPairs[][2] = {{U'“', U'”'},   {U'‘', U'’'},   {U'《', U'》'},
                                  {U'（', U'）'}, {U'【', U'】'}, {U'〔', U'〕'}};
constexpr std::u32string_view kDoubled = U"的了是在和与及对将把被为等就也都而并之其以于这那我你他她它们从向";
constexpr std::u32string_view kSentenceMarks = U"，。、；：？！";
constexpr std::u32string_view kRangeMarks = U"-~－〜";
constexpr std::u32string_view kRelativeWords[] = {U"今天", U"今日", U"昨天", U"昨日", U"明天", U"明日",  U"前天",
                                                  U"近日", U"日前", U"本周", U"上周", U"下周", U"上个月"};

/// True when c is the second character of one of kRelativeWords (a word starts only where one
/// follows its first character: 日 of every date is such a first character).
constexpr bool word_second(char32_t c) {
  return c == U'天' || c == U'日' || c == U'周' || c == U'个' || c == U'前';
}
constexpr bool words_second_listed() {
  for (const std::u32string_view w : kRelativeWords)
    if (w.size() < 2 || !word_second(w[1])) return false;
  return true;
}
static_assert(words_second_listed(), "word_second holds every word's second character");

/// What a character may start, one bit per check.
enum : unsigned {
  kPairMark = 1,      ///< balance.pair: one of kPairs
  kDoubleChar = 2,    ///< char.double: one of kDoubled
  kSentenceMark = 4,  ///< punct.repeat
  kRangeChar = 8,     ///< range.mark
  kDigitChar = 16,    ///< dates: 0-9
  kWordStart = 32     ///< time.relative: the first character of a word
};
/// The lists of places one scan notes (LintPass keeps them from block to block).
enum : unsigned { kAtPairs, kAtDoubles, kAtMarks, kAtRanges, kAtNumbers, kAtWords, kAtCount };
static_assert(kAtCount == kLintPlaceLists, "lint_scan.h names the lists");
using Places = std::vector<std::size_t>;

/// The characters the scan looks at, with their bits above (the dictionary's matcher keeps them
/// in its table of first characters: one look per character serves both).
std::vector<DictMatcher::Mark> scan_marks() {
  std::vector<DictMatcher::Mark> out;
  auto mark = [&](char32_t c, unsigned bit) { out.push_back({c, static_cast<std::uint8_t>(bit)}); };
  for (const auto& p : kPairs) {
    mark(p[0], kPairMark);
    mark(p[1], kPairMark);
  }
  for (const char32_t ch : kDoubled) mark(ch, kDoubleChar);
  for (const char32_t ch : kSentenceMarks) mark(ch, kSentenceMark);
  for (const char32_t ch : kRangeMarks) mark(ch, kRangeChar);
  for (char32_t ch = '0'; ch <= '9'; ++ch) mark(ch, kDigitChar);
  for (const std::u32string_view w : kRelativeWords) mark(w[0], kWordStart);
  return out;
}

/// Notes in at[kAt…] the places each check looks at, left to right, and in `hits` the house
/// dictionary's hits (those dict.find(s) finds). `dict` was built with scan_marks(): one look
/// at its table tells whether a character matters to either.
/// The block is read a stretch at a time: first the places of the characters with bits, with
/// no branch per character (most characters matter to none, and the others stand where no
/// predictor can guess: a loop that stopped at each mispredicted its way in and out), then
/// the checks' tests at those places.
void scan(const std::u32string& s, const DictMatcher& dict, Places (&at)[kAtCount],
          std::vector<DictMatcher::Hit>& hits) {
  for (Places& p : at) p.clear();
  hits.clear();
  const std::uint8_t* const marks = dict.marks();
  const bool digit_words = dict.digit_starts();  // digits may start an entry: no skipping a number
  std::size_t dict_from = 0;                     // the dictionary's hits do not overlap
  const char32_t* const p = s.data();
  const std::size_t n = s.size();
  // The scan's own bits of c (the table's low seven bits, which only a BMP character owns).
  auto bits = [marks](char32_t c) -> unsigned { return c < 0x10000 ? marks[c] & 0x7Fu : 0u; };
  constexpr std::size_t kStretch = 256;
  std::size_t place[kStretch];  // the places of the stretch's characters with bits
  for (std::size_t from = 0; from < n; from += kStretch) {
    const std::size_t len = std::min(kStretch, n - from);
    const char32_t* const q = p + from;
    std::size_t m = 0, j = 0;
    auto note = [&](std::size_t u) {
      place[m] = from + u;
      m += marks[q[u] & 0xFFFF] != 0;
    };
    for (; j + 8 <= len; j += 8) {
      note(j);
      note(j + 1);
      note(j + 2);
      note(j + 3);
      note(j + 4);
      note(j + 5);
      note(j + 6);
      note(j + 7);
    }
    for (; j < len; ++j) note(j);
    for (std::size_t k = 0; k < m; ++k) {
      std::size_t i = place[k];
      const unsigned t = marks[p[i] & 0xFFFF];
      if (t == DictMatcher::kStarts) {  // may start an entry and matters to no check (match_at compares c itself)
        if (i >= dict_from) {
          if (const DictWord* w = dict.match_at(s, i)) {
            hits.push_back({i, w});
            dict_from = i + w->wrong32.size();
          }
        }
        continue;
      }
      const char32_t c = p[i];
      if ((t & DictMatcher::kStarts) != 0 && i >= dict_from) {
        if (const DictWord* w = dict.match_at(s, i)) {
          hits.push_back({i, w});
          dict_from = i + w->wrong32.size();
        }
      }
      const unsigned b = c < 0x10000 ? t & 0x7Fu : 0u;
      if (b == 0) continue;
      if (b == kDigitChar) {
        const bool start = i == 0 || !(is_ascii_digit(p[i - 1]) || p[i - 1] == '.');
        if (digit_words) {
          if (start) at[kAtNumbers].push_back(i);
          continue;
        }
        const std::size_t a = i;
        while (i + 1 < n && is_ascii_digit(p[i + 1])) ++i;  // the rest of the number: digits start nothing else
        // The date checks read a number only when 年 or 月 follows it.
        if (start && i + 1 < n && (p[i + 1] == U'年' || p[i + 1] == U'月')) at[kAtNumbers].push_back(a);
        // its other digits, each a place, follow: they start nothing (those in the next stretch
        // are read as numbers that do not start there)
        k += i - a;
        continue;
      }
      if ((b & kPairMark) != 0) at[kAtPairs].push_back(i);
      if ((b & kDoubleChar) != 0 && i + 1 < n && p[i + 1] == c) at[kAtDoubles].push_back(i);
      if ((b & kSentenceMark) != 0 && i + 1 < n && (bits(p[i + 1]) & kSentenceMark) != 0) at[kAtMarks].push_back(i);
      if ((b & kRangeChar) != 0 && i > 0 && i + 1 < n) at[kAtRanges].push_back(i);
      if ((b & kWordStart) != 0 && i + 1 < n && word_second(p[i + 1])) at[kAtWords].push_back(i);
    }
  }
}

// ---- balance.pair: unbalanced “” ‘’ 《》 （） 【】 〔〕 -------------------------------------------
/// 2k for the opening mark of kPairs[k], 2k + 1 for its closing mark, 12 for any other character.
constexpr unsigned pair_mark(char32_t c) {
  switch (c) {
    case U'“':
      return 0;
    case U'”':
      return 1;
    case U'‘':
      return 2;
    case U'’':
      return 3;
    case U'《':
      return 4;
    case U'》':
      return 5;
    case U'（':
      return 6;
    case U'）':
      return 7;
    case U'【':
      return 8;
    case U'】':
      return 9;
    case U'〔':
      return 10;
    case U'〕':
      return 11;
    default:
      return 12;
  }
}
constexpr bool pair_mark_follows_pairs() {
  for (unsigned k = 0; k < 6; ++k)
    if (pair_mark(kPairs[k][0]) != 2 * k || pair_mark(kPairs[k][1]) != 2 * k + 1) return false;
  return true;
}
static_assert(pair_mark_follows_pairs(), "pair_mark follows kPairs");
/// `places`: the paired marks of the block.
void balance(const RunBuffer& b, const Places& places, Places (&marks)[12], Linter& l) {
  constexpr unsigned kKinds = 6;
  const std::u32string& s = b.s;
  // All six kinds at once: each keeps its open marks and the closing marks that found none;
  // the findings are then written kind by kind (closing ones in order, then the opening ones
  // left), as a scan per kind would find them.
  if (places.empty()) return;
  Places* open = marks;
  Places* stray = marks + kKinds;
  unsigned seen = 0;
  for (const std::size_t i : places) {
    if (b.prot[i]) continue;
    const char32_t ch = s[i];
    const unsigned mark = pair_mark(ch);
    if (mark >= 2 * kKinds) continue;  // (the places hold paired marks only)
    const unsigned k = mark >> 1;
    if (ch == U'’' && i > 0 && i + 1 < s.size() && s[i + 1] < 0x80 && s[i - 1] < 0x80) continue;  // O’Brien
    if ((seen & (1u << k)) == 0) {  // the kind's first mark in this block
      open[k].clear();
      stray[k].clear();
      seen |= 1u << k;
    }
    if ((mark & 1) == 0)
      open[k].push_back(i);
    else if (open[k].empty())
      stray[k].push_back(i);
    else
      open[k].pop_back();
  }
  for (unsigned rest = seen; rest != 0; rest &= rest - 1) {  // the kinds seen, in order
    const unsigned k = static_cast<unsigned>(__builtin_ctz(rest));
    if (open[k].empty() && stray[k].empty()) continue;
    const std::string opening = text::to_utf8(std::u32string(1, kPairs[k][0]));
    const std::string closing = text::to_utf8(std::u32string(1, kPairs[k][1]));
    // “X”缺少与之配对的“Y” / unmatched closing (opening) mark
    auto message = [](const std::string& x, const std::string& y, const char* english) {
      std::string m = "“";
      m += x;
      m += "”缺少与之配对的“";
      m += y;
      m += "” / ";
      m += english;
      return m;
    };
    const std::string unmatched_close = message(closing, opening, "unmatched closing mark");
    for (std::size_t i : stray[k])
      l.add(kBalancePair, Severity::warning, b.pos_at(i), s.substr(i, 1), U"", unmatched_close);
    const std::string unmatched_open = message(opening, closing, "unmatched opening mark");
    for (std::size_t i : open[k])
      l.add(kBalancePair, Severity::warning, b.pos_at(i), s.substr(i, 1), U"", unmatched_open);
  }
}

// ---- char.double: 的的 了了 … (real doubles such as 谢谢 常常 人人 and AABB forms are fine) --
/// `places`: each i where s[i] == s[i + 1] is one of kDoubled.
void doubles(const RunBuffer& b, const Places& places, Linter& l) {
  const std::u32string& s = b.s;
  std::size_t from = 0;  // the second character of a finding starts none
  for (const std::size_t i : places) {
    if (i < from) continue;
    const bool aabb_after = i + 3 < s.size() && s[i + 2] == s[i + 3] && s[i + 2] != s[i];
    const bool aabb_before = i >= 2 && s[i - 2] == s[i - 1] && s[i - 1] != s[i];
    const bool triple = (i + 2 < s.size() && s[i + 2] == s[i]) || (i > 0 && s[i - 1] == s[i]);
    if (aabb_after || aabb_before || triple) continue;
    // 为了了解 / 认为为 … : a doubled 了 before 解 is 了解.
    if (s[i] == U'了' && i + 2 < s.size() && s[i + 2] == U'解') continue;
    l.add(kCharDouble, Severity::warning, b.pos_at(i), s.substr(i, 2), s.substr(i, 1),
          "疑似多打了一个“" + text::to_utf8(s.substr(i, 1)) + "” / a character typed twice?");
    from = i + 2;
  }
}

// ---- punct.repeat: ！！ ？？ and two different marks in a row (，。) ------------------------
/// `places`: each i where s[i] and s[i + 1] are both sentence marks (，。、；：？！).
void repeated_marks(const RunBuffer& b, const Places& places, Linter& l) {
  const std::u32string& s = b.s;
  std::size_t from = 0;  // the second mark of a finding starts none
  for (const std::size_t i : places) {
    if (i < from) continue;
    const char32_t x = s[i], y = s[i + 1];
    const bool emphatic = (x == U'？' || x == U'！') && (y == U'？' || y == U'！');
    if (emphatic && x != y) continue;  // ？！ is allowed
    l.add(kPunctRepeat, Severity::warning, b.pos_at(i), s.substr(i, 2), x == y ? s.substr(i, 1) : s.substr(i + 1, 1),
          "标点连用，请核对 / two punctuation marks in a row");
    from = i + 2;
  }
}

// ---- range.mark: 2020-2022年 → 2020—2022年; 10~20 / 10-20万 → 10～20 -------------------------
/// `places`: each range mark (- ~ － 〜) with a character on either side.
void ranges(const RunBuffer& b, const Places& places, Linter& l) {
  const std::u32string& s = b.s;
  for (const std::size_t i : places) {
    const char32_t m = s[i];
    if (b.prot[i] || !is_ascii_digit(s[i - 1]) || !is_ascii_digit(s[i + 1])) continue;
    std::size_t a = i;
    while (a > 0 && is_ascii_digit(s[a - 1])) --a;
    std::size_t z = i + 1;
    while (z < s.size() && is_ascii_digit(s[z])) ++z;
    // Part of a code (GB 3095-2012, HJ 2.2-2018, 0914-2312283): not a range.
    if (a > 0 && s[a - 1] < 0x80 && s[a - 1] != ' ') continue;
    if (a > 1 && s[a - 1] == ' ' && s[a - 2] < 0x80) continue;
    if ((i - a) == 4 && s[a] == '0') continue;
    const char32_t unit = z < s.size() ? s[z] : 0;
    const bool year_span = (i - a) == 4 && (z - i - 1) == 4 && (unit == U'年');
    const bool time_span = unit == U'年' || unit == U'月' || unit == U'日' || unit == U'时' || unit == U'点';
    if (year_span || (m == '-' && time_span)) {
      l.add(kRangeMark, Severity::warning, b.pos_at(i), s.substr(i, 1), U"—",
            "时间、地点的起止用一字线“—” / spans of time and place take —");
    } else if (is_han(unit) || unit == '%' || unit == U'％') {
      l.add(kRangeMark, Severity::warning, b.pos_at(i), s.substr(i, 1), U"～",
            "数值范围用浪纹线“～” / number ranges take ～");
    }
  }
}

// ---- dates: invalid day, leading zeros, abbreviated years, future or implausible years -----
/// The number written in s[a, z), saturating at kBig (a 30-digit "year" is simply too big).
constexpr int kBig = 100000000;
int read_int(std::u32string_view s, std::size_t a, std::size_t z) {
  int v = 0;
  for (std::size_t k = a; k < z; ++k) v = v >= kBig ? kBig : v * 10 + static_cast<int>(s[k] - '0');
  return v;
}

/// `places`: the start of each number (a digit after neither a digit nor '.'); those followed
/// by neither 年 nor 月 may be left out (they start no date). `now_y` and
/// `now_day` are the year and "YYYY-MM-DD" of now (0 and empty: no checks against now).
void dates(const RunBuffer& b, const Places& places, int now_y, std::string_view now_day, Linter& l) {
  const std::u32string& s = b.s;
  auto num_at = [&](std::size_t i, std::size_t& z) {
    z = i;
    while (z < s.size() && is_ascii_digit(s[z])) ++z;
    return z - i;
  };
  std::size_t from = 0;  // numbers inside a date already read start none
  for (const std::size_t i : places) {
    if (i < from) continue;
    std::size_t z = 0;
    const std::size_t n = num_at(i, z);
    if (z >= s.size()) break;
    const char32_t unit = s[z];
    int y = 0, m = 0, d = 0;
    std::size_t ys = npos, ms = npos, ds = npos, end = z;
    if (unit == U'年' && z + 1 < s.size() && is_ascii_digit(s[z + 1])) {
      ys = i;
      y = read_int(s, i, z);
      std::size_t mz = 0;
      const std::size_t mn = num_at(z + 1, mz);
      if (mz < s.size() && s[mz] == U'月' && mn <= 2) {
        ms = z + 1;
        m = read_int(s, z + 1, mz);
        end = mz;
        std::size_t dz = 0;
        const std::size_t dn = num_at(mz + 1, dz);
        if (dn > 0 && dn <= 2 && dz < s.size() && s[dz] == U'日') {
          ds = mz + 1;
          d = read_int(s, mz + 1, dz);
          end = dz;
        }
      }
      if (ms == npos) continue;
      if (n == 2) {
        l.add(kDateShortYear, Severity::warning, b.pos_at(i), s.substr(i, n + 1), U"",
              "年份应写全，如“2022年” / write the full year, e.g. 2022年");
      }
    } else if (unit == U'月' && n <= 2) {
      ms = i;
      m = read_int(s, i, z);
      std::size_t dz = 0;
      const std::size_t dn = num_at(z + 1, dz);
      if (dn == 0 || dn > 2 || dz >= s.size() || s[dz] != U'日') continue;
      ds = z + 1;
      d = read_int(s, z + 1, dz);
      end = dz;
    } else {
      continue;
    }
    const std::size_t stop = end + 1;
    for (std::size_t part : {ms, ds}) {
      if (part != npos && s[part] == '0' && part + 1 < s.size() && is_ascii_digit(s[part + 1])) {
        l.add(kDateLeadingZero, Severity::warning, b.pos_at(part), s.substr(part, 2), s.substr(part + 1, 1),
              "月、日不加前导零，如“8月” / no leading zero in months and days");
      }
    }
    if (m < 1 || m > 12 || (ds != npos && (d < 1 || d > days_in_month(ys != npos && n == 4 ? y : 0, m)))) {
      l.add(kDateInvalid, Severity::warning, b.pos_at(i), s.substr(i, stop - i), U"",
            "日期不存在，请核对 / this date does not exist");
    } else if (ys != npos && n == 4 && now_y > 0) {
      if (y > now_y + 10 || y < now_y - 100) {
        l.add(kDateImplausible, Severity::warning, b.pos_at(i), s.substr(i, stop - i), U"",
              "年份离现在太远，请核对 / a year far from now: check it");
      } else if (ds != npos) {
        // "YYYY-MM-DD" (y has four digits, m and d two at most: they were checked above).
        char day[10] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'};
        for (int k = 3, v = y; k >= 0; --k, v /= 10) day[k] = static_cast<char>('0' + v % 10);
        day[5] = static_cast<char>('0' + m / 10);
        day[6] = static_cast<char>('0' + m % 10);
        day[8] = static_cast<char>('0' + d / 10);
        day[9] = static_cast<char>('0' + d % 10);
        if (std::string_view(day, sizeof day) > now_day)
          l.add(kDateFuture, Severity::info, b.pos_at(i), s.substr(i, stop - i), U"",
                "日期晚于今天，请核对 / a date after today: check it");
      }
    }
    from = end + 1;
  }
}

// ---- time.relative: 今天 昨日 近日 … in dated news (a gentle note) ---------------------------
/// `at`: the places of the words' first characters (where a word's second character follows).
void relative_time(const RunBuffer& b, const Places& at, Linter& l) {
  constexpr unsigned kWords = sizeof kRelativeWords / sizeof kRelativeWords[0];
  static_assert(kWords <= 16, "one bit per word");
  if (at.empty()) return;
  const std::u32string& s = b.s;
  // Bit j: word j's first character stands somewhere (a table gives the words each first
  // character starts). Each word is then only compared where a first character stands (words
  // are looked for in list order, each left to right without overlaps, as a find loop per word
  // would).
  static const CharTable<std::uint16_t, 8> starts([](CharTable<std::uint16_t, 8>& t) {
    for (unsigned j = 0; j < kWords; ++j) t.mark(kRelativeWords[j][0], 1u << j);
  });
  std::uint32_t present = 0;
  for (const std::size_t i : at) present |= starts(s[i]);
  for (std::uint32_t rest = present; rest != 0; rest &= rest - 1) {  // the words present, in list order
    const unsigned j = static_cast<unsigned>(__builtin_ctz(rest));
    const std::u32string_view w = kRelativeWords[j];
    std::size_t free_from = 0;  // matches of one word do not overlap
    for (const std::size_t i : at) {
      if (i < free_from || s[i] != w[0] || s.compare(i, w.size(), w) != 0) continue;
      free_from = i + w.size();
      if (w == U"今日" && i + 2 < s.size() && s[i + 2] == U'头') continue;  // 今日头条
      if (w == U"日前" && i > 0 && (is_ascii_digit(s[i - 1]) || s[i - 1] == U'十' || s[i - 1] == U'一'))
        continue;  // 20日前报送
      l.add(kTimeRelative, Severity::info, b.pos_at(i), w, U"",
            "新闻中的相对时间词（“" + text::to_utf8(w) +
                "”）建议改为具体日期 / a relative time word: consider the exact date");
    }
  }
}

const DictMatcher& default_matcher() {
  static const DictMatcher m = DictMatcher::build(default_profile(), scan_marks());
  return m;
}

// ---- dict.term: the house dictionary (规范表述) -----------------------------------------------
void dictionary(const RunBuffer& b, const std::vector<DictMatcher::Hit>& hits, Linter& l) {
  for (const auto& h : hits) {
    l.add(kDictTerm, Severity::warning, b.pos_at(h.start), b.s.substr(h.start, h.entry->wrong32.size()),
          h.entry->right32,
          "规范表述：“" + h.entry->wrong + "”应为“" + h.entry->right + "”" +
              (h.entry->note.empty() ? std::string() : "（" + h.entry->note + "）") +
              " / standard form: " + h.entry->right);
  }
}

// ---- heading.sequence: GB/T 9704 numbers in order, no level skipped -------------------------
int cn_number(std::u32string_view s, std::size_t& i) {
  static const std::u32string digits = U"〇一二三四五六七八九";
  int v = 0;
  bool any = false;
  while (i < s.size()) {
    if (s[i] == U'十') {
      v = v >= kBig ? kBig : (v == 0 ? 1 : v) * 10;  // saturate: far beyond any heading number
      any = true;
    } else if (digits.find(s[i]) != npos) {
      const int dgt = static_cast<int>(digits.find(s[i]));
      if (v >= kBig)
        v = kBig;
      else
        v = (v >= 10 && v % 10 == 0) ? v + dgt : v * 10 + dgt;
      any = true;
    } else {
      break;
    }
    ++i;
  }
  return any ? v : -1;
}

/// A character of a heading number (heading_number reads them from the start and looks at
/// one more character only).
bool number_char(char32_t c) {
  return is_ascii_digit(c) || c == U'十' || std::u32string_view(U"〇一二三四五六七八九").find(c) != npos;
}
constexpr std::size_t kHeadingLook = 4;  ///< heading characters decoded first (4 or more: a finding shows 4)

/// The GB/T 9704 level (2..5) and number of a heading's text, or level 0.
std::pair<int, int> heading_number(std::u32string_view s) {
  std::size_t i = 0;
  if (s.empty()) return {0, 0};
  if (s[0] == U'（' || s[0] == '(') {
    i = 1;
    if (i < s.size() && is_ascii_digit(s[i])) {
      std::size_t z = i;
      while (z < s.size() && is_ascii_digit(s[z])) ++z;
      if (z < s.size() && (s[z] == U'）' || s[z] == ')')) return {5, read_int(s, i, z)};
      return {0, 0};
    }
    const int v = cn_number(s, i);
    if (v > 0 && i < s.size() && (s[i] == U'）' || s[i] == ')')) return {3, v};
    return {0, 0};
  }
  if (is_ascii_digit(s[0])) {
    std::size_t z = 0;
    while (z < s.size() && is_ascii_digit(s[z])) ++z;
    if (z < s.size() && (s[z] == '.' || s[z] == U'．' || s[z] == U'、')) return {4, read_int(s, 0, z)};
    return {0, 0};
  }
  const int v = cn_number(s, i);
  if (v > 0 && i < s.size() && s[i] == U'、') return {2, v};
  return {0, 0};
}

}  // namespace

void lint_scan(const std::u32string& s, const DictMatcher& dict, std::vector<std::size_t> (&at)[kLintPlaceLists],
               std::vector<DictMatcher::Hit>& hits) {
  scan(s, dict, at, hits);
}

const std::vector<FixRule>& lint_rules() {
  static const std::vector<FixRule> r = {
      {"balance.pair", true, "成对标点不配对 / unbalanced paired punctuation"},
      {"char.double", true, "疑似重复的字 / a character typed twice"},
      {"punct.repeat", true, "标点连用 / two punctuation marks in a row"},
      {"range.mark", true, "起止号用法 / range marks"},
      {"date.invalid", true, "日期不存在 / a date that does not exist"},
      {"date.future", true, "日期晚于今天 / a date in the future"},
      {"date.implausible", true, "年份离现在太远 / a year far from now"},
      {"date.leading-zero", true, "月、日前导零 / leading zeros in dates"},
      {"date.short-year", true, "年份缩写 / abbreviated years"},
      {"heading.sequence", true, "标题序号不连续或层级跳跃 / heading numbers out of sequence"},
      {"time.relative", true, "相对时间词 / relative time words"},
      {"meta.missing-title", true, "缺少标题 / no title"},
      {"meta.missing-date", true, "缺少发布日期 / no publish date"},
      {"dict.term", true, "规范表述 / house dictionary"},
  };
  return r;
}

DictMatcher lint_matcher(const Profile& profile) {
  return DictMatcher::build(profile, scan_marks());
}

LintPass::LintPass(const Meta& meta, const Profile& profile, std::string_view now, std::vector<Diagnostic>& diagnostics,
                   const DictMatcher* matcher)
    : out_(diagnostics), matcher_(matcher) {
  if (now.size() >= 10) {
    now_year_ = std::atoi(std::string(now.substr(0, 4)).c_str());
    now_day_ = std::string(now.substr(0, 10));
  }
  // The rule switches (a look-up by name each): the default profile's are worked out once.
  auto switches = [](const Profile& p) {
    std::uint32_t on = 0;
    for (unsigned r = 0; r < kRuleCount; ++r)
      if (rule_enabled(p, lint_rules()[r].id)) on |= std::uint32_t{1} << r;
    return on;
  };
  if (&profile == &default_profile()) {
    static const std::uint32_t kDefaultOn = switches(default_profile());
    on_ = kDefaultOn;
  } else {
    on_ = switches(profile);
  }
  Linter l{on_, out_};
  if (!meta.title.set() || text::trim(meta.title.value).empty())
    l.add(
        kMetaMissingTitle, Severity::warning, {}, U"", U"",
        "缺少标题：请在第一行写标题，或填写“标题”栏 / no title: write it on the first line or fill in the title field");
  if (!meta.date.set())
    l.add(kMetaMissingDate, Severity::warning, {}, U"", U"",
          "缺少发布日期：政府网站文章须注明日期 / no publish date: a government article must carry one");
  // The default profile never changes: its matcher is built once. Another profile's comes with
  // it (prepared once, prepared.h) or is built for this pass.
  if (matcher_ != nullptr) return;
  if (&profile == &default_profile()) {
    matcher_ = &default_matcher();
  } else {
    own_ = lint_matcher(profile);
    matcher_ = &own_;
  }
}

void LintPass::block(const RunBuffer& b) {
  Linter l{on_, out_};
  std::vector<DictMatcher::Hit> hits;
  scan(b.s, *matcher_, at_, hits);
  balance(b, at_[kAtPairs], marks_, l);
  doubles(b, at_[kAtDoubles], l);
  repeated_marks(b, at_[kAtMarks], l);
  ranges(b, at_[kAtRanges], l);
  dates(b, at_[kAtNumbers], now_year_, now_day_, l);
  relative_time(b, at_[kAtWords], l);
  dictionary(b, hits, l);
  if (b.block != nullptr && b.depth == 0 && b.block->kind == BlockKind::heading) check_heading(b);
}

void LintPass::check_heading(const RunBuffer& b) {
  // The text of the heading's own text runs (not those inside emphasis or a link), as the runs
  // now hold it: each run's characters stand in the buffer at its span.
  const std::vector<Inline>& own = b.block->inlines;
  const Inline* const first = own.data();
  const Inline* const end = first + own.size();
  const std::less<const Inline*> before;
  std::u32string_view s;
  std::size_t runs = 0;
  for (std::size_t r = 0; r < b.runs.size(); ++r) {
    if (before(b.runs[r], first) || !before(b.runs[r], end)) continue;
    const std::u32string_view t(b.s.data() + b.spans[r].start, b.spans[r].end - b.spans[r].start);
    if (runs++ == 0) {
      s = t;
      continue;
    }
    if (runs == 2) joined_.assign(s);
    joined_ += t;
    s = joined_;
  }
  // The number and the finding's text stand in the first characters (all of them are read when
  // a number may run on past them).
  std::u32string_view look = s.substr(0, std::min(s.size(), kHeadingLook));
  if (s.size() > kHeadingLook && number_char(look.back())) look = s;
  const std::pair<int, int> read = heading_number(look);
  const int level = read.first;
  const int number = read.second;
  if (level == 0) return;
  // Per level, the next number expected; a level may not be skipped.
  int* const last = heading_last_;
  const auto found = [&](HeadingFinding::Kind kind) {
    HeadingFinding f{
        b.block->pos, kind, static_cast<std::uint8_t>(std::min<std::size_t>(look.size(), 4)), last[level] + 1, {}};
    std::copy_n(look.data(), f.head_size, f.head);
    heading_findings_.push_back(f);
  };
  if (level > heading_deepest_ + 1) found(HeadingFinding::skipped);
  if (number != last[level] + 1)
    found(number == last[level] ? HeadingFinding::repeated : HeadingFinding::out_of_sequence);
  last[level] = number;
  for (int k = level + 1; k < 7; ++k) last[k] = 0;
  heading_deepest_ = level;
}

void lint(const Document& document, const Meta& meta, const Profile& profile, std::string_view now,
          std::vector<Diagnostic>& diagnostics) {
  LintPass pass(meta, profile, now, diagnostics);
  // The lint pass reads the document; the buffers only point into it.
  for_each_block_text(
      const_cast<Document&>(document), [&](RunBuffer& b) { pass.block(b); }, false);
  pass.finish(meta);
}

void LintPass::finish(const Meta& meta) {
  Linter l{on_, out_};
  if (meta.title.set()) {
    std::vector<Inline> runs(1);
    runs[0].text = meta.title.value;
    runs[0].pos = meta.title.pos;
    RunBuffer b = make_buffer(runs, false);
    std::vector<DictMatcher::Hit> hits;
    scan(b.s, *matcher_, at_, hits);
    balance(b, at_[kAtPairs], marks_, l);
    doubles(b, at_[kAtDoubles], l);
    dictionary(b, hits, l);
  }

  // The heading sequence's findings, in the order the headings came.
  for (const HeadingFinding& f : heading_findings_) {
    const std::u32string_view head(f.head, f.head_size);
    if (f.kind == HeadingFinding::skipped)
      l.add(kHeadingSequence, Severity::warning, f.pos, head, U"",
            "标题层级跳跃（缺少上一级标题） / a heading level was skipped");
    else
      l.add(kHeadingSequence, Severity::warning, f.pos, head, U"",
            f.kind == HeadingFinding::repeated
                ? "标题序号重复 / a repeated heading number"
                : "标题序号不连续，应为第 " + std::to_string(f.expected) + " 个 / a heading number out of sequence");
  }
  std::vector<HeadingFinding>().swap(heading_findings_);
  std::fill(std::begin(heading_last_), std::end(heading_last_), 0);
  heading_deepest_ = 1;
}

}  // namespace paiban
