// Fix rules that were rewritten to look only at the places one scan of the block notes must
// make the changes their first versions made (the references below, each a scan of the whole
// block), on generated text dense with what each rule looks at:
// - punct.fullwidth visits the ASCII marks and the parentheses (was: every character);
// - space.cjk and space.cjk-latin visit the starts of runs of spaces;
// - number.zero visits each 年 (was: every place four characters before one);
// - punct.ellipsis visits the runs of . 。 ． … that hold … or two marks.
// The gate (which rules a text can trigger) is one scan over a table of character classes
// (was: a comparison chain per character); the references run under a copy of the old gate.
// Each rule runs alone (every other fix rule off) in the engine and in a reference engine (a
// fixed point of at most four passes, as the engine's): the text they end with and the changes
// they made must be the same.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "profile.h"
#include "text.h"
#include "textrun.h"
#include "typography.h"

using namespace paiban;

namespace {

using text::is_ascii_alnum;
using text::is_ascii_digit;
using text::is_ascii_letter;
using text::is_cjk_punct;
using text::is_han;
using text::is_space;

constexpr std::size_t npos = std::u32string::npos;

struct RefChange {
  std::size_t start = 0;
  std::size_t len = 0;
  std::u32string rep;
};

struct RefBuf {
  std::u32string s;
  std::vector<char> prot;
};

struct RefCtx {
  const RefBuf& b;
  bool chinese;
  bool half_width;
};

using RefRule = void (*)(const RefCtx&, std::vector<RefChange>&);

bool cjk(char32_t c) {
  return is_han(c) || (is_cjk_punct(c) && c != 0x3000);
}
bool open_punct(char32_t c) {
  return c == U'“' || c == U'‘' || c == U'（' || c == U'《' || c == U'【' || c == U'〔' || c == U'〈' || c == U'「' ||
         c == U'『';
}
bool close_punct(char32_t c) {
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

/// The old gate: a comparison chain per character.
enum : unsigned {
  t_nian = 1u << 1,
  t_ellipsis = 1u << 2,
  t_mark = 1u << 5,
  t_space = 1u << 7,
};
bool ellipsis_char(char32_t c) {
  return c == '.' || c == U'。' || c == 0xFF0E || c == U'…';
}
unsigned old_triggers(const std::u32string& s) {
  unsigned m = 0;
  char32_t prev = 0;
  for (const char32_t c : s) {
    if (c < 0x80) {
      switch (c) {
        case '.':
          m |= t_mark;
          if (ellipsis_char(prev)) m |= t_ellipsis;
          break;
        case ',':
        case ':':
        case ';':
        case '?':
        case '!':
        case '(':
        case ')':
          m |= t_mark;
          break;
        case ' ':
        case '\t':
          m |= t_space;
          break;
        default:
          break;
      }
    } else if (c >= 0x4E00 && c <= 0x9FFF) {
      if (c == U'年') m |= t_nian;
    } else {
      if (c == U'…' || (ellipsis_char(c) && ellipsis_char(prev))) m |= t_ellipsis;
      if (is_space(c)) m |= t_space;
    }
    prev = c;
  }
  return m;
}

// ---- number.zero as first written ----------------------------------------------------------
bool cn_digit(char32_t c) {
  return c == U'〇' || c == U'零' || c == U'一' || c == U'二' || c == U'三' || c == U'四' || c == U'五' || c == U'六' ||
         c == U'七' || c == U'八' || c == U'九';
}
bool zero_like(char32_t c) {
  return c == '0' || c == 'O' || c == 'o' || c == 0xFF10 || c == 0xFF2F || c == 0xFF4F || c == 0x25CB || c == 0x25EF ||
         c == 0x039F;
}
void ref_zero(const RefCtx& c, std::vector<RefChange>& out) {
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (s[i + 4] != U'年') continue;
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
    i += 4;
  }
}

// ---- punct.ellipsis as first written -------------------------------------------------------
void ref_ellipsis(const RefCtx& c, std::vector<RefChange>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t ch = s[i];
    if (c.b.prot[i] || (ch != '.' && ch != U'。' && ch != 0xFF0E && ch != U'…')) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool dots = true;
    while (j < s.size() && !c.b.prot[j] && (s[j] == '.' || s[j] == U'。' || s[j] == 0xFF0E || s[j] == U'…')) {
      if (s[j] == U'…') dots = false;
      ++j;
    }
    const std::size_t n = j - i;
    bool only_ellipsis = true;
    for (std::size_t k = i; k < j; ++k) only_ellipsis = only_ellipsis && s[k] == U'…';
    if (only_ellipsis) {
      if (n != 2) out.push_back({i, n, U"……"});
    } else if (dots && n >= 3) {
      if (!(i > 0 && is_ascii_digit(s[i - 1]) && is_ascii_digit(at(s, j)))) out.push_back({i, n, U"……"});
    } else if (!dots) {
      out.push_back({i, n, U"……"});
    }
    i = j;
  }
}

