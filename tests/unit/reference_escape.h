// The HTML escape one character at a time, the reference the escaper's faster loops are checked
// against (test_render_speed, test_render_unrolled).
#ifndef PAIBAN_TESTS_REFERENCE_ESCAPE_H
#define PAIBAN_TESTS_REFERENCE_ESCAPE_H

#include <string>
#include <string_view>

#include "text.h"

namespace reference {

inline bool ref_forbidden(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\f' && c != '\r';
  if (c >= 0x7F && c <= 0x9F) return true;
  if (c >= 0xFDD0 && c <= 0xFDEF) return true;
  return (c & 0xFFFEu) == 0xFFFEu;
}

/// One character at a time: entities for & < > " ', U+FFFD for forbidden characters.
inline std::string ref_escape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F) {
      switch (b) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          out += static_cast<char>(b);
          break;
      }
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t c = paiban::text::next(s, i);
    if (ref_forbidden(c))
      paiban::text::append(out, 0xFFFD);
    else
      out.append(s.data() + start, i - start);
  }
  return out;
}

}  // namespace reference

#endif
