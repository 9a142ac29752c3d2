// The typography gate's first scan of a block is made while the block's buffer is decoded
// (fill_buffer with a trig::Scan): characters led by E4–E9 are checked for 年 only, the rest by
// the class table, each noted one chunk at a time. It must find what the scan over the built
// buffer found before (a copy of it below, with its own table): the triggers present and the
// four lists of places, on generated blocks of text runs, code spans, emphasis and links, with
// every trigger character, invalid and truncated UTF-8, U+0000 and characters beyond the BMP;
// and the buffer must be the one fill_buffer builds without the scan.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "text.h"
#include "textrun.h"
#include "triggers.h"

using namespace paiban;

namespace {

// ---- the scan as it was (typography.cpp before the first scan moved into fill_buffer) ------
enum : unsigned {
  o_width = 1u << 0,
  o_nian = 1u << 1,
  o_ellipsis = 1u << 2,
  o_dash = 1u << 3,
  o_quote = 1u << 4,
  o_mark = 1u << 5,
  o_double = 1u << 6,
  o_space = 1u << 7,
};
enum : unsigned {
  ok_note_mark = 1u << 8,
  ok_dot = 1u << 9,
  ok_double = 1u << 10,
  ok_space = 1u << 11,
  ok_note_nian = 1u << 12,
  ok_stop = 1u << 13,
};

bool old_ellipsis_char(char32_t c) {
  return c == '.' || c == U'。' || c == 0xFF0E || c == U'…';
}
bool old_width_candidate(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) || c == 0xFF0E ||
         c == 0xFF05;
}
using OldClasses = CharTable<std::uint16_t, 8>;
void old_mark(OldClasses& t) {
  for (const char32_t c : {U',', U':', U';', U'?', U'!', U'(', U')'}) t.mark(c, o_mark | ok_note_mark);
  t.mark('.', o_mark | ok_note_mark | ok_dot);
  t.mark(U'（', ok_note_mark);
  t.mark(U'）', ok_note_mark);
  for (const char32_t c : {U'。', U'．'}) t.mark(c, ok_dot);
  t.mark(U'…', o_ellipsis | ok_dot);
  for (char32_t c = 0xFF05; c <= 0xFF5A; ++c)
    if (old_width_candidate(c)) t.mark(c, o_width);
  for (const char32_t c : {U'-', U'－', U'—'}) t.mark(c, o_dash);
  for (const char32_t c : {U'"', U'\''}) t.mark(c, o_quote);
  for (const char32_t c : {U'，', U'。', U'、', U'；', U'：'}) t.mark(c, ok_double);
  for (const char32_t page : {0x00, 0x20, 0x30, 0xFE})
    for (char32_t c = static_cast<char32_t>(page) << 8; c < (static_cast<char32_t>(page) + 1) << 8; ++c)
      if (text::is_space(c)) t.mark(c, o_space | ok_space);
  t.mark(U'年', o_nian | ok_note_nian);
  t.mark(0, ok_stop);
}

struct OldPlaces {
  std::vector<std::size_t> marks, spaces, nian, dots;
};

unsigned old_triggers(const std::u32string& s, OldPlaces& at) {
  static const OldClasses cls(old_mark);
  at = OldPlaces{};
  unsigned m = 0;
  const char32_t* const p = s.data();
  const char32_t* const end = p + s.size();
  std::size_t dot_start = 0;
  for (const char32_t* q = p;; ++q) {
    while (!cls.maybe(*q)) ++q;
    if (q == end) break;
    const unsigned k = cls(*q);
    const char32_t prev = q != p ? q[-1] : 0;
    if (k == ok_double) {
      if (prev == *q) m |= o_double;
      continue;
    }
    m |= k & 0xFFu;
    if (k <= 0xFFu) continue;
    const auto i = static_cast<std::size_t>(q - p);
    if ((k & ok_note_mark) != 0) at.marks.push_back(i);
    if ((k & ok_dot) != 0) {
      if (!old_ellipsis_char(prev)) {
        dot_start = i;
        if (*q == U'…') at.dots.push_back(i);
      } else {
        m |= o_ellipsis;
        if (at.dots.empty() || at.dots.back() != dot_start) at.dots.push_back(dot_start);
      }
    }
    if ((k & ok_double) != 0 && prev == *q) m |= o_double;
    if ((k & ok_space) != 0 && !text::is_space(prev)) at.spaces.push_back(i);
    if ((k & ok_note_nian) != 0) at.nian.push_back(i);
  }
  return m;
}

