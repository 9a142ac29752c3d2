#include "numbering.h"

#include <array>
#include <cstdint>

#include "text.h"

namespace paiban::numbering {

namespace {

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

/// 一 … 九 as 1–9; 0 for any other character (〇 and 零 among them).
int numeral_digit(char32_t c) {
  const int d = text::chinese_digit(c);
  return d > 0 ? d : 0;
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

// By a line's first byte: whether the first code point, as text::next decodes it, can start a
// heading number (一…九 十 0…9 ０…９ ( （) or a bullet (- * + • ● · ◆ ■ ▪ U+F0B7). Beyond the ASCII
// ones only these leads can: E4 and E5 (the numerals and 十), EF (（ ０…９ U+F0B7), C2 (·), E2
// (• ● ◆ ■ ▪), and — text::next takes any byte after a lead as its continuation — C0, E0 and F0,
// whose short or malformed sequences decode to small code points (C0 B0 is '0'), F0 to any below
// U+40000.
constexpr unsigned char kMayNumber = 1;
constexpr unsigned char kMayBullet = 2;
constexpr std::array<unsigned char, 256> kFirstByte = [] {
  std::array<unsigned char, 256> t{};
  for (int b = '0'; b <= '9'; ++b) t[static_cast<std::size_t>(b)] = kMayNumber;
  t['('] = kMayNumber;
  t['-'] = t['*'] = t['+'] = kMayBullet;
  t[0xC0] = t[0xE0] = t[0xF0] = kMayNumber | kMayBullet;
  t[0xE4] = t[0xE5] = kMayNumber;
  t[0xEF] = kMayNumber | kMayBullet;
  t[0xC2] = t[0xE2] = kMayBullet;
  return t;
}();

// heading_number_level once the first character may start a number (kept apart, so that the
// lines the first byte settles do not set up its frame).
[[gnu::noinline]] int number_level(std::string_view line) {
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

}  // namespace

int heading_number_level(std::string_view line) {
  // Every numbered heading starts with a numeral, 十, a digit or an opening parenthesis: the
  // first byte settles most lines, the first character most of the rest.
  if (line.empty() || (kFirstByte[static_cast<unsigned char>(line[0])] & kMayNumber) == 0) return 0;
  // Three digits (a year, a count) are no heading number.
  const auto is_digit = [](char b) { return b >= '0' && b <= '9'; };
  if (line.size() >= 3 && is_digit(line[0]) && is_digit(line[1]) && is_digit(line[2])) return 0;
  std::size_t first_end = 0;
  const char32_t first = text::next(line, first_end);
  if (numeral_digit(first) == 0 && first != U'十' && !ascii_or_wide_digit(first) && !is_open_paren(first)) return 0;
  return number_level(line);
}

/// Leads heading_shape passes over without decoding: E1–EE but E3.
constexpr std::array<unsigned char, 256> kHanLead = [] {
  std::array<unsigned char, 256> t{};
  for (unsigned b = 0xE1; b <= 0xEE; ++b) t[b] = b == 0xE3 ? 0 : 1;
  return t;
}();

bool heading_shape(std::string_view line) {
  // A code point takes at most four bytes: a longer line has more than 40.
  constexpr std::size_t kMaxBytes = std::size_t{4} * 40;
  if (line.empty() || line.size() > kMaxBytes) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const std::size_t size = line.size();
  int n = 0;
  char32_t last = 0;
  bool digit_before = false;  // the code point before is an ASCII digit
  bool colon_after = false;   // an ASCII colon must sit between two digits (10:30)
  for (std::size_t i = 0; i < size;) {
    // Four such characters at a time (their leads looked up in a table), while they cannot
    // make the 41st code point and no colon waits for a digit.
    while (i + 12 <= size && n <= 36 && !colon_after &&
           (kHanLead[p[i]] & kHanLead[p[i + 3]] & kHanLead[p[i + 6]] & kHanLead[p[i + 9]]) != 0) {
      i += 12;
      n += 4;
      digit_before = false;
      last = U'一';
    }
    if (i >= size) break;
    char32_t c = p[i];
    if (c - 0xE1 <= 0xEE - 0xE1 && c != 0xE3 && i + 2 < size) {
      // Three bytes that decode to U+1000…U+2FFF or U+4000…U+EFFF (most of CJK): none is a
      // stop, an end mark or ASCII, so they need not be decoded.
      i += 3;
      if (++n > 40 || colon_after) return false;
      digit_before = false;
      last = U'一';
      continue;
    }
    if (c < 0x80) {
      ++i;
    } else if ((c >> 4) == 0xE && i + 2 < size) {  // text::next's three-byte case
      c = text::decode3(p + i);
      i += 3;
    } else {
      c = text::next(line, i);
    }
    if (++n > 40) return false;
    if (c < 0x80) {  // (malformed sequences can decode to ASCII too)
      const bool digit = c >= '0' && c <= '9';
      if (colon_after && !digit) return false;
      if (c == ';' || c == '!' || c == '?') return false;
      colon_after = c == ':';
      if (colon_after && !digit_before) return false;
      digit_before = digit;
    } else {
      if (colon_after) return false;
      // 。 and the full-width ！ ？ ； ：
      constexpr std::uint32_t kStops =
          (1u << (U'！' - U'！')) | (1u << (U'？' - U'！')) | (1u << (U'；' - U'！')) | (1u << (U'：' - U'！'));
      if (c == U'。' || (c - U'！' <= U'？' - U'！' && ((kStops >> (c - U'！')) & 1u) != 0)) return false;
      digit_before = false;
    }
    last = c;
  }
  return !(last == ':' || last == U'，' || last == ',' || last == '.' || last == U'、');
}

int heading_level(std::string_view line) {
  int level = heading_number_level(line);
  return level > 0 && heading_shape(line) ? level : 0;
}

std::size_t bullet_length(std::string_view line) {
  if (line.empty() || (kFirstByte[static_cast<unsigned char>(line[0])] & kMayBullet) == 0) return 0;
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
      else if (ch != ' ' && ch != '\t') {
        only_marks = false;
        break;
      }
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

}  // namespace paiban::numbering