// ---- punct.fullwidth as first written (a replacement array over the whole block) ------------
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
bool after_chinese_number(const std::u32string& s, std::size_t p) {
  if (p == npos || !(is_ascii_digit(s[p]) || s[p] == '%')) return false;
  std::size_t k = p;
  while (k > 0 && (is_ascii_digit(s[k - 1]) || s[k - 1] == '.' || s[k - 1] == '%' || s[k - 1] == ',' ||
                   s[k - 1] == '-' || s[k - 1] == ':' || s[k - 1] == '/'))
    --k;
  return k > 0 && (is_han(s[k - 1]) || is_cjk_punct(s[k - 1]));
}
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
bool after_chinese_latin(const RefBuf& b, std::size_t p) {
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
void group(const std::u32string& s, const std::vector<char32_t>& to, std::vector<RefChange>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (to[i] == 0) {
      ++i;
      continue;
    }
    RefChange c;
    c.start = i;
    while (i < s.size() && to[i] != 0) {
      c.rep += to[i];
      ++i;
    }
    c.len = i - c.start;
    out.push_back(std::move(c));
  }
}
void ref_fullwidth(const RefCtx& c, std::vector<RefChange>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  std::vector<char32_t> to(s.size(), 0);
  std::vector<std::size_t> open;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < s.size(); ++i) {
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
      const bool chinese_before = is_han(pc) || close_punct(pc) ||
                                  (after_chinese_number(s, p) && !numbering_dot(s, p)) || after_chinese_latin(c.b, p);
      const bool end_after = n == npos || is_han(nc) || open_punct(nc) || close_punct(nc);
      if (chinese_before && end_after) to[i] = U'。';
      continue;
    }
    const char32_t f = full_form(ch);
    if (is_ascii_alnum(pc) && is_ascii_alnum(nc) && p + 1 == i && n == i + 1) continue;
    if (ch == ':' && nc == '/') continue;
    if (cjk(pc) || is_han(nc) || (open_punct(nc) && ch != ':') || after_chinese_number(s, p)) to[i] = f;
  }
  if (!c.half_width) {
    for (auto [o, cl] : pairs) {
      if (s[o] != '(' && s[cl] != ')') continue;
      bool han_inside = false;
      for (std::size_t k = o + 1; k < cl; ++k) han_inside = han_inside || is_han(s[k]);
      const bool beside = cjk(at(s, prev_ns(s, o))) || cjk(at(s, next_ns(s, cl)));
      if (!han_inside && !beside) continue;
      if (s[o] == '(') to[o] = U'（';
      if (s[cl] == ')') to[cl] = U'）';
    }
  }
  group(s, to, out);
}

// ---- space.cjk and space.cjk-latin as first written ----------------------------------------
void ref_spaces(const RefCtx& c, std::vector<RefChange>& out, bool latin) {
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_space(s[i]) || c.b.prot[i]) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_space(s[j]) && !c.b.prot[j]) ++j;
    const char32_t a = i > 0 ? s[i - 1] : 0;
    const char32_t z = at(s, j);
    if (a != 0 && z != 0) {
      const bool cjk_pair = (cjk(a) && cjk(z)) || is_cjk_punct(a) || is_cjk_punct(z);
      const bool za = is_ascii_alnum(z) || c.b.prot[j];
      const bool aa = is_ascii_alnum(a) || c.b.prot[i - 1];
      const bool mixed = (is_han(a) && za) || (aa && is_han(z));
      if (!latin && cjk_pair && !(a == U'·' || z == U'·')) out.push_back({i, j - i, U""});
      if (latin && !cjk_pair && mixed) out.push_back({i, j - i, U""});
    }
    i = j;
  }
}
void ref_space_cjk(const RefCtx& c, std::vector<RefChange>& out) {
  ref_spaces(c, out, false);
}
void ref_space_latin(const RefCtx& c, std::vector<RefChange>& out) {
  ref_spaces(c, out, true);
}