// ---- generated blocks ----------------------------------------------------------------------
struct Rng {
  std::uint32_t x;
  std::uint32_t operator()(std::uint32_t n) {
    x = x * 1664525u + 1013904223u;
    return (x >> 8) % n;
  }
};

const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {",",
                                             ".",
                                             ":",
                                             ";",
                                             "?",
                                             "!",
                                             "(",
                                             ")",
                                             "（",
                                             "）",
                                             "。",
                                             "．",
                                             "…",
                                             "...",
                                             "。。",
                                             "-",
                                             "--",
                                             "－",
                                             "—",
                                             "\"",
                                             "'",
                                             "，",
                                             "，，",
                                             "、",
                                             "、、",
                                             "；",
                                             "：",
                                             "：：",
                                             " ",
                                             "  ",
                                             "\t",
                                             "　",
                                             "\u00A0",
                                             "\u2002",
                                             "\u200B",
                                             "\uFEFF",
                                             "年",
                                             "二〇二二年",
                                             "中",
                                             "文",
                                             "国",
                                             "一",
                                             "\u4000",
                                             "\u4DC0",
                                             "\u9FFF",
                                             "１",
                                             "Ａ",
                                             "ｚ",
                                             "％",
                                             "！",
                                             "＂",
                                             "a",
                                             "Z",
                                             "1",
                                             "http://a.cn",
                                             "x@y.cn",
                                             "é",
                                             "𠀀",
                                             "\xF0\x9F\x98\x80",
                                             "\xE5\xB9",
                                             "\xE5",
                                             "\xFF",
                                             "\xC3",
                                             "\x80",
                                             std::string(1, '\0'),
                                             "\xEF\xBC",
                                             "\xEF\xBF\xBC"};
  return p;
}

std::string gen_text(Rng& rng, std::size_t max_pieces) {
  std::string t;
  const std::size_t n = rng(static_cast<std::uint32_t>(max_pieces)) + (rng(8) == 0 ? 0 : 1);
  for (std::size_t i = 0; i < n; ++i) t += pieces()[rng(static_cast<std::uint32_t>(pieces().size()))];
  return t;
}

