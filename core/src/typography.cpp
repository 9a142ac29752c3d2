// The fix rules of SPEC §3. Each rule looks at one block's text (all its runs flattened, see
// textrun.h) and proposes changes; the engine applies them, records an Edit for each, and
// skips the ones the editor rejected. Adding a rule: write the function, add one row to
// kFixRules, add before/after pairs to tests/unit/test_typography.cpp.
#include "typography.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <deque>
#include <iterator>

#include "chartable.h"
#include "text.h"
#include "textrun.h"
#include "triggers.h"

namespace paiban {

namespace {

using text::is_cjk_punct;
using text::is_han;
using text::is_space;

using Change = RunBuffer::Change;
using trig::ellipsis_char;
using trig::Places;
using trig::Scan;
using trig::t_always;
using trig::t_dash;
using trig::t_double;
using trig::t_ellipsis;
using trig::t_mark;
using trig::t_nian;
using trig::t_quote;
using trig::t_space;
using trig::t_width;
using trig::triggers;

/// Buffers the rules and the engine reuse from block to block (most blocks are short: their
/// allocations, not their characters, were the cost).
struct Scratch {
  std::vector<std::pair<std::size_t, char32_t>> to;
  std::vector<Change> changes;
  std::vector<std::size_t> open;                           ///< punct.fullwidth's open parentheses
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  ///< punct.fullwidth's pairs
  std::vector<RunBuffer::Span> changed;  ///< where a change may have moved a block's links (for the rebase)
  RunBuffer next;
  Scan scan;  ///< the places of the buffer as it is now (see triggers())
};

struct Ctx {
  const RunBuffer& b;
  const Profile& profile;
  bool chinese;  ///< the block has Han characters: Chinese punctuation rules apply
  bool half_width;
  Scratch& scratch;
  const Places& at;  ///< the places of b.s (as it is now) some rules look at

