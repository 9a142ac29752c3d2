// The decoder's four-characters-at-a-time scan and its markup flag (Source::markup_free), and
// the blocks stage's use of that flag instead of a look at every line: each against the old
// way on generated inputs (three-byte characters of every lead, invalid and cut-off sequences,
// markup bytes, CR/LF/CRLF; notes with hard wraps, headings, lists, quotes and markup).
#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "blocks.h"
#include "decode.h"
#include "document_dump.h"
#include "meta.h"
#include "profile.h"
#include "reference_decode.h"
#include "text.h"

using namespace paiban;

namespace {

/// The markup bytes the flag is about, looked for one byte at a time (line ends aside).
bool has_markup_plain(std::string_view s) {
  for (const char ch : s) {
    switch (ch) {
      case '!':
      case '&':
      case '*':
      case '<':
      case '[':
      case '\\':
      case ']':
      case '_':
      case '`':
        return true;
      default:
        break;
    }
  }
  return false;
}

/// decode(in) against the old decoder: the same lines and diagnostics, borrowed or not, and a
/// markup flag that says exactly whether the text holds a markup byte.
void same_as_old(const std::string& in, int& flagged) {
  std::vector<Diagnostic> want_d;
  const std::vector<std::string> want = reference::old_decode(in, want_d);
  std::string joined;
  for (const std::string& l : want) joined += l + "\n";
  for (const bool borrow : {false, true}) {
    std::vector<Diagnostic> got_d;
    const Source s = decode(in, got_d, borrow);
    CAPTURE(borrow);
    REQUIRE(s.line_count() == want.size());
    CHECK(s.text() == joined);
    REQUIRE(got_d.size() == want_d.size());
    for (std::size_t k = 0; k < want_d.size(); ++k) {
      CHECK(got_d[k].line == want_d[k].line);
      CHECK(got_d[k].column == want_d[k].column);
      CHECK(got_d[k].message() == want_d[k].message());
    }
    CHECK(s.markup_free == !has_markup_plain(joined));
    if (s.markup_free) ++flagged;
  }
}

using testing::dump;

std::string dump(const Document& doc, const std::vector<Diagnostic>& diagnostics) {
  std::ostringstream o;
  dump(doc.blocks, o, 0);
  for (const Diagnostic& d : diagnostics) o << d.rule << "@" << d.line << ":" << d.column << "\n";
  return o.str();
}

/// Quote blocks get their paragraphs' room reserved up front: exactly as many as they hold.
bool quotes_reserved_exactly(const std::vector<Block>& blocks, int& quotes) {
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::quote) ++quotes;
    if (b.kind == BlockKind::quote && b.children.capacity() != b.children.size()) return false;
    if (!quotes_reserved_exactly(b.children, quotes)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("decode: CJK four characters at a time and the markup flag, against the old decoder") {
  const char* const pieces[] = {
      "会议",
      "纪要",
      "生态环境局",
      "，",
      "。",
      "“",
      "”",
      "ａ",
      "１",
      "\xEF\xBF\xBD",
      "\xE0\xA0\x80",  // U+0800
      "\xE0\xBF\xBF",  // U+0FFF
      "\xE0\x9F\xBF",  // overlong
      "\xED\x9F\xBF",  // U+D7FF
      "\xED\xA0\x80",  // a surrogate
      "\xE1\x80\x80",
      "\xEC\xBF\xBF",
      "\xEE\x80\x80",
      "\xE4\xB8",
      "\xE4\x41\x80",
      "\xE4\xB8\xC0",
      "\xE4",
      "\xBF",
      "\xC2\xA0",
      "\xF0\x9F\x98\x80",
      "a",
      "PM2.5",
      "https://example.cn/a/b.html",
      " ",
      "\t",
      "!",
      "&",
      "*",
      "<",
      "[",
      "\\",
      "]",
      "_",
      "`",
      "^",
      "#",
      "\n",
      "\r",
      "\r\n",
      "\x01",
      "\x7F",
      "",  // a NUL byte (added as one below)
  };
  const std::size_t count = sizeof(pieces) / sizeof(pieces[0]);
  std::uint32_t state = 2024;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int flagged = 0;
  int dirty = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string in = round % 7 == 0 ? "\xEF\xBB\xBF" : "";
    // A third of the inputs mostly Chinese (long runs, cut at every place), a third without
    // markup bytes (so the flag is set), the rest anything.
    const int kind = round % 3;
    const std::uint32_t len = 1 + next() % 48;
    for (std::uint32_t k = 0; k < len; ++k) {
      std::size_t p = next() % count;
      if (kind == 0 && next() % 4 != 0) p = next() % 10;
      if (kind == 1) {
        while (has_markup_plain(pieces[p])) p = next() % count;
      }
      if (pieces[p][0] == '\0')
        in += '\0';
      else
        in += pieces[p];
    }
    CAPTURE(in);
    same_as_old(in, flagged);
    if (has_markup_plain(in)) ++dirty;
  }
  CHECK(flagged > 3000);
  CHECK(dirty > 1000);
}

TEST_CASE("blocks: the decoder's markup flag gives the document the per-line markup check gives") {
  const std::vector<std::string> plain = {"会议",
                                          "指出，",
                                          "要加强源头管控",
                                          "。",
                                          "PM2.",
                                          "5",
                                          "abc",
                                          " ",
                                          "　",
                                          "\t",
                                          "（一）",
                                          "一、",
                                          "1.",
                                          "- ",
                                          "• ",
                                          "> ",
                                          ">",
                                          "# ",
                                          "## ",
                                          "“",
                                          "”",
                                          "2024年3月1日",
                                          "商洛市生态环境局",
                                          "\n",
                                          "\n",
                                          "\n",
                                          "\r\n",
                                          "\r",
                                          "\n\n",
                                          "\n　　",
                                          "\n  ",
                                          "\xFF",
                                          "\xE4\xB8",
                                          "https://a.cn/x.html"};
  const std::vector<std::string> markup = {"*重点*", "_x_", "`c`", "[链接](https://a.cn)", "<b>", "!", "\\", "&amp;"};
  std::uint32_t state = 99;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int flagged = 0;
  int quotes = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string input = n % 2 == 0 ? "标题：测试\n\n" : "";
    const std::uint32_t len = 1 + next() % 40;
    for (std::uint32_t k = 0; k < len; ++k) {
      if (n % 4 == 3 && next() % 6 == 0)
        input += markup[next() % markup.size()];
      else
        input += plain[next() % plain.size()];
    }
    CAPTURE(input);
    std::vector<Diagnostic> d0;
    std::vector<Error> errors;
    const Source source = decode(input, d0);
    const Meta meta = extract_meta(source, Fields{}, default_profile(), "2024-03-01 09:30:00", d0, errors);
    Source looked_at;  // the same lines, the flag cleared: every line is looked at
    looked_at.owned = std::string(source.text());
    looked_at.starts = source.starts;
    REQUIRE_FALSE(looked_at.markup_free);
    if (source.markup_free) ++flagged;
    std::vector<Diagnostic> d1, d2, d3;
    const Document with_flag = parse_blocks(source, meta, d1);
    const Document per_line = parse_blocks(looked_at, meta, d2);
    const Document cmark = parse_blocks(looked_at, meta, d3, false);
    const std::string got = dump(with_flag, d1);
    CHECK(got == dump(per_line, d2));
    CHECK(got == dump(cmark, d3));
    CHECK(quotes_reserved_exactly(with_flag.blocks, quotes));
  }
  CHECK(flagged > 1500);
  CHECK(quotes > 300);
}

