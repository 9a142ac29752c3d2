#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "decode.h"
#include "reference_decode.h"

using namespace paiban;

TEST_CASE("decode: BOM is stripped and every line ending splits") {
  std::vector<Diagnostic> d;
  Source s = decode(
      "\xEF\xBB\xBF"
      "甲\r\n乙\r丙\n丁",
      d);
  REQUIRE(s.line_count() == 4);
  CHECK(s.line(0) == "甲");
  CHECK(s.line(1) == "乙");
  CHECK(s.line(2) == "丙");
  CHECK(s.line(3) == "丁");
  CHECK(d.empty());
}

TEST_CASE("decode: a trailing newline adds no empty line, blank lines are kept") {
  std::vector<Diagnostic> d;
  Source s = decode("一\n\n二\n", d);
  REQUIRE(s.line_count() == 3);
  CHECK(s.line(1).empty());
}

TEST_CASE("decode: invalid UTF-8 becomes U+FFFD with one diagnostic per line") {
  std::vector<Diagnostic> d;
  Source s = decode("ok\n\xC0\xAF好\xFF\n\xED\xA0\x80", d);
  REQUIRE(s.line_count() == 3);
  CHECK(s.line(1) == "\xEF\xBF\xBD\xEF\xBF\xBD好\xEF\xBF\xBD");
  CHECK(s.line(2) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  REQUIRE(d.size() == 2);
  CHECK(d[0].rule == "decode.invalid-utf8");
  CHECK(d[0].line == 2);
  CHECK(d[0].column == 1);
  CHECK(d[1].line == 3);
}

TEST_CASE("decode: a NUL byte is replaced, a tab is kept") {
  std::vector<Diagnostic> d;
  Source s = decode(std::string("a\0b\tc", 5), d);
  REQUIRE(s.line_count() == 1);
  CHECK(s.line(0) ==
        "a\xEF\xBF\xBD"
        "b\tc");
  CHECK(d.size() == 1);
}

namespace {

/// Compares decode (copying or borrowing) with the old decoder on `in`.
void same_as_old(const std::string& in) {
  std::vector<Diagnostic> want_d;
  const std::vector<std::string> want = reference::old_decode(in, want_d);
  std::string joined;
  for (const std::string& l : want) joined += l + "\n";
  for (bool borrow : {false, true}) {
    std::vector<Diagnostic> got_d;
    const Source s = decode(in, got_d, borrow);
    CAPTURE(borrow);
    REQUIRE(s.line_count() == want.size());
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(s.line(k) == want[k]);
    CHECK(s.text() == joined);
    REQUIRE(got_d.size() == want_d.size());
    for (std::size_t k = 0; k < want_d.size(); ++k) {
      CHECK(got_d[k].rule == want_d[k].rule);
      CHECK(got_d[k].severity == want_d[k].severity);
      CHECK(got_d[k].line == want_d[k].line);
      CHECK(got_d[k].column == want_d[k].column);
      CHECK(got_d[k].length == want_d[k].length);
      CHECK(got_d[k].before == want_d[k].before);
      CHECK(got_d[k].after == want_d[k].after);
      CHECK(got_d[k].message() == want_d[k].message());
    }
    // Borrowed exactly when nothing changed: the text is then the input after a BOM.
    const std::string_view body = std::string_view(in).substr(in.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
    CHECK(s.borrowed == (borrow && body == joined));
    if (s.borrowed) CHECK(s.text().data() == body.data());
    if (!s.borrowed) CHECK(s.owned == joined);
  }
}

}  // namespace

TEST_CASE("decode: one buffer of lines, the same lines and diagnostics as the old per-line decoder") {
  const char* const pieces[] = {"a",
                                "abcdefghij",
                                " ",
                                "\t",
                                "会",
                                "议纪要",
                                "，",
                                "\U0001F600",
                                "\n",
                                "\n",
                                "\r",
                                "\r\n",
                                "\xEF\xBB\xBF",
                                "\xFF",
                                "\xC0\xAF",
                                "\xE4\xBC",
                                "\xED\xA0\x80",
                                "\xF4\x90\x80\x80",
                                "\xE0\x80\x80",
                                "\xF0\x9F\x98",
                                "\x80",
                                "",  // a NUL byte (added as one below)
                                "\x01",
                                "\x7F",
                                "\xC2\xA0",
                                "\xE3\x80\x80"};
  const std::size_t count = sizeof(pieces) / sizeof(pieces[0]);
  same_as_old("");
  same_as_old("\xEF\xBB\xBF");
  same_as_old(std::string("\0", 1));
  same_as_old("\n");
  same_as_old("a\r");
  same_as_old("\xE4\xBC");  // a sequence cut off by the end
  std::uint32_t state = 7;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int changed = 0;
  int borrowed = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string in = round % 5 == 0 ? "\xEF\xBB\xBF" : "";
    const std::uint32_t len = next() % 40;
    // Every third input has only clean pieces and LF line ends (the borrowing case).
    const bool clean = round % 3 == 0;
    for (std::uint32_t k = 0; k < len; ++k) {
      const std::size_t p = next() % (clean ? 9 : count);
      if (p == 21)
        in += '\0';
      else
        in += pieces[p];
    }
    if (clean && next() % 2 == 0) in += '\n';
    CAPTURE(round);
    CAPTURE(in);
    std::vector<Diagnostic> d;
    const Source s = decode(in, d, true);
    if (s.borrowed)
      ++borrowed;
    else
      ++changed;
    same_as_old(in);
  }
  CHECK(borrowed > 500);
  CHECK(changed > 3000);
}

TEST_CASE("decode: a copied or moved Source keeps its lines") {
  std::vector<Diagnostic> d;
  Source a = decode("甲\r\n乙", d);  // owned
  const Source b = a;
  Source c = std::move(a);
  REQUIRE(b.line_count() == 2);
  CHECK(b.line(1) == "乙");
  CHECK(c.line(0) == "甲");
  const std::string input = "短\n";  // fits a short string: a move copies its bytes
  Source e = decode(input, d, true);
  CHECK(e.borrowed);
  const Source f = e;
  CHECK(f.line(0) == "短");
}

TEST_CASE("decode: long runs of three-byte characters with one fault anywhere, as the old decoder") {
  // The clean scan takes such runs 24 and 12 bytes at a time: a fault (a bad lead, E0/ED forms,
  // a missing continuation, ASCII, a control) at every offset of the words must stop it there.
  const char* const chars[] = {"会", "，", "\xE1\x80\x80", "\xEE\xBF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "、"};
  const char* const faults[] = {"\xE0\x80\x80",
                                "\xED\xA0\x80",
                                "\xE4\xBC",
                                "\xE4\x41\x80",
                                "\xE4\x80\xC0",
                                "\x80",
                                "\xC2\xA0",
                                "a",
                                "1",
                                "\x01",
                                "\xF0\x9F\x98\x80",
                                "\r",
                                "\xEF\xBF\xBF",
                                "\xE0\x9F\xBF",
                                "\xED\xBF\xBF",
                                "_"};
  std::uint32_t state = 99;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  for (int round = 0; round < 4000; ++round) {
    std::string in;
    const std::uint32_t before = next() % 40;
    const std::uint32_t after = next() % 40;
    for (std::uint32_t k = 0; k < before; ++k) in += chars[next() % 7];
    if (round % 8 != 0) in += faults[next() % 16];  // every eighth run has no fault
    for (std::uint32_t k = 0; k < after; ++k) in += chars[next() % 7];
    if (next() % 2 == 0) in += '\n';
    CAPTURE(round);
    same_as_old(in);
  }
}