  /// An empty list of single-character replacements (place, character; see group()).
  std::vector<std::pair<std::size_t, char32_t>>& to() const {
    scratch.to.clear();
    return scratch.to;
  }
};

using RuleFn = void (*)(const Ctx&, std::vector<Change>&);

constexpr std::size_t npos = std::u32string::npos;

using text::is_ascii_alnum;
using text::is_ascii_digit;
using text::is_ascii_letter;
bool is_cjk(char32_t c) {
  return is_han(c) || (is_cjk_punct(c) && c != 0x3000);
}
bool is_open_punct(char32_t c) {
  return c == U'“' || c == U'‘' || c == U'（' || c == U'《' || c == U'【' || c == U'〔' || c == U'〈' || c == U'「' ||
         c == U'『';
}
bool is_close_punct(char32_t c) {
  return c == U'”' || c == U'’' || c == U'）' || c == U'》' || c == U'】' || c == U'〕' || c == U'〉' || c == U'」' ||
         c == U'』';
}

std::size_t prev_ns(const std::u32string& s, std::size_t i) {
  while (i > 0) {
    --i;
    if (!is_space(s[i])) return i;
  }
  return npos;
}

std::size_t next_ns(const std::u32string& s, std::size_t i) {
  for (++i; i < s.size(); ++i)
    if (!is_space(s[i])) return i;
  return npos;
}

char32_t at(const std::u32string& s, std::size_t i) {
  return i == npos || i >= s.size() ? 0 : s[i];
}

/// Sorts single-character replacements by place (of two at one place the later wins) and
/// groups neighbouring ones into one change.
void group(std::vector<std::pair<std::size_t, char32_t>>& to, std::vector<Change>& out) {
  auto by_place = [](const auto& x, const auto& y) { return x.first < y.first; };
  if (!std::is_sorted(to.begin(), to.end(), by_place)) std::stable_sort(to.begin(), to.end(), by_place);
  for (std::size_t k = 0; k < to.size();) {
    Change c;
    c.start = to[k].first;
    std::size_t end = c.start;  // one past the change's last place
    for (; k < to.size() && to[k].first <= end; ++k) {
      if (to[k].first < end) {
        c.rep.back() = to[k].second;  // the same place again
        continue;
      }
      c.rep += to[k].second;
      ++end;
    }
    c.len = end - c.start;
    out.push_back(std::move(c));
  }
}

// ---- width.alnum: ＰＭ２．５ → PM2.5, ２０２２ → 2022, ８５％ → 85% --------------------------
void rule_width(const Ctx& c, std::vector<Change>& out) {
  const std::u32string& s = c.b.s;
  std::vector<std::pair<std::size_t, char32_t>>& to = c.to();
  auto mark = [&](std::size_t i, char32_t v) { to.emplace_back(i, v); };
  auto digitish = [&](std::size_t k) {
    char32_t d = at(s, k);
    return is_ascii_digit(d) || (d >= 0xFF10 && d <= 0xFF19);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t ch = s[i];
    if (ch < 0xFF05 || ch > 0xFF5A || c.b.prot[i]) continue;  // every candidate lies in U+FF05–U+FF5A
    if ((ch >= 0xFF10 && ch <= 0xFF19) || (ch >= 0xFF21 && ch <= 0xFF3A) || (ch >= 0xFF41 && ch <= 0xFF5A))
      mark(i, ch - 0xFEE0);
    else if (ch == 0xFF0E && i > 0 && digitish(i - 1) && digitish(i + 1))
      mark(i, '.');
    else if (ch == 0xFF05 && i > 0 && digitish(i - 1))
      mark(i, '%');
  }
  if (!to.empty()) group(to, out);
}

// ---- number.zero: 二0二二年 / 二O二二年 / 二○二二年 → 二〇二二年 ------------------------------
bool cn_digit(char32_t c) {
  return text::chinese_digit(c) >= 0;
}
bool zero_like(char32_t c) {
  return c == '0' || c == 'O' || c == 'o' || c == 0xFF10 || c == 0xFF2F || c == 0xFF4F || c == 0x25CB || c == 0x25EF ||
         c == 0x039F;
}

void rule_zero(const Ctx& c, std::vector<Change>& out) {
  const std::u32string& s = c.b.s;
  // Each 年 four places on from i (a match's characters are not looked at again).
  std::size_t from = 0;
  for (const std::size_t y : c.at.nian) {
    if (y < 4 || y - 4 < from) continue;
    const std::size_t i = y - 4;
    if (i > 0 && (cn_digit(s[i - 1]) || zero_like(s[i - 1]) || is_ascii_alnum(s[i - 1]))) continue;
    bool has_cn = false, has_zero = false, ok = true;
    for (std::size_t k = i; k < i + 4; ++k) {
      if (c.b.prot[k]) ok = false;
      if (zero_like(s[k]))
        has_zero = true;
      else if (cn_digit(s[k]))
        has_cn = true;
      else
        ok = false;
    }
    if (!ok || !has_cn || !has_zero) continue;
    for (std::size_t k = i; k < i + 4; ++k)
      if (zero_like(s[k])) out.push_back({k, 1, U"〇"});
    from = i + 5;
  }
}

/// Calls fn(i, j) for each stretch [i, j) of unprotected `member` characters in the runs of
/// them that start at `starts` (a protected character splits a run), left to right.
template <typename Member, typename Fn>
void for_each_noted_run(const Ctx& c, const std::vector<std::size_t>& starts, Member member, Fn fn) {
  const std::u32string& s = c.b.s;
  for (const std::size_t start : starts) {
    for (std::size_t i = start; i < s.size() && member(s[i]);) {
      if (c.b.prot[i]) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && member(s[j]) && !c.b.prot[j]) ++j;
      fn(i, j);
      i = j;
    }
  }
}

// ---- punct.ellipsis: ... ...... 。。。 … → …… ----------------------------------------------
void rule_ellipsis(const Ctx& c, std::vector<Change>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  // Only the noted runs of marks (a lone . 。 or ． changes nothing).
  for_each_noted_run(c, c.at.dots, ellipsis_char, [&](std::size_t i, std::size_t j) {
    const std::size_t n = j - i;
    bool dots = true;
    bool only_ellipsis = true;
    for (std::size_t k = i; k < j; ++k) {
      dots = dots && s[k] != U'…';
      only_ellipsis = only_ellipsis && s[k] == U'…';
    }
    if (only_ellipsis) {
      if (n != 2) out.push_back({i, n, U"……"});
    } else if (dots && n >= 3) {
      // Not a number or a version (1...5 stays as it is).
      if (!(i > 0 && is_ascii_digit(s[i - 1]) && is_ascii_digit(at(s, j)))) out.push_back({i, n, U"……"});
    } else if (!dots) {
      out.push_back({i, n, U"……"});
    }
  });
}

// ---- punct.dash: -- and a lone — in Chinese context → —— -----------------------------------
void rule_dash(const Ctx& c, std::vector<Change>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t ch = s[i];
    const bool hy = ch == '-' || ch == 0xFF0D;
    if (c.b.prot[i] || (!hy && ch != U'—')) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] == ch && !c.b.prot[j]) ++j;
    const std::size_t n = j - i;
    const char32_t before = at(s, prev_ns(s, i));
    const char32_t after = at(s, next_ns(s, j - 1));
    const bool cjk_side = is_cjk(before) || is_cjk(after);
    if (hy && (n == 2 || n == 3) && cjk_side) out.push_back({i, n, U"——"});
    // A lone — between digits is a range mark (2020—2022年): keep it.
    if (!hy && n == 1 && cjk_side && !(is_ascii_digit(before) && is_ascii_digit(after))) out.push_back({i, n, U"——"});
    i = j;
  }
}

