#include "text.h"

namespace paiban::text {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out += next(s, i);
  return out;
}

void append(std::string& out, std::u32string_view s) {
  std::size_t bytes = 0;
  for (char32_t c : s) bytes += utf8_size(c);
  const std::size_t at = out.size();
  out.resize(at + bytes);
  char* p = out.data() + at;
  for (char32_t c : s) p += encode(c, p);
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  append(out, s);
  return out;
}

int length(std::string_view s) {
  // The bytes that are not continuation bytes (10xxxxxx), eight at a time: a continuation byte
  // has bit 7 set and bit 6 (shifted into bit 7's place) clear.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t size = s.size();
  std::size_t continuation = 0;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const std::uint64_t w = bytes8::load(p + i);
    // one bit per continuation byte, at bit 0 of its byte; the multiply sums them in the top byte
    continuation += static_cast<std::size_t>((((w & ~(w << 1) & bytes8::kHigh) >> 7) * bytes8::kOnes) >> 56);
  }
  for (; i < size; ++i) continuation += (p[i] & 0xC0) == 0x80 ? 1 : 0;
  return static_cast<int>(size - continuation);
}

std::size_t utf16_length(std::string_view s) {
  return Utf16Counter(s).to(s.size());
}

int utf16_units(std::string_view s, int cps) {
  int units = 0;
  std::size_t i = 0;
  for (int k = 0; k < cps && i < s.size(); ++k) units += next(s, i) >= 0x10000 ? 2 : 1;
  return units;
}

namespace {

/// Bytes `next` takes for a code point that starts with byte u.
std::size_t lead_length(unsigned char u) {
  if ((u >> 5) == 0x6) return 2;
  if ((u >> 4) == 0xE) return 3;
  if ((u >> 3) == 0x1E) return 4;
  return 1;
}

/// True when `next`, decoding s from its start, must stop at p: no byte among the three before
/// p starts a sequence long enough to cover p.
bool sure_start(std::string_view s, std::size_t p) {
  for (std::size_t k = 1; k <= 3 && k <= p; ++k)
    if (lead_length(static_cast<unsigned char>(s[p - k])) > k) return false;
  return true;
}

}  // namespace

std::string_view trim(std::string_view s) {
  // Leading: decode from the start up to the first character that is not a space.
  std::size_t i = 0;
  std::size_t b = 0;
  for (;;) {
    if (i >= s.size()) return {};
    const std::size_t start = i;
    if (!is_space(next(s, i))) {
      b = start;
      break;
    }
  }
  const std::size_t first_end = i;
  // Trailing: decode forward from a place near the end where a code point surely starts, and
  // step further back while what lies after it is all spaces.
  std::size_t hi = s.size();
  while (hi > first_end) {
    std::size_t p = hi - 1;
    while (p > first_end && !sure_start(s, p)) --p;
    std::size_t last_keep = 0;
    for (std::size_t k = p; k < hi;) {
      if (!is_space(next(s, k))) last_keep = k;
    }
    if (last_keep != 0) return s.substr(b, last_keep - b);
    hi = p;
  }
  return s.substr(b, first_end - b);
}

std::string fold_halfwidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    append(out, fold_halfwidth(next(s, i)));
  }
  return out;
}

}  // namespace paiban::text
