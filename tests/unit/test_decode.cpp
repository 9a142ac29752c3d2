#include <doctest/doctest.h>

#include "decode.h"

using namespace paiban;

TEST_CASE("decode: BOM is stripped and every line ending splits") {
  std::vector<Diagnostic> d;
  Source s = decode(
      "\xEF\xBB\xBF"
      "甲\r\n乙\r丙\n丁",
      d);
  REQUIRE(s.lines.size() == 4);
  CHECK(s.lines[0] == "甲");
  CHECK(s.lines[1] == "乙");
  CHECK(s.lines[2] == "丙");
  CHECK(s.lines[3] == "丁");
  CHECK(d.empty());
}

TEST_CASE("decode: a trailing newline adds no empty line, blank lines are kept") {
  std::vector<Diagnostic> d;
  Source s = decode("一\n\n二\n", d);
  REQUIRE(s.lines.size() == 3);
  CHECK(s.lines[1].empty());
}

TEST_CASE("decode: invalid UTF-8 becomes U+FFFD with one diagnostic per line") {
  std::vector<Diagnostic> d;
  Source s = decode("ok\n\xC0\xAF好\xFF\n\xED\xA0\x80", d);
  REQUIRE(s.lines.size() == 3);
  CHECK(s.lines[1] == "\xEF\xBF\xBD\xEF\xBF\xBD好\xEF\xBF\xBD");
  CHECK(s.lines[2] == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  REQUIRE(d.size() == 2);
  CHECK(d[0].rule == "decode.invalid-utf8");
  CHECK(d[0].line == 2);
  CHECK(d[0].column == 1);
  CHECK(d[1].line == 3);
}

TEST_CASE("decode: a NUL byte is replaced, a tab is kept") {
  std::vector<Diagnostic> d;
  Source s = decode(std::string("a\0b\tc", 5), d);
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0] ==
        "a\xEF\xBF\xBD"
        "b\tc");
  CHECK(d.size() == 1);
}