// ---- quote.pair: straight " and ' → “” ‘’ by nesting, across hard-wrapped lines -------------
void rule_quotes(const Ctx& c, std::vector<Change>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  std::vector<char> stack;  // 'D' double, 'S' single
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t ch = s[i];
    if (c.b.prot[i]) continue;
    if (ch == U'“') {
      stack.push_back('D');
    } else if (ch == U'”') {
      if (!stack.empty() && stack.back() == 'D') stack.pop_back();
    } else if (ch == U'‘') {
      stack.push_back('S');
    } else if (ch == U'’') {
      if (!stack.empty() && stack.back() == 'S') stack.pop_back();
    } else if (ch == '"') {
      if (!stack.empty() && stack.back() == 'D') {
        out.push_back({i, 1, U"”"});
        stack.pop_back();
      } else {
        if (i > 0 && is_ascii_digit(s[i - 1])) continue;  // 5'30" (minutes, seconds)
        out.push_back({i, 1, U"“"});
        stack.push_back('D');
      }
    } else if (ch == '\'') {
      if (i > 0 && is_ascii_letter(s[i - 1]) && is_ascii_letter(at(s, i + 1))) continue;  // don't
      if (!stack.empty() && stack.back() == 'S') {
        out.push_back({i, 1, U"’"});
        stack.pop_back();
      } else {
        if (i > 0 && is_ascii_digit(s[i - 1])) continue;
        out.push_back({i, 1, U"‘"});
        stack.push_back('S');
      }
    }
  }
}

// ---- punct.fullwidth: , . : ; ? ! ( ) in Chinese context → ，。：；？！（） ----------------------
char32_t full_form(char32_t c) {
  switch (c) {
    case ',':
      return U'，';
    case ':':
      return U'：';
    case ';':
      return U'；';
    case '?':
      return U'？';
    case '!':
      return U'！';
    case '(':
      return U'（';
    case ')':
      return U'）';
    default:
      return 0;
  }
}

/// True when s[p] ends a number (87.2% or 1,280) that follows Chinese text: a mark after it is
/// in Chinese context.
bool after_chinese_number(const std::u32string& s, std::size_t p) {
  if (p == npos || !(is_ascii_digit(s[p]) || s[p] == '%')) return false;
  std::size_t k = p;
  while (k > 0 && (is_ascii_digit(s[k - 1]) || s[k - 1] == '.' || s[k - 1] == '%' || s[k - 1] == ',' ||
                   s[k - 1] == '-' || s[k - 1] == ':' || s[k - 1] == '/'))
    --k;
  return k > 0 && (is_han(s[k - 1]) || is_cjk_punct(s[k - 1]));
}

/// True when s[p] ends a bare number that starts the text or a sentence (2.加快… after 。):
/// the dot after it is a list number's, not a full stop.
bool numbering_dot(const std::u32string& s, std::size_t p) {
  std::size_t k = p + 1;
  while (k > 0 && is_ascii_digit(s[k - 1])) --k;
  if (k == p + 1) return false;
  if (k == 0) return true;
  std::size_t q = k;
  while (q > 0 && is_space(s[q - 1])) --q;
  if (q == 0) return true;
  const char32_t c = s[q - 1];
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'：';
}

bool is_abbreviation(const std::u32string& word) {
  static const std::u32string list[] = {U"Ltd", U"Co",  U"Inc", U"Corp", U"etc", U"No",  U"Dr",   U"Mr",
                                        U"Mrs", U"Ms",  U"St",  U"vs",   U"Jr",  U"Sr",  U"Prof", U"e.g",
                                        U"i.e", U"al",  U"Fig", U"Vol",  U"pp",  U"ed",  U"Jan",  U"Feb",
                                        U"Mar", U"Apr", U"Aug", U"Sept", U"Sep", U"Oct", U"Nov",  U"Dec"};
  for (const std::u32string& a : list)
    if (word == a) return true;
  return false;
}

/// True when s[p] ends a Latin word, a file name, a unit or an address (意见稿.pdf, 0.04mg/L,
/// office@example.gov.cn) that follows Chinese text and is not an abbreviation (Ltd. Co.).
bool after_chinese_latin(const RunBuffer& b, std::size_t p) {
  const std::u32string& s = b.s;
  if (p == npos || !(is_ascii_letter(s[p]) || b.prot[p])) return false;
  std::size_t w = p + 1;
  while (w > 0 && is_ascii_letter(s[w - 1])) --w;
  if (is_abbreviation(s.substr(w, p + 1 - w))) return false;
  std::size_t k = p + 1;
  while (k > 0 && (is_ascii_alnum(s[k - 1]) || s[k - 1] == '.' || s[k - 1] == '/' || s[k - 1] == '@' ||
                   s[k - 1] == '_' || s[k - 1] == '-' || s[k - 1] == '%' || b.prot[k - 1]))
    --k;
  return k > 0 && (is_han(s[k - 1]) || is_cjk_punct(s[k - 1]));
}