// ---- the other fix rules as they stand (whole-block scans), for the engine with every rule on

void ref_width(const RefCtx& c, std::vector<RefChange>& out) {
  const std::u32string& s = c.b.s;
  std::vector<char32_t> to(s.size(), 0);
  auto digitish = [&](std::size_t k) {
    const char32_t d = at(s, k);
    return is_ascii_digit(d) || (d >= 0xFF10 && d <= 0xFF19);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t ch = s[i];
    if (c.b.prot[i]) continue;
    if ((ch >= 0xFF10 && ch <= 0xFF19) || (ch >= 0xFF21 && ch <= 0xFF3A) || (ch >= 0xFF41 && ch <= 0xFF5A))
      to[i] = ch - 0xFEE0;
    else if (ch == 0xFF0E && i > 0 && digitish(i - 1) && digitish(i + 1))
      to[i] = '.';
    else if (ch == 0xFF05 && i > 0 && digitish(i - 1))
      to[i] = '%';
  }
  group(s, to, out);
}

void ref_dash(const RefCtx& c, std::vector<RefChange>& out) {
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
    const bool cjk_side = cjk(before) || cjk(after);
    if (hy && (n == 2 || n == 3) && cjk_side) out.push_back({i, n, U"——"});
    if (!hy && n == 1 && cjk_side && !(is_ascii_digit(before) && is_ascii_digit(after))) out.push_back({i, n, U"——"});
    i = j;
  }
}

void ref_quotes(const RefCtx& c, std::vector<RefChange>& out) {
  if (!c.chinese) return;
  const std::u32string& s = c.b.s;
  std::vector<char> stack;
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
        if (i > 0 && is_ascii_digit(s[i - 1])) continue;
        out.push_back({i, 1, U"“"});
        stack.push_back('D');
      }
    } else if (ch == '\'') {
      if (i > 0 && is_ascii_letter(s[i - 1]) && is_ascii_letter(at(s, i + 1))) continue;
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

void ref_double(const RefCtx& c, std::vector<RefChange>& out) {
  const std::u32string& s = c.b.s;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const char32_t ch = s[i];
    if (ch != U'，' && ch != U'。' && ch != U'、' && ch != U'；' && ch != U'：') continue;
    if (s[i + 1] != ch || c.b.prot[i] || c.b.prot[i + 1]) continue;
    std::size_t j = i;
    while (j < s.size() && s[j] == ch) ++j;
    if (ch == U'。' && j - i >= 3) {
      i = j - 1;
      continue;
    }
    out.push_back({i, j - i, std::u32string(1, ch)});
    i = j - 1;
  }
}

struct Outcome {
  std::string text;
  std::vector<std::string> changes;  ///< "before>after", sorted
};

/// Makes `changes` in b by a rebuild of the text (of overlapping ones the first), noting each
/// as "before>after" in o.
void ref_apply(RefBuf& b, std::vector<RefChange>& changes, Outcome& o) {
  std::sort(changes.begin(), changes.end(), [](const RefChange& x, const RefChange& y) { return x.start < y.start; });
  RefBuf nb;
  std::size_t i = 0;
  for (const RefChange& ch : changes) {
    if (ch.start < i) continue;
    nb.s.append(b.s, i, ch.start - i);
    nb.prot.insert(nb.prot.end(), b.prot.begin() + static_cast<std::ptrdiff_t>(i),
                   b.prot.begin() + static_cast<std::ptrdiff_t>(ch.start));
    nb.s += ch.rep;
    nb.prot.insert(nb.prot.end(), ch.rep.size(), 0);
    o.changes.push_back(text::to_utf8(b.s.substr(ch.start, ch.len)) + ">" + text::to_utf8(ch.rep));
    i = ch.start + ch.len;
  }
  nb.s.append(b.s, i, npos);
  nb.prot.insert(nb.prot.end(), b.prot.begin() + static_cast<std::ptrdiff_t>(i), b.prot.end());
  b = std::move(nb);
}

