#include "json_write.h"

#include <nlohmann/json.hpp>

#include "decode.h"

namespace paiban::jsonw {

namespace {

/// What a byte asks of the JSON writer: 0 copy it, 1 escape it, 2/3/4 it leads a sequence of
/// that many bytes (to be checked), 5 it can start no valid sequence.
constexpr unsigned char kind_of(unsigned c) {
  return c < 0x20 || c == '"' || c == '\\' ? 1
         : c < 0x80                        ? 0
         : c < 0xC2                        ? 5
         : c < 0xE0                        ? 2
         : c < 0xF0                        ? 3
         : c < 0xF5                        ? 4
                                           : 5;
}

struct Kinds {
  unsigned char k[256];
  constexpr Kinds() : k() {
    for (unsigned c = 0; c < 256; ++c) k[c] = kind_of(c);
  }
};
constexpr Kinds kKinds;

constexpr bool cont(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

void Writer::string(std::string_view s) {
  // One pass over the bytes with a class table: plain bytes are copied in runs, escapes are
  // written, a multi-byte sequence is checked as it goes by (the common 3-byte one inline), and
  // at the first invalid one the whole string goes to nlohmann.
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
    const unsigned char kind = kKinds.k[c];
    if (kind == 0) {
      ++i;
      continue;
    }
    if (kind == 3 && i + 2 < len && cont(in[i + 1]) && cont(in[i + 2]) && (c != 0xE0 || in[i + 1] >= 0xA0) &&
        (c != 0xED || in[i + 1] < 0xA0)) {
      i += 3;
      continue;
    }
    if (kind != 1) {
      const std::size_t k = kind == 5 ? 0 : utf8_sequence(s, i);
      if (k == 0) {
        // Rare (the core hands out valid UTF-8): let nlohmann write its replacement.
        n_ = mark;
        raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
      }
      i += k;
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
  char tmp[24];
  int k = 0;
  unsigned long long u = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  do {
    tmp[k++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  char* p = room(static_cast<std::size_t>(k) + 1);
  if (v < 0) *p++ = '-';
  while (k > 0) *p++ = tmp[--k];
  n_ = static_cast<std::size_t>(p - buf_.data());
}

void string(std::string& out, std::string_view s) {
  Writer w(s.size() + 2);
  w.string(s);
  out += w.take();
}

}  // namespace paiban::jsonw