void rule_fullwidth(const Ctx& c, std::vector<Change>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  // One scan: parentheses are collected in pairs (converted below, a pair whose content has
  // Han characters or that stands next to Chinese text), the other candidates decided on the
  // spot.
  std::vector<std::pair<std::size_t, char32_t>>& to = c.to();
  auto mark = [&](std::size_t i, char32_t v) { to.emplace_back(i, v); };
  // kept from block to block (most blocks have parentheses: a vector each per call was the cost)
  std::vector<std::size_t>& open = c.scratch.open;
  std::vector<std::pair<std::size_t, std::size_t>>& pairs = c.scratch.pairs;
  open.clear();
  pairs.clear();
  // only parentheses, '.' and marks with a full-width form (all ASCII) are candidates: the
  // scan noted where they stand
  for (const std::size_t i : c.at.marks) {
    const char32_t ch = s[i];
    if (c.b.prot[i]) continue;
    if (ch == '(' || ch == U'（') {
      open.push_back(i);
      continue;
    }
    if (ch == ')' || ch == U'）') {
      if (!open.empty()) {
        pairs.emplace_back(open.back(), i);
        open.pop_back();
      }
      continue;
    }
    if (ch != '.' && (c.half_width || full_form(ch) == 0)) continue;
    const std::size_t p = prev_ns(s, i);
    const std::size_t n = next_ns(s, i);
    const char32_t pc = at(s, p);
    const char32_t nc = at(s, n);
    if (ch == '.') {
      if (i + 1 < s.size() && (s[i + 1] == '.' || is_ascii_alnum(s[i + 1]))) continue;
      if (i > 0 && s[i - 1] == '.') continue;
      // What stands before: Han, closing punctuation, or a number, file name or address
      // that follows Han text (not an abbreviation such as Ltd.).
      const bool chinese_before = is_han(pc) || is_close_punct(pc) ||
                                  (after_chinese_number(s, p) && !numbering_dot(s, p)) || after_chinese_latin(c.b, p);
      const bool end_after = n == npos || is_han(nc) || is_open_punct(nc) || is_close_punct(nc);
      if (chinese_before && end_after) mark(i, U'。');
      continue;
    }
    const char32_t f = full_form(ch);
    if (is_ascii_alnum(pc) && is_ascii_alnum(nc) && p + 1 == i && n == i + 1) continue;  // 1,000  10:30  a:b
    if (ch == ':' && nc == '/') continue;
    if (is_cjk(pc) || is_han(nc) || (is_open_punct(nc) && ch != ':') || after_chinese_number(s, p)) mark(i, f);
  }
  if (!c.half_width) {
    for (auto [o, cl] : pairs) {
      if (s[o] != '(' && s[cl] != ')') continue;  // both full width already
      bool han_inside = false;
      for (std::size_t k = o + 1; k < cl; ++k) han_inside = han_inside || is_han(s[k]);
      const bool beside = is_cjk(at(s, prev_ns(s, o))) || is_cjk(at(s, next_ns(s, cl)));
      if (!han_inside && !beside) continue;
      if (s[o] == '(') mark(o, U'（');
      if (s[cl] == ')') mark(cl, U'）');
    }
  }
  if (!to.empty()) group(to, out);
}

// ---- punct.double: ，， 。。 、、 ；； ：： → one --------------------------------------------
void rule_double(const Ctx& c, std::vector<Change>& out) {
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const char32_t ch = s[i];
    if (ch != U'，' && ch != U'。' && ch != U'、' && ch != U'；' && ch != U'：') continue;
    if (s[i + 1] != ch || c.b.prot[i] || c.b.prot[i + 1]) continue;
    std::size_t j = i;
    while (j < s.size() && s[j] == ch) ++j;
    if (ch == U'。' && j - i >= 3) {  // an ellipsis typed as 。。。 is the ellipsis rule's
      i = j - 1;
      continue;
    }
    out.push_back({i, j - i, std::u32string(1, ch)});
    i = j - 1;
  }
}

// ---- space.cjk and space.cjk-latin: spaces between Chinese characters, around full-width
// punctuation, and (house style) between Chinese and Latin letters or digits -------------------
void spaces(const Ctx& c, std::vector<Change>& out, bool latin) {
  const std::u32string& s = c.b.s;
  // Only the noted runs of spaces.
  for_each_noted_run(c, c.at.spaces, is_space, [&](std::size_t i, std::size_t j) {
    const char32_t a = i > 0 ? s[i - 1] : 0;
    const char32_t z = at(s, j);
    if (a == 0 || z == 0) return;
    const bool cjk_pair = (is_cjk(a) && is_cjk(z)) || is_cjk_punct(a) || is_cjk_punct(z);
    // A URL or e-mail next to Chinese text counts as Latin.
    const bool za = is_ascii_alnum(z) || c.b.prot[j];
    const bool aa = is_ascii_alnum(a) || c.b.prot[i - 1];
    const bool mixed = (is_han(a) && za) || (aa && is_han(z));
    if (!latin && cjk_pair && !(a == U'·' || z == U'·')) out.push_back({i, j - i, U""});
    if (latin && !cjk_pair && mixed) out.push_back({i, j - i, U""});
  });
}
void rule_space_cjk(const Ctx& c, std::vector<Change>& out) {
  spaces(c, out, false);
}
void rule_space_latin(const Ctx& c, std::vector<Change>& out) {
  spaces(c, out, true);
}

// ---- space.cjk-latin-insert (off by default): 212个 → 212 个, for sites that want it ----------
void rule_space_insert(const Ctx& c, std::vector<Change>& out) {
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (c.b.prot[i] || c.b.prot[i + 1]) continue;
    const bool mixed = (is_han(s[i]) && is_ascii_alnum(s[i + 1])) || (is_ascii_alnum(s[i]) && is_han(s[i + 1]));
    if (mixed) out.push_back({i + 1, 0, U" "});
  }
}