std::vector<Inline> gen_inlines(Rng& rng, int depth) {
  std::vector<Inline> out;
  const std::uint32_t n = 1 + rng(depth == 0 ? 5 : 3);
  for (std::uint32_t i = 0; i < n; ++i) {
    Inline in;
    const std::uint32_t kind = rng(10);
    if (kind == 0) {
      in.kind = InlineKind::code;
      in.text = "x";
    } else if (kind == 1 && depth < 2) {
      in.kind = rng(2) == 0 ? InlineKind::emph : InlineKind::link;
      in.children = gen_inlines(rng, depth + 1);
    } else {
      // long runs now and then: more than a decoding chunk (256 characters)
      in.text = gen_text(rng, rng(6) == 0 ? 400 : 24);
      in.verbatim = rng(12) == 0;
    }
    in.pos = {1, 1};
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace

TEST_CASE("trigger scan: of U+4000–U+9FFF only 年 has trigger classes (the decoder checks E4–E9 leads for it only)") {
  const trig::Classes& cls = trig::classes();
  for (char32_t c = 0x4000; c <= 0x9FFF; ++c) CHECK((cls(c) != 0) == (c == U'年'));
}

TEST_CASE("trigger scan: made while the buffer is built, it finds what a scan of the built buffer found") {
  Rng rng{2024};
  trig::Scan scan;
  RunBuffer with;
  RunBuffer without;
  std::size_t noted = 0;
  std::size_t bits = 0;
  for (int n = 0; n < 6000; ++n) {
    std::vector<Inline> inl = gen_inlines(rng, 0);
    fill_buffer(without, inl, false);
    fill_buffer(with, inl, false, &scan);
    REQUIRE(with.s == without.s);
    REQUIRE(with.prot == without.prot);
    OldPlaces want;
    const unsigned m = old_triggers(with.s, want);
    CAPTURE(text::to_utf8(with.s));
    CHECK(scan.present == m);
    CHECK(scan.at.marks == want.marks);
    CHECK(scan.at.spaces == want.spaces);
    CHECK(scan.at.nian == want.nian);
    CHECK(scan.at.dots == want.dots);
    noted += want.marks.size() + want.spaces.size() + want.nian.size() + want.dots.size();
    bits += static_cast<std::size_t>(__builtin_popcount(m));
  }
  CHECK(noted > 50000);
  CHECK(bits > 20000);
}

TEST_CASE("trigger scan: for_each_block_text hands each block's scan with its buffer") {
  Rng rng{77};
  Document d;
  for (int i = 0; i < 300; ++i) {
    Block bl;
    bl.inlines = gen_inlines(rng, 0);
    if (i % 7 == 0) {  // a quote holding paragraphs
      Block q;
      q.kind = BlockKind::quote;
      q.children.push_back(std::move(bl));
      d.blocks.push_back(std::move(q));
    } else {
      d.blocks.push_back(std::move(bl));
    }
  }
  trig::Scan scan;
  std::size_t blocks = 0;
  for_each_block_text(
      d,
      [&](RunBuffer& b) {
        OldPlaces want;
        CHECK(scan.present == old_triggers(b.s, want));
        CHECK(scan.at.marks == want.marks);
        CHECK(scan.at.spaces == want.spaces);
        CHECK(scan.at.nian == want.nian);
        CHECK(scan.at.dots == want.dots);
        ++blocks;
      },
      false, &scan);
  CHECK(blocks == 300);
}

namespace {

/// Checks that scan `got` equals the old scan of s.
void check_scan(const trig::Scan& got, const std::u32string& s) {
  OldPlaces want;
  CHECK(got.present == old_triggers(s, want));
  CHECK(got.at.marks == want.marks);
  CHECK(got.at.spaces == want.spaces);
  CHECK(got.at.nian == want.nian);
  CHECK(got.at.dots == want.dots);
}

std::u32string decoded(const std::string& t) {
  std::vector<Inline> runs(1);
  runs[0].text = t;
  return make_buffer(runs, false).s;
}

}  // namespace

TEST_CASE("trigger scan: after a change, a scan from the change on finds what a scan of the whole text finds") {
  Rng rng{4242};
  trig::Scan scan;
  std::size_t from_inside = 0;
  for (int n = 0; n < 5000; ++n) {
    std::u32string s = decoded(gen_text(rng, rng(4) == 0 ? 300 : 30));
    trig::triggers(s, scan);
    check_scan(scan, s);
    // a few changes in a row, each followed by a scan from its first place (as the rule loop
    // does: the text before the change is the one last scanned)
    for (int step = 0; step < 4; ++step) {
      const std::size_t at = rng(static_cast<std::uint32_t>(s.size() + 1));
      const std::size_t len = rng(static_cast<std::uint32_t>(std::min<std::size_t>(s.size() - at, 6) + 1));
      const std::u32string rep = rng(3) == 0 ? std::u32string() : decoded(gen_text(rng, 3));
      s.replace(at, len, rep);
      CAPTURE(text::to_utf8(s));
      CAPTURE(at);
      trig::triggers(s, scan, at);
      check_scan(scan, s);
      if (at != 0 && at < s.size()) ++from_inside;
    }
  }
  CHECK(from_inside > 15000);
}
