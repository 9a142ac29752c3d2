#include "json_write.h"

#include <nlohmann/json.hpp>

#include "decode.h"

namespace paiban::jsonw {

namespace {

/// 1 for the bytes JSON needs escaped: control characters, '"' and '\\'.
constexpr bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

}  // namespace

void string(std::string& out, std::string_view s) {
  // One pass: plain bytes are copied in runs; escapes are written; a multi-byte sequence is
  // checked as it goes by, and at the first invalid one the whole string goes to nlohmann.
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t mark = out.size();
  out += '"';
  std::size_t start = 0;
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence(s, i);
      if (len == 0) {
        // Rare (the core hands out valid UTF-8): let nlohmann write its replacement.
        out.resize(mark);
        out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += len;
      continue;
    }
    if (!needs_escape(c)) {
      ++i;
      continue;
    }
    out.append(s.data() + start, i - start);
    start = ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(s.data() + start, n - start);
  out += '"';
}

void number(std::string& out, long long n) {
  out += std::to_string(n);
}

}  // namespace paiban::jsonw