// ---- triggers: a rule can only change a block that holds one of its trigger characters -------
// (the classes and the scan's steps are in triggers.h)

struct RuleRow {
  FixRule info;
  RuleFn fn;
  unsigned trigger;  ///< any of these present in the block, or the rule finds nothing (0: no gate)
};

const std::vector<RuleRow>& rows() {
  static const std::vector<RuleRow> r = {
      {{"width.alnum", true, "全角字母数字改为半角 / full-width letters and digits to half width"},
       rule_width,
       t_width},
      {{"number.zero", true, "年份中的“0”“O”改为“〇” / 0 or O in a Chinese year to 〇"}, rule_zero, t_nian},
      {{"punct.ellipsis", true, "省略号应为“……” / the ellipsis is ……"}, rule_ellipsis, t_ellipsis},
      {{"punct.dash", true, "破折号应为“——” / the dash is ——"}, rule_dash, t_dash},
      {{"quote.pair", true, "直引号改为中文引号 / straight quotes to Chinese quotes"}, rule_quotes, t_quote},
      {{"punct.fullwidth", true, "中文语境使用全角标点 / full-width punctuation in Chinese text"},
       rule_fullwidth,
       t_mark},
      {{"punct.double", true, "重复的标点只保留一个 / a doubled punctuation mark kept once"}, rule_double, t_double},
      {{"space.cjk", true, "删除汉字、全角标点之间的空格 / no space between Chinese characters and punctuation"},
       rule_space_cjk,
       t_space},
      {{"space.cjk-latin", true,
        "删除汉字与字母、数字之间的空格（本站体例） / no space between Chinese and Latin or digits (house style)"},
       rule_space_latin,
       t_space},
      {{"space.cjk-latin-insert", false, "汉字与字母、数字之间加空格 / a space between Chinese and Latin or digits"},
       rule_space_insert,
       t_always},
  };
  return r;
}

/// For each set of triggers present (8 bits), the rows that may find something: bit k for row
/// k when the row has no gate or one of its triggers is present.
const std::uint32_t* gated_rows() {
  struct Table {
    std::uint32_t rows[256] = {};
  };
  static const Table t = [] {
    Table x;
    const std::vector<RuleRow>& all = rows();
    for (unsigned present = 0; present < 256; ++present)
      for (std::size_t k = 0; k < all.size() && k < 32; ++k)
        if (all[k].trigger == t_always || (all[k].trigger & present) != 0) x.rows[present] |= std::uint32_t{1} << k;
    return x;
  }();
  return t.rows;
}

}  // namespace

const std::vector<FixRule>& fix_rules() {
  static const std::vector<FixRule> r = [] {
    std::vector<FixRule> v;
    for (const RuleRow& row : rows()) v.push_back(row.info);
    return v;
  }();
  return r;
}

bool rule_enabled(const Profile& profile, std::string_view rule) {
  auto it = profile.rules.find(std::string(rule));
  if (it != profile.rules.end()) return it->second;
  for (const FixRule& r : fix_rules())
    if (rule == r.id) return r.on_by_default;
  for (const FixRule& r : lint_rules())
    if (rule == r.id) return r.on_by_default;
  return true;
}

char* write_fix_place(char* out, Pos pos) {
  // int is at most 11 characters each side: kFixPlaceMax holds both and the colon
  char* p = std::to_chars(out, out + 11, pos.line).ptr;
  *p++ = ':';
  return std::to_chars(p, p + 11, pos.col).ptr;
}

std::string fix_id(std::string_view rule, Pos pos) {
  // Written into one string sized once (an id per finding: thousands per megabyte of notes).
  char place[kFixPlaceMax];
  const char* end = write_fix_place(place, pos);
  std::string id;
  id.reserve(rule.size() + 1 + static_cast<std::size_t>(end - place));
  id.append(rule);
  id += '@';
  id.append(place, static_cast<std::size_t>(end - place));
  return id;
}

