// Stage 1: bytes → valid UTF-8 lines.
#ifndef PAIBAN_DECODE_H
#define PAIBAN_DECODE_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "model.h"

namespace paiban {

/// Strips a UTF-8 BOM, splits on LF, CRLF and CR, and replaces each invalid UTF-8 sequence
/// with U+FFFD, adding one "decode.invalid-utf8" diagnostic per affected line. NUL bytes and
/// other C0 controls except tab become U+FFFD as well. With `may_borrow`, input that needs no
/// change (valid, LF line ends only, the last line ended) is not copied: the Source views
/// `bytes`, which must then outlive it.
Source decode(std::string_view bytes, std::vector<Diagnostic>& diagnostics, bool may_borrow = false);

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlongs,
/// surrogates and code points above U+10FFFF are invalid).
#if defined(__GNUC__) || defined(__clang__)
#define PAIBAN_ALWAYS_INLINE __attribute__((always_inline))
#else
#define PAIBAN_ALWAYS_INLINE
#endif
/// (Always inlined: it runs once per multi-byte character in the decoder and the JSON writer.)
PAIBAN_ALWAYS_INLINE inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const auto cont = [&](std::size_t k) { return i + k < n && (p[k] & 0xC0) == 0x80; };
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return 1;
  // The common case first: three bytes (all of CJK), neither overlong (E0) nor a surrogate (ED).
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED) {
    if (i + 2 >= n) return 0;
    std::uint16_t tail = 0;  // both continuation bytes in one compare
    std::memcpy(&tail, p + 1, 2);
    return (tail & 0xC0C0u) == 0x8080u ? 3 : 0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1) && cont(2) && p[1] >= 0xA0 ? 3 : 0;  // else overlong
  if (b0 == 0xED) return cont(1) && cont(2) && p[1] < 0xA0 ? 3 : 0;   // else a surrogate
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (b0 == 0xF0 && p[1] < 0x90) return 0;   // overlong
    if (b0 == 0xF4 && p[1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

/// True when s is valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s);

}  // namespace paiban

#endif  // PAIBAN_DECODE_H