TEST_CASE("blocks: a marker's text and a line are trimmed at the end as text::trim trims them") {
  // Bullets, quotes and plain lines whose text starts right after the marker and ends in
  // anything (text, U+FFFD, spaces of every kind): the run holds text::trim of that text.
  const std::vector<std::string> parts = {
      "中",          "文",           "a",        "。",           "\xEF\xBF\xBD", "\xF0\x9F\x98\x80", " ",
      "\t",          "\xE3\x80\x80", "\xC2\xA0", "\xE2\x80\x83", "\xEF\xBB\xBF", "\xE2\x80\x8B",     "\xE2\x80\xAF",
      "\xE2\x81\x9F"};
  const std::vector<std::string> markers = {"- ", "• ", "> ", ""};
  std::uint32_t state = 4242;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string& marker = markers[next() % markers.size()];
    std::string text = next() % 2 == 0 ? "中" : "a";  // never a space first
    const std::uint32_t n = next() % 8;
    for (std::uint32_t k = 0; k < n; ++k) text += parts[next() % parts.size()];
    const std::string input = "甲\n\n" + marker + text + "\n\n乙\n";
    CAPTURE(input);
    std::vector<Diagnostic> d;
    std::vector<Error> errors;
    const Source source = decode(input, d);
    Meta meta;
    const Document doc = parse_blocks(source, meta, d);
    REQUIRE(doc.blocks.size() == 3);
    const Block& b = doc.blocks[1];
    const Block& leaf = b.kind == BlockKind::paragraph ? b : b.children.at(0);
    REQUIRE(leaf.inlines.size() == 1);
    CHECK(leaf.inlines[0].text == text::trim(text));
    CHECK(leaf.inlines[0].pos.line == 3);
    CHECK(leaf.inlines[0].pos.col == 1 + text::length(marker));
    ++checked;
  }
  CHECK(checked == 3000);
}
