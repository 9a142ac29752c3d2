#include "decode.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "text.h"

namespace paiban {

namespace {}  // namespace

bool valid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

namespace {

/// The end of the run of bytes from `i` that decode keeps as they are: printable ASCII, tab and
/// valid multi-byte sequences. It stops at a line break, a control byte, an invalid sequence
/// or the end.
std::size_t clean_run(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  while (i < n) {
    const unsigned char c = in[i];
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence(s, i);
      if (len == 0) return i;
      i += len;
    } else if ((c >= 0x20 && c < 0x7F) || c == '\t') {
      ++i;
      // More ASCII likely follows: eight printable bytes at a time (a byte >= 0x80, < 0x20 or
      // 0x7F ends the skip; a false alarm only sends a byte through the checks above).
      while (i + 8 <= n) {
        const std::uint64_t w = text::bytes8::load(in + i);
        if (text::bytes8::any_high(w) || text::bytes8::any_below(w, 0x20) || text::bytes8::any_equal(w, 0x7F)) break;
        i += 8;
      }
    } else {
      return i;
    }
  }
  return n;
}

}  // namespace

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
      d.set_message("第" + std::to_string(d.line) + "行有 " + std::to_string(bad_in_line) +
                    " 处无法识别的字节，已替换为 �，请核对原文 / " + std::to_string(bad_in_line) +
                    " invalid byte sequence(s) on this line were replaced with U+FFFD; check the original");
      diagnostics.push_back(std::move(d));
    }
    src.lines.push_back(std::move(line));
    line.clear();
    bad_in_line = 0;
    first_bad_col = 0;
    col = 1;
  };
  std::size_t breaks = 0;  // line feeds, found with memchr (a plain byte loop is slow at -O2)
  if (!bytes.empty()) {
    const char* at = bytes.data();
    const char* const end = at + bytes.size();
    while ((at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)))) != nullptr) {
      ++breaks;
      ++at;
    }
  }
  src.lines.reserve(breaks + 1);
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (line.empty() && bad_in_line == 0) {
      // Fast path: a line of clean bytes is taken as it is.
      const std::size_t end = clean_run(bytes, i);
      if (end == bytes.size()) {
        if (end > i) src.lines.emplace_back(bytes.data() + i, end - i);
        break;
      }
      if (bytes[end] == '\n' || bytes[end] == '\r') {
        src.lines.emplace_back(bytes.data() + i, end - i);
        i = end + ((bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n') ? 2 : 1);
        continue;
      }
      if (end > i) {
        line.assign(bytes.data() + i, end - i);
        col = 1 + text::length(line);
        i = end;
      }
    }
    const char b = bytes[i];
    if (b == '\n' || b == '\r') {
      finish_line();
      i += (b == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    std::size_t n = utf8_sequence(bytes, i);
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
