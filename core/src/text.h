// Small UTF-8 and character-class helpers used by every stage.
#ifndef PAIBAN_TEXT_H
#define PAIBAN_TEXT_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace paiban::text {

/// Eight bytes at a time: yes/no questions about the bytes of a 64-bit word, for scans that skip
/// stretches of bytes they need not look at one by one.
namespace bytes8 {
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHigh = kOnes * 0x80;
/// The 8 bytes at p, as a word.
inline std::uint64_t load(const unsigned char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, 8);
  return w;
}
/// Some byte is 0x80 or above.
constexpr bool any_high(std::uint64_t w) {
  return (w & kHigh) != 0;
}
/// Some byte is below n (n ≤ 0x80). Exact: a borrow starts only at a byte below n.
constexpr bool any_below(std::uint64_t w, unsigned n) {
  return ((w - kOnes * n) & ~w & kHigh) != 0;
}
/// Some byte equals c.
constexpr bool any_equal(std::uint64_t w, unsigned char c) {
  return any_below(w ^ (kOnes * c), 1);
}
}  // namespace bytes8

/// A byte at which cmark's inline parser may see markup: ! & * < [ \ ] _ and the backtick
/// (line ends aside). Text with none of them is plain text to cmark.
constexpr bool markup_start(unsigned char c) {
  switch (c) {
    case '!':
    case '&':
    case '*':
    case '<':
    case '[':
    case '\\':
    case ']':
    case '_':
    case '`':
      return true;
    default:
      return false;
  }
}

/// The code point of the three bytes at p, a lead 0xE0–0xEF and two continuation bytes (their
/// low bits taken as they are): all of CJK. text::next's three-byte case, for loops that test
/// the lead themselves.
inline char32_t decode3(const unsigned char* p) {
  return (static_cast<char32_t>(p[0] & 0x0Fu) << 12) | (static_cast<char32_t>(p[1] & 0x3Fu) << 6) |
         static_cast<char32_t>(p[2] & 0x3Fu);
}

