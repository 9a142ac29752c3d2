#include "json_write.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "decode.h"
#include "text.h"

namespace paiban::jsonw {

namespace {

/// The bytes JSON needs escaped: control characters, '"' and '\\'.
constexpr bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

/// True when none of the 8 bytes at p needs a look: each is printable ASCII other than '"'
/// and '\\' (0x20–0x7F; DEL needs no escape).
inline bool plain8(const unsigned char* p) {
  using namespace text::bytes8;
  const std::uint64_t w = load(p);
  return !any_high(w) && !any_below(w, 0x20) && !any_equal(w, '"') && !any_equal(w, '\\');
}

}  // namespace

void Writer::string(std::string_view s) {
  // One pass: plain bytes are copied in runs, escapes are written, a multi-byte sequence is
  // checked as it goes by, and at the first invalid one the whole string goes to nlohmann.
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t mark = n_;
  const std::size_t len = s.size();
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  char* p = room(len + 2);
  *p++ = '"';
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < len) {
    const unsigned char c = in[i];
    if (c >= 0x80) {
      const std::size_t k = utf8_sequence(s, i);
      if (k == 0) {
        // Rare (the core hands out valid UTF-8): let nlohmann write its replacement.
        n_ = mark;
        raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
      }
      i += k;
      continue;
    }
    if (!needs_escape(c)) {
      ++i;
      // After a plain ASCII byte, eight at a time while all eight are plain (markup and Latin
      // text are mostly that; Chinese text never gets here).
      while (i + 8 <= len && plain8(in + i)) i += 8;
      continue;
    }
    std::memcpy(p, in + start, i - start);
    p += i - start;
    start = ++i;
    // The escape takes up to 6 bytes where the string had 1: make room for the rest as well.
    n_ = static_cast<std::size_t>(p - buf_.data());
    p = room(6 + (len - start) + 1);
    *p++ = '\\';
    switch (c) {
      case '"':
        *p++ = '"';
        break;
      case '\\':
        *p++ = '\\';
        break;
      case '\b':
        *p++ = 'b';
        break;
      case '\f':
        *p++ = 'f';
        break;
      case '\n':
        *p++ = 'n';
        break;
      case '\r':
        *p++ = 'r';
        break;
      case '\t':
        *p++ = 't';
        break;
      default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 0xF];
    }
  }
  std::memcpy(p, in + start, len - start);
  p += len - start;
  *p++ = '"';
  n_ = static_cast<std::size_t>(p - buf_.data());
}

void Writer::number(long long v) {
  char* p = room(24);
  n_ = static_cast<std::size_t>(std::to_chars(p, p + 24, v).ptr - buf_.data());
}

}  // namespace paiban::jsonw
