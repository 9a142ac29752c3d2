// heading.sequence decodes only the first characters of a heading (all of them when a number
// may run on past them) and reads a heading of one text run in place. Its findings must be
// those of the first version (the reference below: every heading's text runs joined and
// decoded whole), on generated headings: numbers of every level written with digits and
// Chinese numerals, long numbers that cross the decoded part, texts split into several runs
// (a number split between runs too) with other inlines between them (text inside emphasis is
// not the heading's own), headings inside quotes (not in the top-level sequence). The numbers are
// read in the lint pass's block() since, where the heading's text is at hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "meta.h"
#include "profile.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

constexpr int kBig = 100000000;

int read_int(const std::u32string& s, std::size_t a, std::size_t z) {
  int v = 0;
  for (std::size_t k = a; k < z; ++k) v = v >= kBig ? kBig : v * 10 + static_cast<int>(s[k] - '0');
  return v;
}

bool digit(char32_t c) {
  return c >= '0' && c <= '9';
}

int cn_number(const std::u32string& s, std::size_t& i) {
  static const std::u32string digits = U"〇一二三四五六七八九";
  int v = 0;
  bool any = false;
  while (i < s.size()) {
    if (s[i] == U'十') {
      v = v >= kBig ? kBig : (v == 0 ? 1 : v) * 10;
      any = true;
    } else if (digits.find(s[i]) != std::u32string::npos) {
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

std::pair<int, int> heading_number(const std::u32string& s) {
  std::size_t i = 0;
  if (s.empty()) return {0, 0};
  if (s[0] == U'（' || s[0] == '(') {
    i = 1;
    if (i < s.size() && digit(s[i])) {
      std::size_t z = i;
      while (z < s.size() && digit(s[z])) ++z;
      if (z < s.size() && (s[z] == U'）' || s[z] == ')')) return {5, read_int(s, i, z)};
      return {0, 0};
    }
    const int v = cn_number(s, i);
    if (v > 0 && i < s.size() && (s[i] == U'）' || s[i] == ')')) return {3, v};
    return {0, 0};
  }
  if (digit(s[0])) {
    std::size_t z = 0;
    while (z < s.size() && digit(s[z])) ++z;
    if (z < s.size() && (s[z] == '.' || s[z] == U'．' || s[z] == U'、')) return {4, read_int(s, 0, z)};
    return {0, 0};
  }
  const int v = cn_number(s, i);
  if (v > 0 && i < s.size() && s[i] == U'、') return {2, v};
  return {0, 0};
}

/// heading.sequence as first written: "line col:before|message" per finding.
std::vector<std::string> reference(const Document& document) {
  std::vector<std::string> out;
  auto note = [&](const Block& bl, const std::u32string& s, const std::string& message) {
    out.push_back(std::to_string(bl.pos.line) + " " + std::to_string(bl.pos.col) + ":" +
                  text::to_utf8(s.substr(0, std::min<std::size_t>(s.size(), 4))) + "|" + message);
  };
  int last[7] = {0, 0, 0, 0, 0, 0, 0};
  int deepest = 1;
  for (const Block& bl : document.blocks) {
    if (bl.kind != BlockKind::heading || bl.inlines.empty()) continue;
    std::string t;
    for (const Inline& in : bl.inlines)
      if (in.kind == InlineKind::text) t += in.text;
    const std::u32string s = text::to_u32(t);
    const auto [level, number] = heading_number(s);
    if (level == 0) continue;
    if (level > deepest + 1) note(bl, s, "标题层级跳跃（缺少上一级标题） / a heading level was skipped");
    if (number != last[level] + 1)
      note(bl, s,
           number == last[level] ? "标题序号重复 / a repeated heading number"
                                 : "标题序号不连续，应为第 " + std::to_string(last[level] + 1) +
                                       " 个 / a heading number out of sequence");
    last[level] = number;
    for (int k = level + 1; k < 7; ++k) last[k] = 0;
    deepest = level;
  }
  return out;
}

std::vector<std::string> ours(const Document& document) {
  Meta m;
  m.title = Field{"题", "given", {}};
  m.date = Field{"2024-03-01 09:30:00", "given", {}};
  std::vector<Diagnostic> found;
  lint(document, m, default_profile(), "", found);
  std::vector<std::string> out;
  for (const Diagnostic& x : found)
    if (x.rule == "heading.sequence")
      out.push_back(std::to_string(x.line) + " " + std::to_string(x.column) + ":" + x.before + "|" +
                    std::string(x.message()));
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& x : v) out += x + "\n";
  return out;
}

}  // namespace

TEST_CASE("heading.sequence: decoding the first characters finds what decoding the whole heading finds") {
  const std::vector<std::string> tokens = {"一",
                                           "二",
                                           "三",
                                           "十",
                                           "〇",
                                           "九",
                                           "1",
                                           "2",
                                           "3",
                                           "12345678901234567",
                                           "一二三四五六七八九十一二三四五六七",
                                           "（",
                                           "(",
                                           "）",
                                           ")",
                                           "、",
                                           ".",
                                           "．",
                                           "加强",
                                           "生态环境保护工作",
                                           " ",
                                           "a"};
  std::uint32_t state = 13;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t findings = 0;
  for (int n = 0; n < 3000; ++n) {
    Document d;
    for (std::uint32_t b = 1 + next() % 8; b > 0; --b) {
      Block bl;
      bl.kind = next() % 5 == 0 ? BlockKind::paragraph : BlockKind::heading;
      bl.pos = {static_cast<int>(d.blocks.size()) + 1, 1 + static_cast<int>(next() % 3)};
      // A number of one level, then more pieces; split into runs, some with an inline between.
      std::vector<std::string> pieces;
      const std::uint32_t shape = next() % 4;
      const std::string num = next() % 2 == 0 ? tokens[next() % 4] : tokens[6 + next() % 4];
      if (shape == 0) pieces = {num, "、"};
      if (shape == 1) pieces = {"（", num, "）"};
      if (shape == 2) pieces = {num, "."};
      for (std::uint32_t k = next() % 6; k > 0; --k) pieces.push_back(tokens[next() % tokens.size()]);
      Inline run;
      run.pos = bl.pos;
      for (const std::string& p : pieces) {
        if (!run.text.empty() && next() % 4 == 0) {
          bl.inlines.push_back(run);
          run.text.clear();
          if (next() % 2 == 0) {
            Inline other;
            other.kind = InlineKind::strong;
            if (next() % 2 == 0) {  // text inside emphasis is not the heading's own
              Inline inner;
              inner.text = tokens[next() % tokens.size()];
              other.children.push_back(inner);
            }
            bl.inlines.push_back(other);
          }
        }
        run.text += p;
      }
      if (!run.text.empty() || bl.inlines.empty()) bl.inlines.push_back(run);
      if (next() % 6 == 0) {  // a heading inside a quote is not in the top-level sequence
        Block quote;
        quote.kind = BlockKind::quote;
        quote.pos = bl.pos;
        quote.children.push_back(bl);
        d.blocks.push_back(quote);
        continue;
      }
      d.blocks.push_back(bl);
    }
    const std::vector<std::string> want = reference(d);
    CAPTURE(joined(want));
    REQUIRE(joined(ours(d)) == joined(want));
    findings += want.size();
  }
  CHECK(findings > 3000);
}
