// The decoder as it was when each line was a std::string of its own, byte by byte: the
// reference the decoder's tests (test_decode, test_render_speed) check the one-buffer decoder
// against.
#ifndef PAIBAN_TEST_REFERENCE_DECODE_H
#define PAIBAN_TEST_REFERENCE_DECODE_H

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "decode.h"

namespace reference {

/// Lines (without their ends) and diagnostics of `bytes`.
inline std::vector<std::string> old_decode(std::string_view bytes, std::vector<paiban::Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string line;
  int bad_in_line = 0;
  int first_bad_col = 0;
  int col = 1;
  auto finish_line = [&] {
    if (bad_in_line > 0) {
      paiban::Diagnostic d;
      d.rule = "decode.invalid-utf8";
      d.severity = paiban::Severity::warning;
      d.line = static_cast<int>(lines.size()) + 1;
      d.column = first_bad_col;
      d.length = 1;
      d.after = "\xEF\xBF\xBD";
      d.set_message("第" + std::to_string(d.line) + "行有 " + std::to_string(bad_in_line) +
                    " 处无法识别的字节，已替换为 �，请核对原文 / " + std::to_string(bad_in_line) +
                    " invalid byte sequence(s) on this line were replaced with U+FFFD; check the original");
      diagnostics.push_back(std::move(d));
    }
    lines.push_back(std::move(line));
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
    std::size_t n = paiban::utf8_sequence(bytes, i);
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
  return lines;
}

}  // namespace reference

#endif  // PAIBAN_TEST_REFERENCE_DECODE_H