namespace {

/// The rows of rows() that run under this profile, as bits: bit k for row k (rows() has fewer
/// than 32).
std::uint32_t rows_mask(const Profile& profile) {
  const bool insert = rule_enabled(profile, "space.cjk-latin-insert");
  const std::vector<RuleRow>& all = rows();
  std::uint32_t on = 0;
  for (std::size_t k = 0; k < all.size() && k < 32; ++k)
    if (rule_enabled(profile, all[k].info.id) && !(all[k].fn == rule_space_latin && insert))
      on |= std::uint32_t{1} << k;
  return on;
}
/// rows_mask, worked out once per process for the default profile (it never changes).
std::uint32_t active_mask(const Profile& profile) {
  if (&profile == &default_profile()) {
    static const std::uint32_t kDefault = rows_mask(default_profile());
    return kDefault;
  }
  return rows_mask(profile);
}

/// text::to_utf8 for the few characters of a change: encoded on the stack, then made into the
/// string in one go (the generic path counts, sizes and fills the string first).
std::string short_utf8(std::u32string_view s) {
  if (s.size() > 8) return text::to_utf8(s);
  char buf[32];
  std::size_t n = 0;
  for (const char32_t c : s) n += text::encode(c, buf + n);
  return std::string(buf, n);
}

/// The changes' texts hold a character HTML text cannot hold as it is: the runs they go into
/// are no longer `plain` (what a run's own characters were is known from the buffer's making).
void unplain_if_special(const RunBuffer& b, const Change* from, const Change* to) {
  for (const Change* c = from; c != to; ++c)
    for (const char32_t ch : c->rep)
      if (text::needs_html_escape(ch)) {
        for (Inline* run : b.runs) run->plain = false;
        return;
      }
}

/// Source order of edits (by place; equal places keep the order they were made in).
bool edit_order(const Edit& x, const Edit& y) {
  return x.pos.line != y.pos.line ? x.pos.line < y.pos.line : x.pos.col < y.pos.col;
}

/// Runs the fix rules on one block's buffer. `noted`: scratch.scan holds the scan of b.s as
/// built (fill_buffer made it), so the first one is not made again. `on`: bit k for each row k of
/// rows() the profile turns on (active_mask).
void run_rules(RunBuffer& b, const Profile& profile, std::uint32_t on, const std::vector<std::string>& rejected,
               std::deque<Edit>& edits, NetList* net, const BlockReader* after, Scratch& scratch, bool noted) {
  const bool chinese = std::any_of(b.s.begin(), b.s.end(), [](char32_t ch) { return is_han(ch); });
  bool changed_any = false;
  const std::size_t first_edit = edits.size();
  // Rules feed each other (a mark made full width lets its neighbour count as Chinese
  // context), so passes repeat until nothing changes: formatting twice changes nothing.
  // A rule whose last run on this very text found nothing would find nothing again, and a rule
  // none of whose trigger characters is in the text finds nothing: both are skipped.
  // Rule k is bit k of the masks below (rows() has fewer than 32 rows).
  const std::vector<RuleRow>& all = rows();
  const std::uint32_t* const gated = gated_rows();
  std::uint32_t clean = 0;  // the rules that found nothing on the text as it is now
  Scan& scan = scratch.scan;
  const Places& places = scan.at;
  // the first scan was made while the buffer was built, when `noted`
  unsigned present = noted ? scan.present : triggers(b.s, scan);
  bool stale = false;               // the text changed since the last scan
  std::size_t changed_from = npos;  // the first place changed since the last scan
  for (int pass = 0, changed = 1; changed != 0 && pass < 4; ++pass) {
    changed = 0;
    // the rules in order, each not known to find nothing (after a change: those after it)
    for (std::uint32_t left = on & ~clean; left != 0;) {
      const auto k = static_cast<std::size_t>(__builtin_ctz(left));
      const std::uint32_t bit = std::uint32_t{1} << k;
      left &= left - 1;
      const RuleRow& row = all[k];
      if (stale) {
        present = triggers(b.s, scan, changed_from);  // the text before the change is as scanned
        stale = false;
        changed_from = npos;
      }
      if ((gated[present] & bit) == 0) {
        clean |= bit;
        continue;
      }
      std::vector<Change>& changes = scratch.changes;
      changes.clear();
      const Ctx ctx{b, profile, chinese, profile.half_width_publish, scratch, places};
      row.fn(ctx, changes);
      if (changes.empty()) {
        clean |= bit;
        continue;
      }
      std::sort(changes.begin(), changes.end(), [](const Change& x, const Change& y) { return x.start < y.start; });
      if (!b.tracked) b.track();  // the text as built, for net_edits (still unchanged here)
      // The changes to make (the first of overlapping proposals, none the editor rejected) are
      // moved to the front of the list, their edits recorded on the text as the rule found it.
      std::size_t i = 0;
      std::size_t kept = 0;
      const std::string_view rule_id = row.info.id;  // measured once per rule, not per edit
      for (std::size_t n = 0; n < changes.size(); ++n) {
        Change& ch = changes[n];
        if (ch.start < i) continue;  // overlapping proposals: the first wins
        const Pos pos = b.pos_at(ch.start);
        if (!rejected.empty() && std::find(rejected.begin(), rejected.end(), fix_id(rule_id, pos)) != rejected.end())
          continue;
        Edit e;
        e.rule = rule_id;
        e.message = row.info.message;
        e.pos = pos;
        e.length = static_cast<int>(ch.len);
        e.before = short_utf8(std::u32string_view(b.s).substr(ch.start, ch.len));
        e.after = short_utf8(ch.rep);
        edits.push_back(std::move(e));
        i = ch.start + ch.len;
        if (kept != n) changes[kept] = std::move(ch);
        ++kept;
      }
      if (kept == 0) {
        clean |= bit;  // every proposal rejected: the text is as the rule found it
        continue;
      }
      changed_from = std::min(changed_from, changes[0].start);
      unplain_if_special(b, changes.data(), changes.data() + kept);
      b.apply(changes.data(), changes.data() + kept, scratch.next);
      stale = true;
      clean = 0;
      left = on & ~(bit | (bit - 1));  // the rules after this one, in this pass
      changed_any = true;
      changed = 1;
    }
  }
  if (!changed_any) {
    if (after != nullptr) (*after)(b);
    return;
  }
  // a block has a few edits: sorted where they stand (std::stable_sort would take a buffer from
  // the heap)
  stable_sort_few(edits.begin() + static_cast<std::ptrdiff_t>(first_edit), edits.end(), edit_order);
  // before the buffer is rebased: they need its tracking (and tell the rebase where the text
  // changed)
  std::vector<RunBuffer::Span>* changed = nullptr;
  if (net != nullptr) {
    changed = &scratch.changed;
    changed->clear();
    b.append_net_edits(*net, changed);
  }
  if (after != nullptr) {
    b.store_and_rebase(changed);
    (*after)(b);
  } else {
    b.store();
  }
}

}  // namespace

