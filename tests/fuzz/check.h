// Invariants every fuzz target checks: any failure aborts, so libFuzzer reports it.
#ifndef PAIBAN_FUZZ_CHECK_H
#define PAIBAN_FUZZ_CHECK_H

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace paiban::fuzz {

/// Aborts with a message when `ok` is false (asserts are off in optimized builds).
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
  std::abort();
}

/// True when s is valid UTF-8 without overlongs, surrogates or code points above U+10FFFF.
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (b0 < 0x80)
      n = 1;
    else if (b0 >= 0xC2 && b0 <= 0xDF)
      n = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF)
      n = 3;
    else if (b0 >= 0xF0 && b0 <= 0xF4)
      n = 4;
    else
      return false;
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    const auto b1 = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (b0 == 0xE0 && b1 < 0xA0) return false;
    if (b0 == 0xED && b1 >= 0xA0) return false;
    if (b0 == 0xF0 && b1 < 0x90) return false;
    if (b0 == 0xF4 && b1 >= 0x90) return false;
    i += n;
  }
  return true;
}

/// True when valid UTF-8 s holds no character HTML text forbids (controls but tab, LF, FF and
/// CR; DEL; C1 controls; noncharacters): what the page shows as U+FFFD.
inline bool html_clean(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r') || b == 0x7F) return false;
    const auto b1 = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0u;
    const auto b2 = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0u;
    const auto b3 = i + 3 < s.size() ? static_cast<unsigned char>(s[i + 3]) : 0u;
    if (b == 0xC2 && b1 >= 0x80 && b1 <= 0x9F) return false;                                         // U+0080–U+009F
    if (b == 0xEF && b1 == 0xB7 && b2 >= 0x90 && b2 <= 0xAF) return false;                           // U+FDD0–U+FDEF
    if (b == 0xEF && b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)) return false;                         // U+FFFE, U+FFFF
    if (b >= 0xF0 && (b1 & 0x0F) == 0x0F && b2 == 0xBF && (b3 == 0xBE || b3 == 0xBF)) return false;  // U+xFFFE/F
  }
  return true;
}

}  // namespace paiban::fuzz

#endif  // PAIBAN_FUZZ_CHECK_H
