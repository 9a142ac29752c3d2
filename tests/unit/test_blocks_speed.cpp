// The blocks stage's cheaper tests must answer as the plain ways they replace: the markup byte
// scan (eight bytes at a time), GB/T 9704 numbers read without a UTF-32 copy of the line, and
// lines taken as they are when neither end is a space. Checked on generated inputs with
// invalid UTF-8, CR/LF mixes, a BOM, empty lines and every kind of space.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "blocks.h"
#include "numbering.h"
#include "text.h"
#include "xorshift.h"

using namespace paiban;

namespace {

using Rng = paiban::testing::Xorshift;

/// Every kind of space text::is_space knows, a BOM and zero-width ones.
const std::vector<std::string> kSpaces = {
    " ",           "\t", "\xE3\x80\x80", "\xC2\xA0", "\xE2\x80\x83", "\xEF\xBB\xBF", "\xE2\x80\x8B", "\xE2\x80\xAF",
    "\xE2\x81\x9F"};

/// Pieces the generated lines are made of: Chinese text and punctuation, Latin, digits, the
/// markup bytes, line ends, spaces of every kind, a BOM, numbers and brackets of headings,
/// and broken UTF-8.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> kPieces = [] {
    std::vector<std::string> v = {"中",
                                  "文",
                                  "生态",
                                  "环境",
                                  "。",
                                  "，",
                                  "、",
                                  "：",
                                  "；",
                                  "（",
                                  "）",
                                  "(",
                                  ")",
                                  "一",
                                  "二",
                                  "十",
                                  "九",
                                  "1",
                                  "2",
                                  "0",
                                  "１",
                                  "．",
                                  ".",
                                  "a",
                                  "Z",
                                  "`",
                                  "_",
                                  "]",
                                  "[",
                                  "\\",
                                  "<",
                                  "*",
                                  "&",
                                  "!",
                                  "^",
                                  "~",
                                  "\n",
                                  "\r",
                                  "\r\n",
                                  "\xFF",
                                  "\xC3",
                                  "\xE4\xB8",
                                  "\x80",
                                  "\xED\xA0\x80",
                                  "\xF0\x9F\x98\x80",
                                  "\xEF\xBF\xBD",
                                  "a`b",
                                  "x_y",
                                  ""};
    v.insert(v.end(), kSpaces.begin(), kSpaces.end());
    return v;
  }();
  return kPieces;
}

std::string generate(Rng& rng, std::size_t max_pieces) {
  std::string s;
  const std::size_t n = rng.below(max_pieces + 1);
  for (std::size_t k = 0; k < n; ++k) s += pieces()[rng.below(pieces().size())];
  return s;
}

bool markup_byte_plain(std::string_view s) {
  // The bytes cmark's inline parser stops at, and line ends, spelled out as a set.
  constexpr std::string_view kMarkup = "\n\r!&*<[\\]_`";
  for (const char c : s)
    if (kMarkup.find(c) != std::string_view::npos) return true;
  return false;
}

// The GB/T 9704 number level as read on a UTF-32 copy of the line's first 64 bytes.
int numeral_digit(char32_t c) {
  const std::u32string_view digits = U"一二三四五六七八九";
  const std::size_t at = digits.find(c);
  return at == std::u32string_view::npos ? 0 : static_cast<int>(at) + 1;
}
bool chinese_number(const std::u32string& u, std::size_t& i) {
  std::size_t k = i;
  const int first = k < u.size() ? numeral_digit(u[k]) : 0;
  if (first > 0) {
    ++k;
    if (k < u.size() && u[k] == U'十') {
      if (first == 1) return false;
      ++k;
      if (k < u.size() && numeral_digit(u[k]) > 0) ++k;
    }
  } else if (k < u.size() && u[k] == U'十') {
    ++k;
    if (k < u.size() && numeral_digit(u[k]) > 0) ++k;
  } else {
    return false;
  }
  i = k;
  return true;
}
bool digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９');
}
bool arabic_number(const std::u32string& u, std::size_t& i) {
  std::size_t k = i;
  while (k < u.size() && k - i < 3 && digit(u[k])) ++k;
  if (k == i || k - i > 2) return false;
  i = k;
  return true;
}
bool text_after(const std::u32string& u, std::size_t i) {
  for (; i < u.size(); ++i)
    if (!text::is_space(u[i])) return true;
  return false;
}
int number_level_u32(std::string_view line) {
  const std::u32string u = text::to_u32(line.substr(0, 64));
  if (u.empty()) return 0;
  std::size_t i = 0;
  if (chinese_number(u, i)) return i < u.size() && u[i] == U'、' && text_after(u, i + 1) ? 2 : 0;
  if (u[0] == U'（' || u[0] == '(') {
    i = 1;
    if (chinese_number(u, i)) return i < u.size() && (u[i] == U'）' || u[i] == ')') && text_after(u, i + 1) ? 3 : 0;
    i = 1;
    return arabic_number(u, i) && i < u.size() && (u[i] == U'）' || u[i] == ')') && text_after(u, i + 1) ? 5 : 0;
  }
  i = 0;
  return arabic_number(u, i) && i < u.size() && (u[i] == '.' || u[i] == U'．' || u[i] == U'、') && i + 1 < u.size() &&
                 !digit(u[i + 1]) && text_after(u, i + 1)
             ? 4
             : 0;
}

}  // namespace

