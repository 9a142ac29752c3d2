#include "numbering.h"

#include <array>

#include "text.h"

namespace paiban::numbering {

namespace {

/// The code points of a line's first 64 bytes, decoded as text::to_u32 would, kept on the stack.
class Head {
 public:
  explicit Head(std::string_view line) {
    line = line.substr(0, kBytes);
    for (std::size_t i = 0; i < line.size();) cps_[n_++] = text::next(line, i);
  }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  char32_t operator[](std::size_t i) const { return cps_[i]; }

 private:
  static constexpr std::size_t kBytes = 64;
  std::array<char32_t, kBytes> cps_{};
  std::size_t n_ = 0;
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
bool chinese_number(const Head& u, std::size_t& i) {
  std::size_t k = i;
  int first = k < u.size() ? numeral_digit(u[k]) : 0;
  if (first > 0) {
    ++k;
    if (k < u.size() && u[k] == U'十') {
      if (first == 1) return false;  // 一十 is not written
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

bool ascii_or_wide_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９');
}

// One or two digits at u[i]; advances i.
bool arabic_number(const Head& u, std::size_t& i) {
  std::size_t k = i;
  while (k < u.size() && k - i < 3 && ascii_or_wide_digit(u[k])) ++k;
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
bool has_text_after(const Head& u, std::size_t i) {
  for (; i < u.size(); ++i)
    if (!text::is_space(u[i])) return true;
  return false;
}

}  // namespace

int heading_number_level(std::string_view line) {
  // Every numbered heading starts with a numeral, 十, a digit or an opening parenthesis: one
  // look at the first character settles most lines.
  if (line.empty()) return 0;
  std::size_t first_end = 0;
  const char32_t first = text::next(line, first_end);
  if (numeral_digit(first) == 0 && first != U'十' && !ascii_or_wide_digit(first) && !is_open_paren(first)) return 0;
  const Head u(line);
  if (u.empty()) return 0;
  std::size_t i = 0;
  if (chinese_number(u, i)) {
    if (i < u.size() && u[i] == U'、' && has_text_after(u, i + 1)) return 2;
    return 0;
  }
  if (is_open_paren(u[0])) {
    i = 1;
    if (chinese_number(u, i)) {
      if (i < u.size() && is_close_paren(u[i]) && has_text_after(u, i + 1)) return 3;
      return 0;
    }
    i = 1;
    if (arabic_number(u, i) && i < u.size() && is_close_paren(u[i]) && has_text_after(u, i + 1)) return 5;
    return 0;
  }
  i = 0;
  if (arabic_number(u, i) && i < u.size() && (u[i] == '.' || u[i] == U'．' || u[i] == U'、') && i + 1 < u.size() &&
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

}  // namespace paiban::numbering