std::deque<Edit> apply_typography_list(Document& document, Field& title, const Profile& profile,
                                       const std::vector<std::string>& rejected, NetList* net,
                                       const BlockReader& after_block) {
  std::deque<Edit> edits;
  const std::uint32_t on = active_mask(profile);
  Scratch scratch;
  if (title.from == "detected" && !title.value.empty()) {
    std::vector<Inline> runs(1);
    runs[0].text = title.value;
    runs[0].pos = title.pos;
    RunBuffer b = make_buffer(runs, false);
    run_rules(b, profile, on, rejected, edits, net, nullptr, scratch, false);
    title.value = runs[0].text;
  }
  for_each_block_text(
      document,
      [&](RunBuffer& b) {
        run_rules(b, profile, on, rejected, edits, net, after_block ? &after_block : nullptr, scratch, true);
      },
      false, &scratch.scan);
  // Each block's edits are in rule order: run_rules sorts them block by block (blocks come in
  // source order, so the whole list is then in order too; the check costs one look per edit).
  if (!std::is_sorted(edits.begin(), edits.end(), edit_order)) std::stable_sort(edits.begin(), edits.end(), edit_order);
  return edits;
}

std::vector<Edit> apply_typography(Document& document, Field& title, const Profile& profile,
                                   const std::vector<std::string>& rejected, std::vector<SourceEdit>* net,
                                   const BlockReader& after_block) {
  NetList list;
  std::deque<Edit> edits =
      apply_typography_list(document, title, profile, rejected, net != nullptr ? &list : nullptr, after_block);
  if (net != nullptr) {
    net->reserve(net->size() + list.items.size());
    for (const NetList::Item& e : list.items) {
      const std::u32string before = text::to_u32(list.before(e));
      const std::u32string after = text::to_u32(list.after(e));
      net->emplace_back(e.pos, e.length, before.data(), before.size(), after.data(), after.size());
    }
  }
  return {std::make_move_iterator(edits.begin()), std::make_move_iterator(edits.end())};
}

