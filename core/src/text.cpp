#include "text.h"

namespace paiban::text {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out += next(s, i);
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) append(out, c);
  return out;
}

int length(std::string_view s) {
  int n = 0;
  for (unsigned char b : s)
    if ((b & 0xC0) != 0x80) ++n;
  return n;
}

int utf16_units(std::string_view s, int cps) {
  int units = 0;
  std::size_t i = 0;
  for (int k = 0; k < cps && i < s.size(); ++k) units += next(s, i) >= 0x10000 ? 2 : 1;
  return units;
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t last_keep = 0;
  bool seen = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = next(s, i);
    if (!is_space(c)) {
      if (!seen) b = start;
      seen = true;
      last_keep = i;
    }
  }
  if (!seen) return {};
  return s.substr(b, last_keep - b);
}

std::string fold_halfwidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next(s, i);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c == 0x3000) c = ' ';
    append(out, c);
  }
  return out;
}

}  // namespace paiban::text