/// The reference engine's passes over one paragraph of text: at most four, until `pass` changes
/// nothing. pass(b, chinese, o) makes one pass's changes (each rule's by a rebuild of the text,
/// noted in o) and says whether it made any.
template <class Pass>
Outcome reference_passes(const std::string& utf8, Pass pass) {
  std::vector<Inline> runs(1);
  runs[0].text = utf8;
  runs[0].pos = {1, 1};
  const RunBuffer rb = make_buffer(runs, false);
  RefBuf b{rb.s, rb.prot};
  const bool chinese = std::any_of(b.s.begin(), b.s.end(), [](char32_t ch) { return is_han(ch); });
  Outcome o;
  for (int k = 0; k < 4; ++k)
    if (!pass(b, chinese, o)) break;
  o.text = text::to_utf8(b.s);
  std::sort(o.changes.begin(), o.changes.end());
  return o;
}

/// The reference engine with one rule: passes until one changes nothing (at most four).
Outcome reference(const std::string& utf8, RefRule fn, unsigned trigger, bool half_width) {
  return reference_passes(utf8, [&](RefBuf& b, bool chinese, Outcome& o) {
    if ((old_triggers(b.s) & trigger) == 0) return false;
    std::vector<RefChange> changes;
    fn(RefCtx{b, chinese, half_width}, changes);
    if (changes.empty()) return false;
    ref_apply(b, changes, o);
    return true;
  });
}

/// The engine with only `rule` on (every default rule when `rule` is null).
Outcome engine(const std::string& utf8, const char* rule, bool half_width) {
  Profile p = default_profile();
  if (rule != nullptr)
    for (const FixRule& r : fix_rules()) p.rules[r.id] = std::string(r.id) == rule;
  p.half_width_publish = half_width;
  Document d;
  Block blk;
  blk.pos = {1, 1};
  Inline in;
  in.text = utf8;
  in.pos = {1, 1};
  blk.inlines.push_back(in);
  d.blocks.push_back(blk);
  Field title;
  const std::vector<Edit> edits = apply_typography(d, title, p, {});
  Outcome o;
  for (const Inline& r : d.blocks[0].inlines) o.text += r.text;
  for (const Edit& e : edits) o.changes.push_back(e.before + ">" + e.after);
  std::sort(o.changes.begin(), o.changes.end());
  return o;
}

/// The reference engine with every default rule on, in the engine's order: each rule's changes
/// made by a rebuild of the text, passes until one changes nothing (at most four), no gate
/// (a rule a gate skips finds nothing).
Outcome reference_all(const std::string& utf8, bool half_width) {
  const RefRule rules[] = {ref_width,     ref_zero,   ref_ellipsis,  ref_dash,       ref_quotes,
                           ref_fullwidth, ref_double, ref_space_cjk, ref_space_latin};
  return reference_passes(utf8, [&](RefBuf& b, bool chinese, Outcome& o) {
    bool changed = false;
    for (const RefRule fn : rules) {
      std::vector<RefChange> changes;
      fn(RefCtx{b, chinese, half_width}, changes);
      if (changes.empty()) continue;
      ref_apply(b, changes, o);
      changed = true;
    }
    return changed;
  });
}

/// The engine with the default rules.
Outcome engine_all(const std::string& utf8, bool half_width) {
  return engine(utf8, nullptr, half_width);
}

/// Random text from pieces (a fixed generator: the same texts every run).
class Gen {
 public:
  explicit Gen(std::uint32_t seed) : x_(seed) {}
  std::string text(const std::vector<std::string>& pieces, std::size_t max_pieces) {
    std::string out;
    const std::size_t n = 1 + next() % max_pieces;
    for (std::size_t i = 0; i < n; ++i) out += pieces[next() % pieces.size()];
    return out;
  }

 private:
  std::uint32_t x_;
  std::uint32_t next() {
    x_ = x_ * 1664525u + 1013904223u;
    return x_ >> 8;
  }
};