std::string apply_source_edits(const Source& source, const NetList& list) {
  const std::deque<NetList::Item>& net = list.items;
  // The edits in order of line, right to left in a line, those at one place in the order they
  // were made. Sorted as small keys, not as the edits themselves (each has two strings to move).
  struct Key {
    int line;
    int col;
    std::uint32_t index;  // (four billion changes would take far more memory than there is)
  };
  std::vector<Key> order(net.size());
  for (std::size_t j = 0; j < net.size(); ++j)
    order[j] = Key{net[j].pos.line, net[j].pos.col, static_cast<std::uint32_t>(j)};
  // The edits mostly come in source order already: runs of one line each, the lines rising, the
  // columns in a run strictly rising (or falling). Then no two keys are equal, so the sorted
  // order is the only one std::sort can give: each run, reversed when its columns rise.
  bool in_runs = true;
  for (std::size_t j = 0, run_end = 0; j < order.size() && in_runs; j = run_end) {
    run_end = j + 1;
    while (run_end < order.size() && order[run_end].line == order[j].line) ++run_end;
    if (run_end < order.size() && order[run_end].line < order[j].line) in_runs = false;
    if (run_end - j < 2) continue;
    const bool rising = order[j].col < order[j + 1].col;
    for (std::size_t m = j + 1; m < run_end && in_runs; ++m)
      if (rising ? !(order[m - 1].col < order[m].col) : !(order[m - 1].col > order[m].col)) in_runs = false;
    if (in_runs && rising)
      std::reverse(order.begin() + static_cast<std::ptrdiff_t>(j),
                   order.begin() + static_cast<std::ptrdiff_t>(run_end));
  }
  if (!in_runs) {
    for (std::size_t j = 0; j < net.size(); ++j)
      order[j] = Key{net[j].pos.line, net[j].pos.col, static_cast<std::uint32_t>(j)};
    // Edits at the same place stay in the order they were made (std::sort alone leaves that to
    // the library: the native and the WASM builds would differ).
    std::sort(order.begin(), order.end(), [](const Key& a, const Key& b) {
      if (a.line != b.line) return a.line < b.line;
      return a.col != b.col ? a.col > b.col : a.index < b.index;
    });
  }
  const auto edit = [&](std::size_t j) -> const NetList::Item& { return net[order[j].index]; };
  const std::string_view all = source.text();  // every line with its '\n'
  const std::size_t lines = source.line_count();
  // Room for the text with every change that lengthens it made (and a last line end): no change
  // shortens the bound, so the string is never regrown and holds little it does not use.
  std::size_t longer = 1;
  for (const NetList::Item& e : net)
    if (e.after > e.before) longer += e.after - e.before;
  std::string out;
  out.reserve(all.size() + longer);
  // Lines without a change are copied as they are, a run of them at a time. Per changed line,
  // in UTF-8: one walk left to right finds each change's byte place (the changes come sorted
  // right to left), then the changes are taken right to left, each left out when it overlaps
  // one already taken, and the line is written once from its pieces.
  struct Spot {
    std::size_t at = 0;   ///< byte offset of the change in the line
    std::size_t len = 0;  ///< bytes of `before`
    bool ok = false;      ///< `before` is there
  };
  std::vector<Spot> spots;
  std::vector<std::size_t> taken;  // indices into spots, right to left
  std::size_t done = 0;            // lines written
  for (std::size_t k = 0, end = 0; k < net.size(); k = end) {
    const int line_no = edit(k).pos.line;
    end = k;
    while (end < net.size() && edit(end).pos.line == line_no) ++end;
    if (line_no < 1 || static_cast<std::size_t>(line_no) > lines) continue;
    const auto li = static_cast<std::size_t>(line_no - 1);
    out.append(all, source.starts[done], source.starts[li] - source.starts[done]);
    done = li + 1;
    const std::string_view l = source.line(li);
    spots.assign(end - k, Spot{});
    std::size_t byte = 0;
    int cp = 0;
    for (std::size_t j = end; j-- > k;) {  // left to right
      const NetList::Item& e = edit(j);
      if (e.pos.col < 1) continue;
      const int want = e.pos.col - 1;
      // The text is valid UTF-8, so code points start at the bytes that are not continuation
      // bytes: sixteen bytes, then eight, are counted at once while the column lies beyond them.
      const auto* bytes = reinterpret_cast<const unsigned char*>(l.data());
      const auto conts = [](std::uint64_t w) { return (w & ~(w << 1) & text::bytes8::kHigh) >> 7; };  // 10xxxxxx
      while (byte + 16 <= l.size()) {  // sixteen at a time (a lane's sum is at most 2)
        const std::uint64_t c2 = conts(text::bytes8::load(bytes + byte)) + conts(text::bytes8::load(bytes + byte + 8));
        const int leads = 16 - static_cast<int>((c2 * text::bytes8::kOnes) >> 56);
        if (cp + leads > want) break;
        cp += leads;
        byte += 16;
      }
      if (byte + 8 <= l.size()) {
        const int leads = 8 - static_cast<int>((conts(text::bytes8::load(bytes + byte)) * text::bytes8::kOnes) >> 56);
        if (cp + leads <= want) {
          cp += leads;
          byte += 8;
        }
      }
      // The last block may end inside a character whose lead it counted.
      while (byte < l.size() && (static_cast<unsigned char>(l[byte]) & 0xC0) == 0x80) ++byte;
      while (cp < want && byte < l.size()) {  // text::next's steps, without decoding
        // By the lead byte's top five bits: 110xx two bytes, 1110x three, 11110 four, else one.
        static constexpr unsigned char kStep[32] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                    1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 1};
        std::size_t step = kStep[static_cast<unsigned char>(l[byte]) >> 3];
        if (step > l.size() - byte) step = 1;
        byte += step;
        ++cp;
      }
      if (cp < want) continue;  // past the end of the line
      const std::string_view before = list.before(e);
      if (before.size() > l.size() - byte || l.compare(byte, before.size(), before) != 0) continue;
      spots[j - k] = Spot{byte, before.size(), true};
    }
    taken.clear();
    std::size_t limit = l.size();
    for (std::size_t j = k; j < end; ++j) {  // right to left
      const Spot& sp = spots[j - k];
      if (!sp.ok || sp.at > limit || sp.len > limit - sp.at) continue;
      taken.push_back(j);
      limit = sp.at;
    }
    std::size_t from = 0;
    for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
      const Spot& sp = spots[*it - k];
      out.append(l, from, sp.at - from);
      out += list.after(edit(*it));
      from = sp.at + sp.len;
    }
    out.append(l, from, std::string_view::npos);
    out += '\n';
  }
  if (done < lines) out.append(all, source.starts[done], std::string_view::npos);
  return out;
}

std::string apply_source_edits(const Source& source, std::vector<SourceEdit> net) {
  NetList list;
  for (const SourceEdit& e : net)
    list.add(e.pos, e.length, e.before.data(), e.before.size(), e.after.data(), e.after.size());
  std::vector<SourceEdit>().swap(net);
  return apply_source_edits(source, list);
}

}  // namespace paiban
