// The typography rules' gate: which rules a block's text can trigger, and the places some of
// them look at, found in one pass over the text. The first pass over a block is made while its
// buffer is decoded (textrun.cpp, fill_buffer), character by character through Scan::note;
// after a change the rule loop (typography.cpp) scans again from the change's first place on
// (triggers()).
#ifndef PAIBAN_TRIGGERS_H
#define PAIBAN_TRIGGERS_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "chartable.h"
#include "text.h"

namespace paiban::trig {

/// A rule can only change a block that holds one of its trigger characters.
enum Trigger : unsigned {
  t_always = 0,          ///< no gate: the rule always runs
  t_width = 1u << 0,     ///< full-width %, ., digits, letters (width_candidate)
  t_nian = 1u << 1,      ///< 年
  t_ellipsis = 1u << 2,  ///< … or two neighbours among . 。 ． …
  t_dash = 1u << 3,      ///< - － —
  t_quote = 1u << 4,     ///< " '
  t_mark = 1u << 5,      ///< , . : ; ? ! ( )
  t_double = 1u << 6,    ///< ，， 。。 、、 ；； ：：
  t_space = 1u << 7,     ///< is_space
};

/// What a character does in the scan: the low byte holds the triggers it sets on its own, the
/// bits above what is looked at around it.
enum : unsigned {
  k_note_mark = 1u << 8,   ///< a place of punct.fullwidth
  k_dot = 1u << 9,         ///< ellipsis_char: runs of them are punct.ellipsis's places
  k_double = 1u << 10,     ///< t_double when written twice
  k_space = 1u << 11,      ///< is_space: runs of them are the space rules' places
  k_note_nian = 1u << 12,  ///< a place of number.zero
  k_stop = 1u << 13,       ///< U+0000, which ends every string: the scan stops there
  /// A three-byte character HTML text cannot hold (U+FDD0–U+FDEF, U+FFFE, U+FFFF): no rule's,
  /// noted for the buffer's builder (textrun.cpp), which tells the page whether a run needs
  /// escaping.
  k_html = 1u << 14,
};

inline bool ellipsis_char(char32_t c) {
  return c == '.' || c == U'。' || c == 0xFF0E || c == U'…';
}

/// The characters width.alnum looks at: full-width digits and letters, ． and ％ (not the
/// full-width punctuation around them in the same block, which Chinese text is full of).
inline bool width_candidate(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) || c == 0xFF0E ||
         c == 0xFF05;
}

/// The pages (code point / 256) that hold every is_space character (the unit tests check it).
constexpr char32_t kSpacePages[] = {0x00, 0x20, 0x30, 0xFE};

/// The bits above for every BMP code point (the characters lie on 7 pages; none beyond the BMP).
/// Of U+4000–U+9FFF (UTF-8 lead bytes E4–E9) only 年 has bits (the unit tests check it).
using Classes = CharTable<std::uint16_t, 9>;

inline void mark_classes(Classes& t) {
  for (const char32_t c : {U',', U':', U';', U'?', U'!', U'(', U')'}) t.mark(c, t_mark | k_note_mark);
  t.mark('.', t_mark | k_note_mark | k_dot);
  t.mark(U'（', k_note_mark);
  t.mark(U'）', k_note_mark);
  for (const char32_t c : {U'。', U'．'}) t.mark(c, k_dot);
  t.mark(U'…', t_ellipsis | k_dot);
  for (char32_t c = 0xFF05; c <= 0xFF5A; ++c)
    if (width_candidate(c)) t.mark(c, t_width);
  for (const char32_t c : {U'-', U'－', U'—'}) t.mark(c, t_dash);
  for (const char32_t c : {U'"', U'\''}) t.mark(c, t_quote);
  for (const char32_t c : {U'，', U'。', U'、', U'；', U'：'}) t.mark(c, k_double);
  for (const char32_t page : kSpacePages)  // where is_space's characters are
    for (char32_t c = page << 8; c < (page + 1) << 8; ++c)
      if (text::is_space(c)) t.mark(c, t_space | k_space);
  t.mark(U'年', t_nian | k_note_nian);
  for (char32_t c = 0xFDD0; c <= 0xFDEF; ++c) t.mark(c, k_html);
  t.mark(0xFFFE, k_html);
  t.mark(0xFFFF, k_html);
  t.mark(0, k_stop);
}

/// The table (built once).
inline const Classes& classes() {
  static const Classes t(mark_classes);
  return t;
}

