// numbering's line checks look at the first byte before decoding and scan headings with fewer
// tests per character: they must answer exactly as the plain versions below (the previous code,
// kept here) on every line — every number form, bullets, thematic breaks, lengths near 40 code
// points, every first byte and malformed UTF-8.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "numbering.h"
#include "text.h"

using namespace paiban;

namespace {
namespace old_numbering {

/// The code points of a line's first 64 bytes, decoded as text::to_u32 would, kept on the stack.
/// They are decoded as far as they are asked for (most lines are settled by their first few).
class Head {
 public:
  explicit Head(std::string_view line) : line_(line.substr(0, kBytes)) {}
  /// True when there is a code point i (decoding up to it).
  bool has(std::size_t i) {
    while (n_ <= i && at_ < line_.size()) cps_[n_++] = text::next(line_, at_);
    return i < n_;
  }
  /// Code point i, after has(i) said yes.
  char32_t operator[](std::size_t i) const { return cps_[i]; }

 private:
  static constexpr std::size_t kBytes = 64;
  std::string_view line_;
  std::size_t at_ = 0;  ///< bytes of line_ decoded
  std::size_t n_ = 0;   ///< code points decoded
  std::array<char32_t, kBytes> cps_;
};

int numeral_digit(char32_t c) {
  switch (c) {
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return 0;
  }
}

// A Chinese number 1…99 at u[i] (一, 十, 十一, 二十, 二十一, …); advances i. False when none.
bool chinese_number(Head& u, std::size_t& i) {
  std::size_t k = i;
  int first = u.has(k) ? numeral_digit(u[k]) : 0;
  if (first > 0) {
    ++k;
    if (u.has(k) && u[k] == U'十') {
      if (first == 1) return false;  // 一十 is not written
      ++k;
      if (u.has(k) && numeral_digit(u[k]) > 0) ++k;
    }
  } else if (u.has(k) && u[k] == U'十') {
    ++k;
    if (u.has(k) && numeral_digit(u[k]) > 0) ++k;
  } else {
    return false;
  }
  i = k;
  return true;
}

bool ascii_or_wide_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９');
}

// One or two digits at u[i]; advances i.
bool arabic_number(Head& u, std::size_t& i) {
  std::size_t k = i;
  while (k - i < 3 && u.has(k) && ascii_or_wide_digit(u[k])) ++k;
  if (k == i || k - i > 2) return false;
  i = k;
  return true;
}

bool is_open_paren(char32_t c) {
  return c == U'（' || c == '(';
}
bool is_close_paren(char32_t c) {
  return c == U'）' || c == ')';
}

// Something other than spaces follows position i.
bool has_text_after(Head& u, std::size_t i) {
  for (; u.has(i); ++i)
    if (!text::is_space(u[i])) return true;
  return false;
}

int heading_number_level(std::string_view line) {
  // Every numbered heading starts with a numeral, 十, a digit or an opening parenthesis: one
  // look at the first character settles most lines.
  if (line.empty()) return 0;
  std::size_t first_end = 0;
  const char32_t first = text::next(line, first_end);
  if (numeral_digit(first) == 0 && first != U'十' && !ascii_or_wide_digit(first) && !is_open_paren(first)) return 0;
  Head u(line);
  if (!u.has(0)) return 0;
  std::size_t i = 0;
  if (chinese_number(u, i)) {
    if (u.has(i) && u[i] == U'、' && has_text_after(u, i + 1)) return 2;
    return 0;
  }
  if (is_open_paren(u[0])) {
    i = 1;
    if (chinese_number(u, i)) {
      if (u.has(i) && is_close_paren(u[i]) && has_text_after(u, i + 1)) return 3;
      return 0;
    }
    i = 1;
    if (arabic_number(u, i) && u.has(i) && is_close_paren(u[i]) && has_text_after(u, i + 1)) return 5;
    return 0;
  }
  i = 0;
  if (arabic_number(u, i) && u.has(i) && (u[i] == '.' || u[i] == U'．' || u[i] == U'、') && u.has(i + 1) &&
      !ascii_or_wide_digit(u[i + 1]) && has_text_after(u, i + 1))
    return 4;
  return 0;
}

bool heading_shape(std::string_view line) {
  int n = 0;
  char32_t last = 0;
  char32_t before = 0;
  bool colon_after = false;  // an ASCII colon must sit between two digits (10:30)
  for (std::size_t i = 0; i < line.size();) {
    char32_t c = text::next(line, i);
    if (++n > 40) return false;
    if (c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == ';' || c == '!' || c == '?' || c == U'：')
      return false;
    if (colon_after && !(c >= '0' && c <= '9')) return false;
    if (c == ':' && !(before >= '0' && before <= '9')) return false;
    colon_after = c == ':';
    before = c;
    last = c;
  }
  if (n == 0) return false;
  return !(last == ':' || last == U'，' || last == ',' || last == '.' || last == U'、');
}

int heading_level(std::string_view line) {
  int level = heading_number_level(line);
  return level > 0 && heading_shape(line) ? level : 0;
}

std::size_t bullet_length(std::string_view line) {
  if (line.empty()) return 0;
  std::size_t i = 0;
  char32_t c = text::next(line, i);
  bool glyph = c == U'•' || c == U'●' || c == U'·' || c == U'◆' || c == U'■' || c == U'▪' || c == 0xF0B7;
  bool md = c == '-' || c == '*' || c == '+';
  if (!glyph && !md) return 0;
  if (md) {
    if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) return 0;
    // A thematic break (*** / - - - / ___) is text, not a list item.
    bool only_marks = true;
    int marks = 0;
    for (char ch : line) {
      if (static_cast<char32_t>(static_cast<unsigned char>(ch)) == c)
        ++marks;
      else if (ch != ' ' && ch != '\t')
        only_marks = false;
    }
    if (only_marks && marks >= 3) return 0;
  }
  while (i < line.size()) {
    std::size_t j = i;
    char32_t d = text::next(line, j);
    if (d != ' ' && d != '\t' && d != 0x3000) break;
    i = j;
  }
  return i < line.size() ? i : 0;
}

}  // namespace old_numbering