TEST_CASE("blocks speed: the markup byte scan agrees with a byte loop") {
  Rng rng;
  for (int round = 0; round < 20000; ++round) {
    const std::string s = generate(rng, 40);
    CHECK_MESSAGE(detail::has_markup_byte(s) == markup_byte_plain(s), s);
    // Every alignment and length of the eight-byte steps.
    const std::size_t from = rng.below(s.size() + 1);
    const std::string_view v = std::string_view(s).substr(from);
    CHECK(detail::has_markup_byte(v) == markup_byte_plain(v));
  }
  // Each markup byte alone, at every place of a long Chinese line.
  const std::string base(48, 'x');
  for (const char m : std::string("\n\r!&*<[\\]_`")) {
    for (std::size_t at = 0; at < base.size(); ++at) {
      std::string s = base;
      s[at] = m;
      CHECK(detail::has_markup_byte(s));
    }
  }
  CHECK_FALSE(detail::has_markup_byte(""));
  CHECK_FALSE(detail::has_markup_byte("生态环境局召开会议，部署大气污染防治工作。abcdefghijklmnopqrstuvwxyz{|}~"));
  static const char kOthers[] = "\x7F\x80\xFF\x00\x01 \"#$%'()+,-./0123456789:;=>?@^";
  CHECK_FALSE(detail::has_markup_byte(std::string_view(kOthers, sizeof kOthers - 1)));
}

TEST_CASE("blocks speed: GB/T 9704 numbers read as on a UTF-32 copy") {
  Rng rng;
  const std::vector<std::string> starts = {"一、",  "（一）", "(二)",     "1.",     "１．",   "2、",
                                           "（1）", "(12)",   "十一、",   "二十、", "一十、", "123.",
                                           "3.14",  "（十）", "九十九、", "（",     ""};
  for (int round = 0; round < 30000; ++round) {
    std::string s = starts[rng.below(starts.size())] + generate(rng, 12);
    if (rng.below(4) == 0) s = generate(rng, 8);
    CHECK_MESSAGE(numbering::heading_number_level(s) == number_level_u32(s), s);
  }
  // A long line cut at 64 bytes inside a character.
  for (std::size_t pad = 0; pad < 4; ++pad) {
    std::string s = "一、" + std::string(pad, 'a');
    while (s.size() < 80) s += "\xE3\x80\x80";
    CHECK(numbering::heading_number_level(s) == number_level_u32(s));
  }
}

