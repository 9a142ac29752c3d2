#include "encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>

#include "decode.h"

namespace paiban::cli {

namespace {

using paiban::utf8_sequence;

struct Utf8Census {
  std::size_t multibyte = 0;  ///< well-formed sequences of 2 to 4 bytes
  std::size_t invalid = 0;    ///< bytes that start no well-formed sequence
};

Utf8Census census(std::string_view s) {
  Utf8Census c;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      ++c.invalid;
      ++i;
    } else {
      if (n > 1) ++c.multibyte;
      i += n;
    }
  }
  return c;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// UTF-16 (after the BOM) → UTF-8. An unpaired surrogate or a dangling odd byte becomes U+FFFD.
std::string utf16_to_utf8(std::string_view s, bool little_endian) {
  std::string out;
  out.reserve(s.size() * 3 / 2);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(s[i]);
    const auto b = static_cast<unsigned char>(s[i + 1]);
    return little_endian ? static_cast<std::uint32_t>(a | (b << 8)) : static_cast<std::uint32_t>((a << 8) | b);
  };
  const std::uint32_t replacement = 0xFFFD;
  std::size_t i = 0;
  while (i + 1 < s.size()) {
    const std::uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < s.size()) {
        const std::uint32_t v = unit(i);
        if (v >= 0xDC00 && v <= 0xDFFF) {
          i += 2;
          append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
          continue;
        }
      }
      append_utf8(out, replacement);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(out, replacement);
    } else {
      append_utf8(out, u);
    }
  }
  if (i < s.size()) append_utf8(out, replacement);
  return out;
}

/// GB18030 → UTF-8 with glibc's iconv. False when any byte sequence is invalid or incomplete.
bool gb18030_to_utf8(const std::string& in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;  // NOLINT(performance-no-int-to-ptr): iconv_open's error value
  std::string result;
  result.resize(in.size() * 2 + 16);
  // iconv's interface takes non-const pointers; the input is only read.
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  std::size_t used = 0;
  bool ok = true;
  while (src_left > 0) {
    char* dst = result.data() + used;
    std::size_t dst_left = result.size() - used;
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    used = result.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      result.resize(result.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ or EINVAL
    break;
  }
  iconv_close(cd);
  if (!ok) return false;
  result.resize(used);
  out = std::move(result);
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t n = utf8_sequence(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

Decoded to_utf8(std::string bytes) {
  Decoded d;
  const std::string_view v(bytes);
  if (v.size() >= 3 && v.substr(0, 3) == "\xEF\xBB\xBF") {
    d.text = std::move(bytes);
    return d;
  }
  if (v.size() >= 2 && v.substr(0, 2) == "\xFF\xFE") {
    d.text = utf16_to_utf8(v.substr(2), true);
    d.encoding = Encoding::utf16le;
    return d;
  }
  if (v.size() >= 2 && v.substr(0, 2) == "\xFE\xFF") {
    d.text = utf16_to_utf8(v.substr(2), false);
    d.encoding = Encoding::utf16be;
    return d;
  }
  const Utf8Census c = census(v);
  if (c.invalid == 0) {
    d.text = std::move(bytes);
    return d;
  }
  // Text that is mostly well-formed UTF-8 with a few damaged bytes can by chance also be
  // well-formed GB18030; GB18030 Chinese text, on the other hand, is almost never valid UTF-8.
  std::string converted;
  if (c.multibyte <= c.invalid && gb18030_to_utf8(bytes, converted)) {
    d.text = std::move(converted);
    d.encoding = Encoding::gb18030;
    return d;
  }
  d.text = std::move(bytes);
  d.encoding = Encoding::unknown;
  return d;
}

}  // namespace paiban::cli