/// Decodes the code point at s[i] (s must be valid UTF-8) and advances i past it.
inline char32_t next(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3Fu); };
  char32_t c = 0;
  std::size_t n = 1;
  if (b0 < 0x80) {
    c = b0;
  } else if ((b0 >> 5) == 0x6 && i + 1 < s.size()) {
    c = (static_cast<char32_t>(b0 & 0x1Fu) << 6) | cont(1);
    n = 2;
  } else if ((b0 >> 4) == 0xE && i + 2 < s.size()) {
    c = decode3(reinterpret_cast<const unsigned char*>(s.data()) + i);
    n = 3;
  } else if ((b0 >> 3) == 0x1E && i + 3 < s.size()) {
    c = (static_cast<char32_t>(b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    n = 4;
  } else {
    c = 0xFFFD;
  }
  i += n;
  return c;
}
/// The bytes of c's UTF-8 form (what encode writes), three-byte characters (Chinese) tried first.
inline std::size_t utf8_size(char32_t c) {
  return c - 0x800 < 0xF800 ? 3 : c < 0x80 ? 1 : c < 0x800 ? 2 : 4;
}
/// Writes the UTF-8 form of c at p (room for 4 bytes); returns the bytes written.
inline std::size_t encode(char32_t c, char* p) {
  if (c < 0x80) {
    p[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    p[0] = static_cast<char>(0xC0 | (c >> 6));
    p[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    p[0] = static_cast<char>(0xE0 | (c >> 12));
    p[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  p[0] = static_cast<char>(0xF0 | (c >> 18));
  p[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  p[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  p[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}
/// Appends the UTF-8 form of c (one append: under WASM each string call is a real call).
inline void append(std::string& out, char32_t c) {
  char buf[4];
  out.append(buf, encode(c, buf));
}
/// Appends the UTF-8 form of s, sized once and written in place.
void append(std::string& out, std::u32string_view s);
/// The code points of s.
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
/// Number of code points in s.
int length(std::string_view s);
/// Number of UTF-16 code units in the first `cps` code points of s.
int utf16_units(std::string_view s, int cps);
/// Number of UTF-16 code units of s, valid UTF-8 (what TextDecoder makes of it): its code
/// points, and one more for each beyond the BMP (a four-byte sequence).
std::size_t utf16_length(std::string_view s);

/// utf16_length of the beginnings of one text, for places that only go forward: one walk over
/// the text eight bytes at a time, each place's last bytes counted in one masked word (no walk
/// a byte at a time per place).
class Utf16Counter {
 public:
  explicit Utf16Counter(std::string_view s) : p_(reinterpret_cast<const unsigned char*>(s.data())), n_(s.size()) {}
  /// utf16_length(s.substr(0, pos)); pos is not below the last one asked for, nor past the end.
  std::size_t to(std::size_t pos) {
    for (; at_ + 8 <= pos; at_ += 8) units_ += units8(bytes8::load(p_ + at_));
    if (pos == at_) return units_;
    std::uint64_t w = 0;
    std::memcpy(&w, p_ + at_, n_ - at_ < 8 ? n_ - at_ : 8);
    w &= ~std::uint64_t{0} >> (8 * (8 - (pos - at_)));  // the bytes before pos (1 to 7 of them)
    // a zero byte counts one unit, as an ASCII one would: take away the bytes masked off
    return units_ + units8(w) - (8 - (pos - at_));
  }

  /// UTF-16 units of the eight bytes of w: less one per continuation byte (10xxxxxx), plus one
  /// per lead of a four-byte sequence (bits 7 to 4 set), eight to start with.
  static std::size_t units8(std::uint64_t w) {
    return 8 - count(w & ~(w << 1) & bytes8::kHigh) + count(w & (w << 1) & (w << 2) & (w << 3) & bytes8::kHigh);
  }

 private:
  /// The bits of w, at bit 7 of its bytes.
  static std::size_t count(std::uint64_t bits) {
#if defined(__wasm__) || defined(__POPCNT__)
    return static_cast<std::size_t>(__builtin_popcountll(bits));  // one instruction
#else
    return static_cast<std::size_t>(((bits >> 7) * bytes8::kOnes) >> 56);
#endif
  }

  const unsigned char* p_;
  std::size_t n_;
  std::size_t at_ = 0;  ///< the bytes before it are counted in units_ (a multiple of 8)
  std::size_t units_ = 0;
};

/// ASCII character classes (digits, letters, both), shared by every stage.
inline bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_letter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
inline bool is_ascii_alnum(char32_t c) {
  return is_ascii_digit(c) || is_ascii_letter(c);
}

/// Han ideographs (CJK Unified, Ext A, compatibility) and 〇.
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}
/// Full-width and CJK punctuation: U+3000–U+303F, U+FF00–U+FFEF, and “”‘’…—·.
inline bool is_cjk_punct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0x201C || c == 0x201D || c == 0x2018 ||
         c == 0x2019 || c == 0x2026 || c == 0x2014 || c == 0x00B7;
}
/// The value of a Chinese numeral digit: 〇 and 零 0, 一 … 九 1–9; -1 for any other character.
/// (Dates, heading numbers and number.zero each read the digits they accept through it.)
constexpr int chinese_digit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
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
      return -1;
  }
}
/// is_han or is_cjk_punct.
inline bool is_cjk(char32_t c) {
  return is_han(c) || is_cjk_punct(c);
}
/// ASCII space, tab, U+3000 and other Unicode spaces (not line breaks).
inline bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
         c == 0x205F || c == 0xFEFF;
}

/// Characters that are parse errors in HTML text (controls other than tab, LF, FF, CR; C1
/// controls; noncharacters): the page shows U+FFFD for them.
constexpr bool forbidden_in_html(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\f' && c != '\r';
  if (c >= 0x7F && c <= 0x9F) return true;
  if (c >= 0xFDD0 && c <= 0xFDEF) return true;
  return (c & 0xFFFEu) == 0xFFFEu;
}
/// True when HTML text cannot hold c as it is: one of & < > " ' (an entity), or forbidden_in_html.
constexpr bool needs_html_escape(char32_t c) {
  return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || forbidden_in_html(c);
}

/// One character of fold_halfwidth: full-width ASCII forms (U+FF01–U+FF5E) to ASCII, the
/// ideographic space to a space; any other character as it is.
constexpr char32_t fold_halfwidth(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  return c == 0x3000 ? U' ' : c;
}

/// Writes v (0–9999) in `width` digits (2 or 4), with leading zeros, at p; returns the end.
inline char* put_digits(char* p, int v, int width) {
  if (width == 4) {
    *p++ = static_cast<char>('0' + v / 1000);
    *p++ = static_cast<char>('0' + v / 100 % 10);
  }
  *p++ = static_cast<char>('0' + v / 10 % 10);
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}

/// The most put_datetime writes.
constexpr std::size_t kDateTimeMax = 19;

/// Writes YYYY-MM-DD, `sep`, HH:MM and (with `seconds`) :SS at p (room for kDateTimeMax);
/// returns the end. (Meta's normalized date-times and render's page dates.)
inline char* put_datetime(char* p, int year, int month, int day, int hour, int minute, int second, char sep,
                          bool seconds) {
  p = put_digits(p, year, 4);
  *p++ = '-';
  p = put_digits(p, month, 2);
  *p++ = '-';
  p = put_digits(p, day, 2);
  *p++ = sep;
  p = put_digits(p, hour, 2);
  *p++ = ':';
  p = put_digits(p, minute, 2);
  if (!seconds) return p;
  *p++ = ':';
  return put_digits(p, second, 2);
}

/// s without leading and trailing is_space characters.
std::string_view trim(std::string_view s);
/// Folds full-width forms U+FF01–U+FF5E to ASCII (and U+3000 to a space).
std::string fold_halfwidth(std::string_view s);

}  // namespace paiban::text

#endif  // PAIBAN_TEXT_H
