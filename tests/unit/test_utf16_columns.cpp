// The diagnostics' UTF-16 columns (what the browser editor places marks by): in notes with no
// character past U+FFFF they are read off the code point columns; with such characters each line
// is walked. Both against the count made here from the notes' own lines, on generated notes.
// decode() says whether any character is past U+FFFF (Source::bmp_only), also on lines it mends.
// text::length (code points: the bytes that are not continuation bytes) counts eight bytes at a
// time: against the byte-by-byte count on every byte value at every place.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decode.h"
#include "paiban/paiban.h"
#include "text.h"

namespace {

/// UTF-16 units of the first `cps` code points of line (all of it when shorter), plus one.
int utf16_column(std::string_view line, int cps) {
  int units = 0;
  std::size_t i = 0;
  for (int n = 0; n < cps && i < line.size(); ++n) {
    const auto lead = static_cast<unsigned char>(line[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units + 1;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      out.push_back(text.substr(from, i - from));
      from = i + 1;
    }
  if (from < text.size()) out.push_back(text.substr(from));
  return out;
}

}  // namespace

TEST_CASE("diagnostics: UTF-16 columns with and without characters past U+FFFF, against a count per line") {
  const std::vector<std::string> bmp = {
      "会议指出",     ",",   ".",      "要加强", "PM2.5", "abc ",           " ",  "（",  "）", "“",
      "2024年3月1日", "5 %", "（一）", "一、",   "“引号", "https://a.cn/x", "\n", "\n\n"};
  const std::vector<std::string> astral = {"😀", "𠀀", "𝄞"};
  std::uint32_t state = 11;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int checked = 0, checked_astral = 0, past_first_third = 0;
  for (int n = 0; n < 1500; ++n) {
    const bool with_astral = n % 2 == 1;
    std::string input = "标题：测试\n\n";
    const std::uint32_t len = 5 + next() % 80;
    for (std::uint32_t k = 0; k < len; ++k) {
      if (with_astral && next() % 9 == 0)
        input += astral[next() % astral.size()];
      else
        input += bmp[next() % bmp.size()];
    }
    input += "\n";
    CAPTURE(input);
    paiban::Options options;
    options.now = "2024-03-01 09:30:00";
    const paiban::Result r = paiban::format(input, options);
    REQUIRE(r.ok);
    const std::vector<std::string_view> lines = lines_of(input);
    for (const paiban::Diagnostic& d : r.diagnostics) {
      if (d.line <= 0 || d.line > static_cast<int>(lines.size()) || d.column <= 0) continue;
      const std::string_view l = lines[static_cast<std::size_t>(d.line - 1)];
      CHECK(d.column_utf16 == utf16_column(l, d.column - 1));
      ++checked;
      if (utf16_column(l, d.column - 1) != d.column) ++checked_astral;
      if (static_cast<std::size_t>(d.column - 1) > l.size() / 3) ++past_first_third;
    }
  }
  CHECK(checked > 5000);
  CHECK(checked_astral > 500);     // columns that differ from the code point column
  CHECK(past_first_third > 1000);  // columns the quick bound does not settle
}

TEST_CASE("text::length: eight bytes at a time, as counting byte by byte") {
  const auto by_byte = [](std::string_view s) {
    int n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  std::string base = "排版ab，x😀中";
  while (base.size() < 40) base += base;
  int checked = 0;
  for (int byte = 0; byte < 256; ++byte)
    for (std::size_t at = 0; at <= 24; ++at)
      for (std::size_t cut = at; cut <= at + 17 && cut <= base.size(); ++cut) {
        std::string s = base.substr(0, cut);
        s.insert(at, 1, static_cast<char>(byte));
        CHECK(paiban::text::length(s) == by_byte(s));
        ++checked;
      }
  std::uint32_t state = 5;
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    const std::uint32_t len = (state = state * 1664525u + 1013904223u) >> 24;
    for (std::uint32_t k = 0; k < len; ++k) s += static_cast<char>((state = state * 1664525u + 1013904223u) >> 24);
    CHECK(paiban::text::length(s) == by_byte(s));
    ++checked;
  }
  CHECK(checked > 50000);
}

TEST_CASE("decode: bmp_only says whether the decoded text has a character past U+FFFF") {
  const std::vector<std::string> pieces = {"会议", "abc",      "，",   "\n",   "\r\n", "😀",
                                           "𠀀",   "\xF0\x9F", "\xFF", "\x01", "é",    "\t"};
  std::uint32_t state = 3;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int with = 0, without = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string input;
    const std::uint32_t len = next() % 40;
    for (std::uint32_t k = 0; k < len; ++k) input += pieces[next() % (n % 3 == 0 ? 5 : pieces.size())];
    CAPTURE(input);
    std::vector<paiban::Diagnostic> d;
    const paiban::Source src = paiban::decode(input, d);
    bool astral = false;
    for (const char c : src.text()) astral = astral || static_cast<unsigned char>(c) >= 0xF0;
    CHECK(src.bmp_only == !astral);
    (astral ? with : without) += 1;
  }
  CHECK(with > 500);
  CHECK(without > 500);
}

TEST_CASE("text::utf16_length: what TextDecoder makes of valid UTF-8, eight bytes at a time") {
  // Against the count a character at a time (two units past U+FFFF), on strings of one to four
  // byte characters at every length and offset.
  const std::string chars[] = {"a", "\xC2\xA0", "排", "，", "😀", "\xF4\x8F\xBF\xBF", "\x7F", "\xEF\xBF\xBF"};
  const auto by_char = [](std::string_view s) {
    std::size_t units = 0;
    for (const char32_t c : paiban::text::to_u32(s)) units += c >= 0x10000 ? 2 : 1;
    return units;
  };
  std::uint32_t state = 11;
  int checked = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    const std::uint32_t count = n < 2900 ? (state = state * 1664525u + 1013904223u) >> 26 : 700 + n;
    for (std::uint32_t k = 0; k < count; ++k) s += chars[((state = state * 1664525u + 1013904223u) >> 24) % 8];
    for (const std::size_t from : {std::size_t{0}, std::size_t{1}}) {
      std::string_view v(s);
      if (from > v.size()) continue;
      v.remove_prefix(from);
      while (!v.empty() && (static_cast<unsigned char>(v.front()) & 0xC0) == 0x80) v.remove_prefix(1);
      CHECK(paiban::text::utf16_length(v) == by_char(v));
      ++checked;
    }
  }
  // One character over and over: each byte of a word holds the same kind in every word.
  for (const std::string& c : chars)
    for (const std::size_t bytes : {std::size_t{2040}, std::size_t{2048}, std::size_t{2056}, std::size_t{4200}}) {
      std::string s;
      while (s.size() + c.size() <= bytes) s += c;
      CHECK(paiban::text::utf16_length(s) == by_char(s));
      ++checked;
    }
  CHECK(checked > 5900);
}

