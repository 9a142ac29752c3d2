// Stage 1: bytes → valid UTF-8 lines.
#ifndef PAIBAN_DECODE_H
#define PAIBAN_DECODE_H

#include <cstddef>
#include <string_view>
#include <vector>

#include "model.h"

namespace paiban {

/// Strips a UTF-8 BOM, splits on LF, CRLF and CR, and replaces each invalid UTF-8 sequence
/// with U+FFFD, adding one "decode.invalid-utf8" diagnostic per affected line. NUL bytes and
/// other C0 controls except tab become U+FFFD as well.
Source decode(std::string_view bytes, std::vector<Diagnostic>& diagnostics);

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlongs,
/// surrogates and code points above U+10FFFF are invalid).
#if defined(__GNUC__) || defined(__clang__)
#define PAIBAN_ALWAYS_INLINE __attribute__((always_inline))
#else
#define PAIBAN_ALWAYS_INLINE
#endif
/// (Always inlined: it runs once per multi-byte character in the decoder and the JSON writer.)
PAIBAN_ALWAYS_INLINE inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto is_cont = [&](std::size_t k) { return i + k < s.size() && (byte(k) & 0xC0) == 0x80; };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return is_cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!is_cont(1) || !is_cont(2)) return 0;
    if (b0 == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (b0 == 0xED && byte(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!is_cont(1) || !is_cont(2) || !is_cont(3)) return 0;
    if (b0 == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (b0 == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

/// True when s is valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s);

}  // namespace paiban

#endif  // PAIBAN_DECODE_H