void compare(const std::vector<std::string>& pieces, const char* rule, RefRule fn, unsigned trigger,
             std::uint32_t seed) {
  Gen g(seed);
  std::size_t changed = 0;
  for (int k = 0; k < 3000; ++k) {
    const std::string t = g.text(pieces, 24);
    for (const bool half : {false, true}) {
      CAPTURE(t);
      CAPTURE(half);
      const Outcome want = reference(t, fn, trigger, half);
      const Outcome got = engine(t, rule, half);
      CHECK(got.text == want.text);
      CHECK(got.changes == want.changes);
      if (!want.changes.empty()) ++changed;
    }
  }
  CHECK(changed > 300);  // the texts do exercise the rule
}

}  // namespace

TEST_CASE("typo scans: punct.fullwidth on its places finds what a whole-block scan finds") {
  const std::vector<std::string> pieces = {",",      ".",
                                           ":",      ";",
                                           "?",      "!",
                                           "(",      ")",
                                           "（",     "）",
                                           " ",      "中",
                                           "文",     "。",
                                           "“",      "”",
                                           "《",     "》",
                                           "a",      "Z",
                                           "1",      "9",
                                           "%",      "/",
                                           "@",      "-",
                                           "Ltd",    "e.g",
                                           "2.",     "1,000",
                                           "10:30",  "，",
                                           "：",     "https://a.gov.cn/x",
                                           "x@y.cn", "\t",
                                           "　",     "..."};
  compare(pieces, "punct.fullwidth", ref_fullwidth, t_mark, 11);
}

TEST_CASE("typo scans: space rules on the runs of spaces find what a whole-block scan finds") {
  const std::vector<std::string> pieces = {
      " ",  "  ", "\t", "　", "\u00A0", "\u2002", "\u200B", "\uFEFF",           "中",    "文", "a", "1",
      "，", "。", "·",  "《", "”",      "x",      "％",     "https://a.gov.cn", "x@y.cn"};
  compare(pieces, "space.cjk", ref_space_cjk, t_space, 22);
  compare(pieces, "space.cjk-latin", ref_space_latin, t_space, 23);
}

TEST_CASE("typo scans: number.zero at each 年 finds what a whole-block scan finds") {
  const std::vector<std::string> pieces = {"二", "〇", "零", "一", "九", "0",  "O",  "o", "０", "Ｏ",
                                           "ｏ", "○",  "◯",  "Ο",  "年", "年", "年", "9", "a",  "中"};
  compare(pieces, "number.zero", ref_zero, t_nian, 33);
}

TEST_CASE("typo scans: punct.ellipsis on runs of marks finds what a whole-block scan finds") {
  const std::vector<std::string> pieces = {
      ".", ".", "。", "。", "．", "…", "…", "1", "中", "a", " ", "https://a.gov.cn", "x@y.cn"};
  compare(pieces, "punct.ellipsis", ref_ellipsis, t_ellipsis, 44);
}

TEST_CASE("typo scans: every is_space character lies in the pages the gate's table covers") {
  // typography.cpp notes spaces from pages 00, 20, 30 and FE only.
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (!is_space(c)) continue;
    const char32_t page = c >> 8;
    CHECK((page == 0x00 || page == 0x20 || page == 0x30 || page == 0xFE));
  }
}

TEST_CASE("typo scans: every rule together makes what a rebuild and a whole-block scan per rule make") {
  // Rules feed each other (a mark made full width is a doubled mark, a deleted space joins
  // dots): the engine (changes in place, the gate and places noted again) against the
  // reference engine with every rule.
  const std::vector<std::string> pieces = {
      ",",      ".",  ":",  ";",  "?",  "!",  "(", ")", "（", "）", " ", "  ", "　", "中",
      "文",     "。", "，", "、", "；", "：", "“", "”", "\"", "'",  "-", "--", "—",  "…",
      "...",    "．", "１", "Ａ", "％", "a",  "1", "2", "二", "〇", "0", "O",  "年", "https://a.gov.cn/x",
      "x@y.cn", "\t", "Ltd"};
  Gen g(77);
  std::size_t changed = 0;
  for (int k = 0; k < 6000; ++k) {
    const std::string t = g.text(pieces, 30);
    for (const bool half : {false, true}) {
      CAPTURE(t);
      CAPTURE(half);
      const Outcome want = reference_all(t, half);
      const Outcome got = engine_all(t, half);
      CHECK(got.text == want.text);
      CHECK(got.changes == want.changes);
      if (want.changes.size() > 2) ++changed;
    }
  }
  CHECK(changed > 3000);
}