struct Rng {
  std::uint32_t state;
  std::uint32_t operator()() { return (state = state * 1664525u + 1013904223u) >> 8; }
};

std::size_t checked = 0;

void check_line(const std::string& s) {
  ++checked;
  const std::string_view v(s);
  const int level = numbering::heading_number_level(v);
  const int old_level = old_numbering::heading_number_level(v);
  if (level != old_level) CHECK_MESSAGE(level == old_level, s);
  const bool shape = numbering::heading_shape(v);
  const bool old_shape = old_numbering::heading_shape(v);
  if (shape != old_shape) CHECK_MESSAGE(shape == old_shape, s);
  const std::size_t bullet = numbering::bullet_length(v);
  const std::size_t old_bullet = old_numbering::bullet_length(v);
  if (bullet != old_bullet) CHECK_MESSAGE(bullet == old_bullet, s);
  const int heading = numbering::heading_level(v);
  const int old_heading = old_numbering::heading_level(v);
  if (heading != old_heading) CHECK_MESSAGE(heading == old_heading, s);
}

}  // namespace

TEST_CASE("numbering: the gated checks answer as the plain ones on generated lines") {
  checked = 0;
  const std::vector<std::string> heads = {"一",
                                          "二",
                                          "三",
                                          "四",
                                          "五",
                                          "六",
                                          "七",
                                          "八",
                                          "九",
                                          "十",
                                          "十一",
                                          "二十",
                                          "二十一",
                                          "九十九",
                                          "一十",
                                          "百",
                                          "1",
                                          "9",
                                          "12",
                                          "123",
                                          "０",
                                          "９",
                                          "１２",
                                          "1２",
                                          "（",
                                          "(",
                                          "）",
                                          ")",
                                          "、",
                                          ".",
                                          "．",
                                          "•",
                                          "●",
                                          "·",
                                          "◆",
                                          "■",
                                          "▪",
                                          "\xEF\x82\xB7",
                                          "-",
                                          "*",
                                          "+",
                                          "_",
                                          "#",
                                          ">",
                                          "第",
                                          "一是",
                                          "3.14",
                                          "\xC0\xB0",
                                          "\xC0\xA8",
                                          "\xC0\xAD",
                                          "\xE0\x80\xB1",
                                          "\xF0\x84\xB8\x80",
                                          "\xE4\x38\x80",
                                          "\xE4",
                                          "\xE5\x8D",
                                          "\xEF\xBC",
                                          "\x80",
                                          "\xFF",
                                          "\xC2\xB7"};
  const std::vector<std::string> body = {"会",
                                         "议",
                                         "加强",
                                         "，",
                                         ",",
                                         "。",
                                         "！",
                                         "？",
                                         "；",
                                         "：",
                                         ";",
                                         "!",
                                         "?",
                                         ":",
                                         "1",
                                         "0",
                                         "9",
                                         "１",
                                         " ",
                                         "\t",
                                         "\xE3\x80\x80",
                                         "、",
                                         ".",
                                         "a",
                                         "Z",
                                         "-",
                                         "*",
                                         "+",
                                         "（",
                                         "）",
                                         "(",
                                         ")",
                                         "\xF0\x9F\x98\x80",
                                         "\xE3",
                                         "\x80",
                                         "\xC3",
                                         "\xEF\xBC\x9A",
                                         "\xEF\xBC",
                                         "一",
                                         "十"};
  Rng rng{12345};
  for (int n = 0; n < 300000; ++n) {
    std::string s;
    const std::uint32_t parts = rng() % 4;
    for (std::uint32_t k = 0; k < parts; ++k) s += heads[rng() % heads.size()];
    if (rng() % 5 == 0 && !s.empty()) s += heads[rng() % heads.size()];
    // Lengths near 40 code points: plain text, or a run of one kind of character.
    std::uint32_t len = rng() % 8 == 0 ? 36 + rng() % 10 : rng() % 16;
    if (rng() % 20 == 0) len = 150 + rng() % 20;  // near the 160-byte cut
    const bool same = rng() % 4 == 0;
    const std::string& one = body[rng() % body.size()];
    for (std::uint32_t k = 0; k < len; ++k) s += same ? one : body[rng() % body.size()];
    check_line(s);
  }
  // Thematic breaks and bullets with spaces.
  for (const char* t : {"***", "* * *", "- - -", "---", "+++", "- -", "-  -  -  x", "*\t*\t*", "- ", "-", "• ",
                        "•\xE3\x80\x80x", "·\t\tx", "* * * *", "- 会议", "+ 1", "--- 会", ""})
    check_line(t);
  // Every first and second byte, then a few continuations and text.
  for (int b0 = 0; b0 < 256; ++b0)
    for (int b1 = 0; b1 < 256; ++b1)
      for (const char* tail : {"", "\x80", "\xB8\x80、会议", "\x80\xB0.会", "）会议", " x"}) {
        std::string s;
        s += static_cast<char>(b0);
        s += static_cast<char>(b1);
        s += tail;
        check_line(s);
      }
  // Three-byte leads: every pair of following bytes.
  for (int b0 = 0xE0; b0 <= 0xEF; ++b0)
    for (int b1 = 0; b1 < 256; ++b1)
      for (int b2 = 0; b2 < 256; ++b2) {
        std::string s;
        s += static_cast<char>(b0);
        s += static_cast<char>(b1);
        s += static_cast<char>(b2);
        s += "、会议 1";
        check_line(s);
      }
  CHECK(checked > 1000000);
}

TEST_CASE("numbering: heading_shape's four-at-a-time skip answers as the plain check") {
  // Runs of Chinese (leads E1–EE but E3, and the E3/EF marks that stop the skip) mixed with the
  // ASCII the check looks at (digits, colons, stops), of 0–60 code points.
  checked = 0;
  const std::vector<std::string> pieces = {"会",
                                           "议",
                                           "会议会议",
                                           "\xE1\x80\x80",
                                           "\xEE\xBF\xBF",
                                           "、",
                                           "。",
                                           "，",
                                           "：",
                                           "1",
                                           "10",
                                           ":",
                                           "10:",
                                           " ",
                                           ";",
                                           "a",
                                           ".",
                                           "·",
                                           "\xF0\x9F\x98\x80"};
  Rng rng{4242};
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    const std::uint32_t parts = rng() % 24;
    for (std::uint32_t k = 0; k < parts; ++k) s += pieces[rng() % pieces.size()];
    check_line(s);
  }
  CHECK(checked == 200000);
}
