#include "decode.h"

#include <string>

#include "text.h"

namespace paiban {

namespace {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlongs,
/// surrogates and code points above U+10FFFF are invalid).
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto is_cont = [&](std::size_t k) { return i + k < s.size() && (byte(k) & 0xC0) == 0x80; };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return is_cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!is_cont(1) || !is_cont(2)) return 0;
    if (b0 == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (b0 == 0xED && byte(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!is_cont(1) || !is_cont(2) || !is_cont(3)) return 0;
    if (b0 == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (b0 == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = valid_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

Source decode(std::string_view bytes, std::vector<Diagnostic>& diagnostics) {
  Source src;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string line;
  int bad_in_line = 0;
  int first_bad_col = 0;
  int col = 1;  // code point column of the next character in `line`
  auto finish_line = [&] {
    if (bad_in_line > 0) {
      Diagnostic d;
      d.rule = "decode.invalid-utf8";
      d.severity = Severity::warning;
      d.line = static_cast<int>(src.lines.size()) + 1;
      d.column = first_bad_col;
      d.length = 1;
      d.after = "\xEF\xBF\xBD";
      d.message = "第" + std::to_string(d.line) + "行有 " + std::to_string(bad_in_line) +
                  " 处无法识别的字节，已替换为 �，请核对原文 / " + std::to_string(bad_in_line) +
                  " invalid byte sequence(s) on this line were replaced with U+FFFD; check the original";
      diagnostics.push_back(std::move(d));
    }
    src.lines.push_back(std::move(line));
    line.clear();
    bad_in_line = 0;
    first_bad_col = 0;
    col = 1;
  };
  std::size_t i = 0;
  while (i < bytes.size()) {
    const char b = bytes[i];
    if (b == '\n' || b == '\r') {
      finish_line();
      i += (b == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    std::size_t n = valid_sequence(bytes, i);
    const auto ub = static_cast<unsigned char>(b);
    if (n == 0 || (n == 1 && ub < 0x20 && b != '\t') || ub == 0x7F) {
      if (bad_in_line++ == 0) first_bad_col = col;
      line += "\xEF\xBF\xBD";
      i += n == 0 ? 1 : n;
    } else {
      line.append(bytes.substr(i, n));
      i += n;
    }
    ++col;
  }
  if (!line.empty() || bad_in_line > 0) finish_line();
  return src;
}

}  // namespace paiban