TEST_CASE("blocks speed: lines are trimmed as text::trim does") {
  // Lines of text and spaces only (no heading, bullet or quote shape), one paragraph each: the
  // run holds the trimmed line and starts after the leading spaces.
  const std::vector<std::string> kParts = {"中", "文", "a", "。", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80"};
  std::vector<std::string> parts = kParts;
  parts.insert(parts.end(), kSpaces.begin(), kSpaces.end());
  Rng rng;
  for (int round = 0; round < 3000; ++round) {
    Source src;
    std::vector<std::string> expect;
    for (int k = 0; k < 6; ++k) {
      std::string line;
      const std::size_t n = rng.below(7);
      for (std::size_t p = 0; p < n; ++p) line += parts[rng.below(parts.size())];
      src.push_line(line);
      src.push_line("");  // a blank line: every line a paragraph of its own
      if (!text::trim(line).empty()) expect.push_back(line);
    }
    Meta meta;
    std::vector<Diagnostic> diags;
    const Document doc = parse_blocks(src, meta, diags);
    REQUIRE(doc.blocks.size() == expect.size());
    for (std::size_t b = 0; b < expect.size(); ++b) {
      const std::string_view line = expect[b];
      const std::string_view trimmed = text::trim(line);
      const auto lead = static_cast<std::size_t>(trimmed.data() - line.data());
      const Block& block = doc.blocks[b];
      REQUIRE(block.inlines.size() == 1);
      CHECK(block.inlines[0].text == trimmed);
      CHECK(block.inlines[0].pos.col == 1 + text::length(line.substr(0, lead)));
      CHECK(block.pos.col == block.inlines[0].pos.col);
    }
  }
}

namespace {
// ends_without_space as it was: the last code point decoded, then checked.
bool ends_without_space_old(std::string_view s) {
  std::size_t b = s.size() - 1;
  while (b > 0 && s.size() - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  std::size_t e = b;
  const char32_t c = text::next(s, e);
  return e == s.size() && c != 0xFFFD && !text::is_space(c);
}
}  // namespace

TEST_CASE("blocks speed: a line's last bytes settle ends_without_space as the decode did") {
  std::size_t checked = 0;
  // Every last three bytes (and the last one or two alone), after nothing, ASCII or a Han character.
  for (const char* head : {"", "a", "会", "\xE4", "\x80"}) {
    for (int b0 = 0; b0 < 256; ++b0)
      for (int b1 = 0; b1 < 256; ++b1) {
        std::string s = head;
        s += static_cast<char>(b0);
        s += static_cast<char>(b1);
        CHECK(detail::ends_without_space(s) == ends_without_space_old(s));
        for (const int b2 : {0x20, 0x09, 0x41, 0x80, 0x8B, 0x9F, 0xAF, 0xBD, 0xBF, 0xC2, 0xE3, 0xEF}) {
          std::string t = s;
          t += static_cast<char>(b2);
          CHECK(detail::ends_without_space(t) == ends_without_space_old(t));
          ++checked;
        }
      }
    for (int b0 = 0; b0 < 256; ++b0) {
      std::string s = head;
      s += static_cast<char>(b0);
      if (!s.empty()) CHECK(detail::ends_without_space(s) == ends_without_space_old(s));
    }
  }
  // Every BMP code point and a few beyond at a line's end.
  for (char32_t c = 1; c < 0x110000; c = c < 0x10000 ? c + 1 : c + 97) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s = "会议";
    text::append(s, c);
    CHECK(detail::ends_without_space(s) == ends_without_space_old(s));
    ++checked;
  }
  CHECK(checked > 1000000);
}

namespace {
// join_separator as it was: the last two code points and the first one decoded, then looked at.
const char* join_separator_old(std::string_view prev, std::string_view next) {
  char32_t last = 0, before = 0;
  std::size_t end = prev.size();
  auto back = [&](std::size_t& e) -> char32_t {
    if (e == 0) return 0;
    std::size_t b = e - 1;
    while (b > 0 && (static_cast<unsigned char>(prev[b]) & 0xC0) == 0x80) --b;
    std::size_t k = b;
    const char32_t c = text::next(prev, k);
    e = b;
    return c;
  };
  last = back(end);
  before = back(end);
  std::size_t i = 0;
  const char32_t first = next.empty() ? 0 : text::next(next, i);
  if (text::is_ascii_alnum(last) && text::is_ascii_alnum(first)) return " ";
  if ((last == ',' || last == ';' || last == ':' || last == '!' || last == '?' || last == ')') &&
      text::is_ascii_alnum(before) && text::is_ascii_letter(first))
    return " ";
  return "";
}
}  // namespace

TEST_CASE("blocks speed: a line ending in a three-byte character joins as before") {
  std::size_t checked = 0;
  const char* nexts[] = {"", "a", "Z", "9", "会", "\xC1\x81", " x", ",", "\x80"};
  // Every last three bytes after a few heads, against nexts of each kind.
  for (const char* head : {"", "a", "1,", "A)"})
    for (int b0 = 0; b0 < 256; ++b0)
      for (int b1 = 0; b1 < 256; ++b1)
        for (const int b2 : {0x31, 0x2C, 0x29, 0x41, 0x80, 0x81, 0xBF, 0xC1, 0xE4}) {
          std::string s = head;
          s += static_cast<char>(b0);
          s += static_cast<char>(b1);
          s += static_cast<char>(b2);
          for (const char* nx : nexts) {
            CHECK(std::string(detail::join_separator(s, nx)) == join_separator_old(s, nx));
            ++checked;
          }
        }
  // Generated lines of Chinese, Latin, digits and marks.
  Rng rng;
  for (int round = 0; round < 20000; ++round) {
    const std::string a = generate(rng, 12);
    const std::string b = generate(rng, 4);
    const std::string both = a + " | " + b;
    CHECK_MESSAGE(std::string(detail::join_separator(a, b)) == join_separator_old(a, b), both);
    ++checked;
  }
  CHECK(checked > 1000000);
}
