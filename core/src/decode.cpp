#include "decode.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "text.h"

namespace paiban {

namespace {}  // namespace

bool valid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

namespace {

/// Classes of ASCII bytes for clean_run.
enum : unsigned char {
  kPrintable = 1,  ///< 0x20–0x7E
  kKept = 2,       ///< printable or tab: kept as it is
  kMarkup = 4,     ///< a byte cmark's inline parser stops at: ! & * < [ \ ] _ `
  kAstral = 8,     ///< (not a byte class) a kept four-byte sequence: a code point past U+FFFF
};

/// The class of each byte (0 for bytes from 0x80 on: clean_run reads those as sequences).
constexpr std::array<unsigned char, 256> kAsciiClass = [] {
  std::array<unsigned char, 256> t{};
  for (unsigned c = 0; c < 128; ++c) {
    unsigned char k = 0;
    if (c >= 0x20 && c < 0x7F) k |= kPrintable | kKept;
    if (c == '\t') k |= kKept;
    if (text::markup_start(static_cast<unsigned char>(c))) k |= kMarkup;
    t[c] = k;
  }
  return t;
}();

/// True when one of the eight bytes of w (all printable ASCII) is a markup byte. Each lies below
/// 0x61, which letters and most of a URL are not.
bool word_has_markup(std::uint64_t w) {
  if (!text::bytes8::any_below(w, 0x61)) return false;
  unsigned any = 0;
  for (int k = 0; k < 8; ++k) any |= kAsciiClass[(w >> (8 * k)) & 0xFFu];
  return (any & kMarkup) != 0;
}

/// The end of the run of bytes from `i` that decode keeps as they are: printable ASCII, tab and
/// valid multi-byte sequences. It stops at a line break, a control byte, an invalid sequence
/// or the end. The classes of the ASCII bytes it passes are or'ed into `seen` (only kMarkup is
/// meant: once it is there, the 8-byte skip stops looking for it).
std::size_t clean_run(std::string_view s, std::size_t i, unsigned& seen) {
  unsigned got = seen;  // (kept in a register, written back on the way out)
  const std::size_t n = s.size();
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  while (i < n) {
    const unsigned char c = in[i];
    if (c >= 0x80) {
      // Runs of three-byte characters (all of CJK) first: four at a time from two 8-byte words
      // (bytes 0–5 and 6–11) while every lead is E1–EF but ED and every other byte a
      // continuation byte. The mask takes leads E0–EF; the four leads' low nibbles, gathered
      // into bytes 0, 3, 4 and 7 of one word, must then be neither 0 nor D (E0 and ED need a
      // look at the next byte: the loop below). A nibble x in a byte: x + 0x7F has the top bit
      // set exactly when x ≠ 0, and (x ^ 0xD) + 0x7F exactly when x ≠ 0xD.
      constexpr std::uint64_t kMask = 0xC0C0F0C0C0F0ull;
      constexpr std::uint64_t kWant = 0x8080E08080E0ull;
      constexpr std::uint64_t kNibbles = 0x0F00000Full;
      constexpr std::uint64_t kAdd = 0x7F00007F7F00007Full;
      constexpr std::uint64_t kD = 0x0D00000D0D00000Dull;
      constexpr std::uint64_t kTop = 0x8000008080000080ull;
      while (i + 14 <= n) {
        const std::uint64_t w0 = text::bytes8::load(in + i);
        const std::uint64_t w1 = text::bytes8::load(in + i + 6);
        if ((w0 & kMask) != kWant || (w1 & kMask) != kWant) break;
        const std::uint64_t leads = (w0 & kNibbles) | ((w1 & kNibbles) << 32);
        if (((leads + kAdd) & ((leads ^ kD) + kAdd) & kTop) != kTop) break;
        i += 12;
      }
      while (i + 2 < n) {
        const unsigned char b0 = in[i];
        if (b0 < 0xE1 || b0 > 0xEF || b0 == 0xED) break;
        std::uint16_t tail = 0;
        std::memcpy(&tail, in + i + 1, 2);
        if ((tail & 0xC0C0u) != 0x8080u) {
          seen = got;
          return i;
        }
        i += 3;
      }
      if (i >= n || in[i] < 0x80) continue;
      const std::size_t len = utf8_sequence(s, i);
      if (len == 0) {
        seen = got;
        return i;
      }
      if (len == 4) got |= kAstral;
      i += len;
    } else if ((kAsciiClass[c] & kKept) != 0) {
      got |= kAsciiClass[c];
      ++i;
      // In Chinese text most ASCII runs are short (a number, a comma): a byte at a time first.
      const std::size_t few = std::min(n, i + 8);
      unsigned k = 0;
      while (i < few && ((k = kAsciiClass[in[i]]) & kPrintable) != 0) {
        got |= k;
        ++i;
      }
      if (i < few) continue;
      // More ASCII likely follows: eight printable bytes at a time (a byte >= 0x80, < 0x20 or
      // 0x7F ends the skip; a false alarm only sends a byte through the checks above).
      while (i + 8 <= n) {
        const std::uint64_t w = text::bytes8::load(in + i);
        if (text::bytes8::any_high(w) || text::bytes8::any_below(w, 0x20) || text::bytes8::any_equal(w, 0x7F)) break;
        if ((got & kMarkup) == 0 && word_has_markup(w)) got |= kMarkup;
        i += 8;
      }
    } else {
      seen = got;
      return i;
    }
  }
  seen = got;
  return n;
}

}  // namespace

Source decode(std::string_view bytes, std::vector<Diagnostic>& diagnostics, bool may_borrow) {
  Source src;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::size_t n = bytes.size();
  const char* const in = bytes.data();
  std::size_t breaks = 0;  // line feeds, found with memchr (a plain byte loop is slow at -O2)
  if (n > 0) {
    const char* at = in;
    const char* const end = in + n;
    while ((at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)))) != nullptr) {
      ++breaks;
      ++at;
    }
  }
  std::vector<std::size_t>& starts = src.starts;
  starts.reserve(breaks + 2);
  starts.push_back(0);
  // Input bytes from `kept` on that are not in `out` yet go there unchanged: they are copied
  // in one piece when something must change (or at the end, unless the input is borrowed).
  std::string& out = src.owned;
  std::size_t kept = 0;
  bool copied = false;
  unsigned seen = 0;  // the classes of the ASCII bytes kept (kMarkup: some markup byte)
  const auto flush = [&](std::size_t to) {
    if (!copied) out.reserve(n + 1);
    copied = true;
    out.append(in + kept, to - kept);
    kept = to;
  };
  // The byte after a line end that starts at `at` (a CR, LF or CRLF).
  const auto after_break = [&](std::size_t at) {
    return at + ((in[at] == '\r' && at + 1 < n && in[at + 1] == '\n') ? 2 : 1);
  };
  std::size_t i = 0;
  while (i < n) {
    // Clean bytes up to the line end are kept as they are.
    std::size_t end = clean_run(bytes, i, seen);
    if (end < n && in[end] == '\n') {
      i = end + 1;
      starts.push_back(out.size() + (i - kept));
      continue;
    }
    if (end == n || in[end] == '\r') {  // a line end to rewrite (the last line gets one)
      flush(end);
      out += '\n';
      i = end == n ? n : after_break(end);
      kept = i;
      starts.push_back(out.size());
      continue;
    }
    // A byte to replace: the rest of the line is copied piece by piece.
    flush(end);
    int col = 1 + text::length(bytes.substr(i, end - i));  // code point column of byte `end`
    int bad_in_line = 0;
    int first_bad_col = 0;
    i = end;
    while (i < n && in[i] != '\n' && in[i] != '\r') {
      const std::size_t len = utf8_sequence(bytes, i);
      const auto ub = static_cast<unsigned char>(in[i]);
      if (len == 0 || (len == 1 && ub < 0x20 && ub != '\t') || ub == 0x7F) {
        if (bad_in_line++ == 0) first_bad_col = col;
        out += "\xEF\xBF\xBD";
        i += len == 0 ? 1 : len;
        ++col;
        continue;
      }
      const std::size_t to = clean_run(bytes, i, seen);
      col += text::length(bytes.substr(i, to - i));
      out.append(in + i, to - i);
      i = to;
    }
    Diagnostic d;
    d.rule = "decode.invalid-utf8";
    d.severity = Severity::warning;
    d.line = static_cast<int>(starts.size());
    d.column = first_bad_col;
    d.length = 1;
    d.after = "\xEF\xBF\xBD";
    d.set_message("第" + std::to_string(d.line) + "行有 " + std::to_string(bad_in_line) +
                  " 处无法识别的字节，已替换为 �，请核对原文 / " + std::to_string(bad_in_line) +
                  " invalid byte sequence(s) on this line were replaced with U+FFFD; check the original");
    diagnostics.push_back(std::move(d));
    out += '\n';
    if (i < n) i = after_break(i);
    kept = i;
    starts.push_back(out.size());
  }
  src.markup_free = (seen & kMarkup) == 0;
  src.bmp_only = (seen & kAstral) == 0;
  if (may_borrow && !copied) {  // nothing changed: every line ends with LF
    src.borrowed = true;
    src.input = bytes;
  } else {
    flush(n);
  }
  return src;
}

}  // namespace paiban
