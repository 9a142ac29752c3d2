#include "json_write.h"

#include <nlohmann/json.hpp>

#include "decode.h"

namespace paiban::jsonw {

void Writer::string(std::string_view s) {
  // One pass: plain bytes are copied in runs; escapes are written; a multi-byte sequence is
  // checked as it goes by, and at the first invalid one the whole string goes to nlohmann.
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t mark = n_;
  const std::size_t len = s.size();
  char* p = room(len + 2);
  *p++ = '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < len;) {
    const auto c = static_cast<unsigned char>(s[i]);
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
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    std::memcpy(p, s.data() + start, i - start);
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
  std::memcpy(p, s.data() + start, len - start);
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