/// The places of a text the costliest rules look at, noted by the scan that finds the triggers;
/// each of those rules visits its places only, finding what a scan of the whole text would
/// find. Noted again whenever the text changes.
struct Places {
  std::vector<std::size_t> marks;   ///< , . : ; ? ! ( ) （ ） (punct.fullwidth)
  std::vector<std::size_t> spaces;  ///< the first of each run of is_space characters (space.*)
  std::vector<std::size_t> nian;    ///< 年 (number.zero)
  std::vector<std::size_t> dots;    ///< the first of each run of . 。 ． … holding … or two (punct.ellipsis)
};

/// One pass over a text, left to right: the triggers present so far, and the places.
struct Scan {
  Places at;
  unsigned present = 0;
  std::size_t dot_start = 0;  ///< where the current run of ellipsis_char characters starts
  /// For each trigger bit of `present`, the index of the character that set it first (a scan
  /// of a text's first n characters finds the bits set before n: see keep_before).
  std::size_t first_at[8] = {};

  void reset() {
    at.marks.clear();
    at.spaces.clear();
    at.nian.clear();
    at.dots.clear();
    present = 0;
    dot_start = 0;
  }
  /// Character i of the text is c, with classes()(c) == k and `prev` the character before it
  /// (0 for the first). Characters whose k is 0 may be left out. (Inlined into the scans'
  /// loops: a call per noted character cost more than the scan's own steps.)
  [[gnu::always_inline]] void note(char32_t c, unsigned k, char32_t prev, std::size_t i) {
    if (k == k_double) {  // ，、；： (。 is also an ellipsis mark): the commonest
      if (prev == c) set(t_double, i);
      return;
    }
    set(k & 0xFFu, i);
    if (k <= 0xFFu) return;  // nothing to look at around it
    if ((k & k_note_mark) != 0) at.marks.push_back(i);
    if ((k & k_dot) != 0) {
      if (!ellipsis_char(prev)) {
        dot_start = i;
        if (c == U'…') at.dots.push_back(i);
      } else {
        set(t_ellipsis, i);
        if (at.dots.empty() || at.dots.back() != dot_start) at.dots.push_back(dot_start);  // a second mark
      }
    }
    if ((k & k_double) != 0 && prev == c) set(t_double, i);
    if ((k & k_space) != 0 && !text::is_space(prev)) at.spaces.push_back(i);
    if ((k & k_note_nian) != 0) at.nian.push_back(i);
  }

  /// Makes the scan what a scan of s's first n characters found (the scan was of a text whose
  /// first n characters are s's): the state to go on from at s[n].
  void keep_before(const char32_t* s, std::size_t n) {
    auto cut = [n](std::vector<std::size_t>& v) { v.erase(std::lower_bound(v.begin(), v.end(), n), v.end()); };
    cut(at.marks);
    cut(at.spaces);
    cut(at.nian);
    // a run's place is noted at its start (a …) or at its second mark, the character after it
    while (!at.dots.empty()) {
      const std::size_t d = at.dots.back();
      if (d + 1 < n || (d + 1 == n && s[d] == U'…')) break;
      at.dots.pop_back();
    }
    unsigned kept = 0;
    for (unsigned bit = 0; bit < 8; ++bit)
      if ((present >> bit & 1u) != 0 && first_at[bit] < n) kept |= 1u << bit;
    present = kept;
    std::size_t j = n;  // the start of the run of ellipsis_char characters s[n - 1] is in
    while (j > 0 && ellipsis_char(s[j - 1])) --j;
    dot_start = j;
  }

 private:
  void set(unsigned bits, std::size_t i) {
    if ((bits & ~present) != 0) set_fresh(bits & ~present, i);
  }
  /// The first character with some of the bits (once per bit and scan).
  [[gnu::noinline]] void set_fresh(unsigned fresh, std::size_t i) {
    present |= fresh;
    for (; fresh != 0; fresh &= fresh - 1) first_at[__builtin_ctz(fresh)] = i;
  }
};

/// The triggers present in s, and the places some rules look at, by a scan from s[from] on:
/// `scan` holds a scan of a text whose first `from` characters are s's (a text a change made s
/// from, the change starting at `from`). from == 0: one scan of s.
inline unsigned triggers(const std::u32string& s, Scan& scan, std::size_t from = 0) {
  const Classes& cls = classes();
  if (from == 0)
    scan.reset();
  else
    scan.keep_before(s.data(), from);
  const char32_t* const p = s.data();
  const char32_t* const end = p + s.size();
  for (const char32_t* q = p + from;; ++q) {
    while (!cls.maybe(*q)) ++q;  // most characters trigger nothing; the string ends with U+0000
    if (q == end) break;
    scan.note(*q, cls(*q), q != p ? q[-1] : 0, static_cast<std::size_t>(q - p));
  }
  return scan.present;
}

}  // namespace paiban::trig

#endif  // PAIBAN_TRIGGERS_H
