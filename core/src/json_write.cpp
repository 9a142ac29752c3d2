#include "json_write.h"

#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "decode.h"
#include "text.h"

namespace paiban::jsonw {

namespace {

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "Writer::string reads 8 bytes as a little-endian word"
#endif

/// The bytes JSON needs escaped: control characters, '"' and '\\'.
constexpr bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

/// The high bit of each byte of w that needs an escape. Bytes of 0x80 and above are never
/// flagged (valid UTF-8 needs no escape there). The lowest bit set is exact (a borrow starts
/// only at a byte that is flagged itself); the ones above it may be false alarms.
inline std::uint64_t escapes8(std::uint64_t w) {
  using namespace text::bytes8;
  // '"' and '\\' are below 0x80: the high bit of w ^ c is that of w.
  const std::uint64_t flags = (w - kOnes * 0x20) | ((w ^ (kOnes * '"')) - kOnes) | ((w ^ (kOnes * '\\')) - kOnes);
  return flags & ~w & kHigh;
}

/// As escapes8, and bytes of 0x80 and above flagged too: the lowest bit set marks the first
/// byte that cannot be copied as it is without a look at its sequence.
inline std::uint64_t stops8(std::uint64_t w) {
  return escapes8(w) | (w & text::bytes8::kHigh);
}

/// The last m bytes of in[0, len) (1 <= m < 8 <= len) in the low bytes of a word, zeros above.
inline std::uint64_t tail_word(const unsigned char* in, std::size_t len, std::size_t m) {
  return text::bytes8::load(in + len - 8) >> (8 * (8 - m));
}

/// A word with its low m bytes (m < 8) all ones.
constexpr std::uint64_t low_bytes(std::size_t m) {
  return (std::uint64_t{1} << (8 * m)) - 1;
}

/// True when the low 6 bytes of w are two 3-byte sequences with leads E1–EF other than ED (the
/// common case of utf8_sequence: valid whatever their continuation bytes hold).
inline bool two_cjk(std::uint64_t w) {
  if ((w & 0x0000C0C0F0C0C0F0ull) != 0x00008080E08080E0ull) return false;
  // The leads' low nibbles, bytes 0 and 3: neither 0 (E0) nor D (ED). Adding 0x0F to a nibble
  // sets bit 4 unless it is 0.
  const std::uint64_t a = w & 0x0F00000Full;
  return ((a + 0x0F00000Full) & ((a ^ 0x0D00000Dull) + 0x0F00000Full) & 0x10000010ull) == 0x10000010ull;
}

/// Writes the escape of c (needs_escape(c)) at p; returns the end. (Not inlined: it is rare,
/// and three copies of its switch would weigh on the WASM module.)
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
char* escape(char* p, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
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
  return p;
}

}  // namespace

void Writer::string(std::string_view s) {
  // One pass, eight bytes at a time while eight remain: each word is stored at the write
  // position before it is looked at, and the position then moves past the bytes that stay as
  // they are (all eight of plain ASCII, six of two CJK characters, one multi-byte sequence, or
  // the ASCII before a byte to escape). An escape is written over what was stored. At the first
  // invalid sequence the whole string goes to nlohmann.
  const std::size_t mark = n_;
  const std::size_t len = s.size();
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  // Room for the string, its quotes and a word's store past the end.
  char* p = room(len + 2 + 8);
  *p++ = '"';
  std::size_t i = 0;
  // Before an escape: room for it (up to 6 bytes where the string had 1), the rest of the
  // string, the closing quote and a word's store.
  const auto before_escape = [&]() {
    n_ = static_cast<std::size_t>(p - data_);
    p = room(6 + (len - i) + 1 + 8);
  };
  while (i + 8 <= len) {
    const std::uint64_t w = text::bytes8::load(in + i);
    std::memcpy(p, &w, 8);
    if (in[i] >= 0x80) {
      if (two_cjk(w)) {
        // Chinese text: two characters at a time while it lasts.
        p += 6;
        i += 6;
        while (i + 8 <= len) {
          const std::uint64_t v = text::bytes8::load(in + i);
          std::memcpy(p, &v, 8);
          if (!two_cjk(v)) break;
          p += 6;
          i += 6;
        }
        continue;
      }
      const std::size_t k = utf8_sequence(s, i);
      if (k == 0) break;
      p += k;  // the sequence's bytes were stored with the word
      i += k;
      continue;
    }
    const std::uint64_t stops = stops8(w);
    if (stops == 0) {
      p += 8;
      i += 8;
      continue;
    }
    const auto k = static_cast<std::size_t>(__builtin_ctzll(stops) >> 3);
    p += k;
    i += k;
    if (in[i] >= 0x80) continue;
    before_escape();
    p = escape(p, in[i++]);
  }
  if (i < len && len >= 8 && len - i < 8) {
    // The last m < 8 bytes as one word (the last word shifted down past the bytes already
    // written), copied as they are when all are ASCII with nothing to escape. (Not after an
    // invalid sequence, which ends the loop above early.)
    const std::size_t m = len - i;
    const std::uint64_t w = tail_word(in, len, m);
    if ((stops8(w) & low_bytes(m)) == 0) {
      std::memcpy(p, &w, 8);
      p += m;
      i = len;
    }
  }
  while (i < len) {
    const unsigned char c = in[i];
    if (c < 0x80) {
      if (needs_escape(c)) {
        before_escape();
        p = escape(p, c);
      } else {
        *p++ = static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const std::size_t k = utf8_sequence(s, i);
    if (k == 0) break;
    for (std::size_t j = 0; j < k; ++j) p[j] = static_cast<char>(in[i + j]);
    p += k;
    i += k;
  }
  if (i < len) {
    // An invalid sequence (rare: the core hands out valid UTF-8): let nlohmann write its
    // replacement.
    n_ = mark;
    raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  *p++ = '"';
  n_ = static_cast<std::size_t>(p - data_);
}

void Writer::valid_string(std::string_view s) {
  assert(valid_utf8(s));
  const std::size_t len = s.size();
  if (len < 8) {  // no word to read: the checked way (the same bytes)
    string(s);
    return;
  }
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  // Room for the string, its quotes and a word's store past the end.
  char* p = room(len + 2 + 8);
  *p++ = '"';
  std::size_t i = 0;
  while (i < len) {
    std::uint64_t stops = 0;
    if (i + 8 <= len) {
      // Eight bytes at a time, each word stored at the write position before it is looked at,
      // until a word holds a byte to escape.
      const unsigned char* q = in + i;
      const unsigned char* const last = in + len - 8;
      std::uint64_t w = text::bytes8::load(q);
      std::memcpy(p, &w, 8);
      stops = escapes8(w);
      while (stops == 0) {
        p += 8;
        q += 8;
        if (q > last) break;
        w = text::bytes8::load(q);
        std::memcpy(p, &w, 8);
        stops = escapes8(w);
      }
      i = static_cast<std::size_t>(q - in);
      if (stops == 0) continue;
    } else {
      // The last m < 8 bytes: the last word shifted down past the bytes already written (the
      // bytes above them are zero, and flagged, but a flag below them is exact).
      const std::size_t m = len - i;
      const std::uint64_t w = tail_word(in, len, m);
      std::memcpy(p, &w, 8);
      stops = escapes8(w) & low_bytes(m);
      if (stops == 0) {
        p += m;
        i += m;
        continue;
      }
    }
    const auto k = static_cast<std::size_t>(__builtin_ctzll(stops) >> 3);
    p += k;
    i += k;
    // Room for the escape (up to 6 bytes where the string had 1), the rest of the string, the
    // closing quote and a word's store.
    n_ = static_cast<std::size_t>(p - data_);
    p = room(6 + (len - i) + 1 + 8);
    p = escape(p, in[i++]);
  }
  *p++ = '"';
  n_ = static_cast<std::size_t>(p - data_);
}

void Writer::grow(std::size_t k) {
  buf_.resize(cap_ * 2 > n_ + k ? cap_ * 2 : n_ + k);
  data_ = buf_.data();
  cap_ = buf_.size();
}

void Writer::number(long long v) {
  char* p = room(24);
  if (v >= 0 && v < 100000) {
    // The usual case (a line, a column, a length): digits written from the back, with no call
    // (under WASM std::to_chars is a chain of library calls).
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    auto u = static_cast<std::size_t>(v);
    const std::size_t len = u < 10 ? 1 : u < 100 ? 2 : u < 1000 ? 3 : u < 10000 ? 4 : 5;
    char* end = p + len;
    char* q = end;
    while (u >= 100) {  // two digits at a time
      const std::size_t r = 2 * (u % 100);
      u /= 100;
      q -= 2;
      q[0] = kPairs[r];
      q[1] = kPairs[r + 1];
    }
    if (u >= 10) {
      q[-2] = kPairs[2 * u];
      q[-1] = kPairs[2 * u + 1];
    } else {
      q[-1] = static_cast<char>('0' + u);
    }
    n_ = static_cast<std::size_t>(end - data_);
    return;
  }
  n_ = static_cast<std::size_t>(std::to_chars(p, p + 24, v).ptr - data_);
}

}  // namespace paiban::jsonw