TEST_CASE("text::Utf16Counter: each beginning's UTF-16 units, places going forward") {
  // At every character boundary, and at a random few, of strings of one to four byte
  // characters: utf16_length of the beginning (checked above against a count per character).
  const std::string chars[] = {"a", "\xC2\xA0", "排", "，", "😀", "\xF4\x8F\xBF\xBF", "<", "\xEF\xBF\xBF"};
  std::uint32_t state = 23;
  int checked = 0;
  for (int n = 0; n < 1500; ++n) {
    std::string s;
    const std::uint32_t count = (state = state * 1664525u + 1013904223u) >> 25;
    std::vector<std::size_t> bounds{0};
    for (std::uint32_t k = 0; k < count; ++k) {
      s += chars[((state = state * 1664525u + 1013904223u) >> 24) % 8];
      bounds.push_back(s.size());
    }
    const bool every = n % 2 == 0;
    paiban::text::Utf16Counter units(s);
    for (const std::size_t at : bounds) {
      if (!every && ((state = state * 1664525u + 1013904223u) >> 30) != 0 && at != s.size()) continue;
      CHECK(units.to(at) == paiban::text::utf16_length(std::string_view(s).substr(0, at)));
      CHECK(units.to(at) == paiban::text::utf16_length(std::string_view(s).substr(0, at)));  // asked again
      ++checked;
    }
  }
  CHECK(checked > 50000);
}
