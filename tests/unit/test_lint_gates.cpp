// The lint scan notes fewer places for two checks, each gated by the character after the first:
// - a number is noted for the date checks only when 年 or 月 follows its digits. With a
//   dictionary entry that starts with a digit the scan reads numbers digit by digit and notes
//   every number start, as it did before the gate: the date findings must be the same under
//   both (on generated text dense with numbers, units, dots and other characters, at several
//   "now"s);
// - a first character of a relative time word is noted only when a word's second character
//   follows it: the findings must be those of one find loop per word (the check's first
//   version), on generated text dense with the words' characters.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lint_paragraphs.h"
#include "meta.h"
#include "profile.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

/// The lint pass on one paragraph of text s under `profile`, at `now`: "rule col:before>after"
/// of each finding whose rule starts with `prefix`, one a line.
std::string findings(const std::u32string& s, const Profile& profile, std::string_view now, std::string_view prefix) {
  const std::vector<Diagnostic> found = testing::lint_paragraphs({s}, profile, now);
  std::string out;
  for (const Diagnostic& x : found)
    if (x.rule.compare(0, prefix.size(), prefix) == 0)
      out += std::string(x.rule) + " " + std::to_string(x.column) + ":" + x.before + ">" + x.after + "\n";
  return out;
}

/// time.relative as first written: one find loop per word, "rule col:before>" per finding.
std::string relative_reference(const std::u32string& s) {
  static const std::u32string words[] = {U"今天", U"今日", U"昨天", U"昨日", U"明天", U"明日",  U"前天",
                                         U"近日", U"日前", U"本周", U"上周", U"下周", U"上个月"};
  std::string out;
  for (const std::u32string& w : words) {
    for (std::size_t i = s.find(w); i != std::u32string::npos; i = s.find(w, i + w.size())) {
      if (w == U"今日" && i + 2 < s.size() && s[i + 2] == U'头') continue;
      if (w == U"日前" && i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == U'十' || s[i - 1] == U'一'))
        continue;
      out += "time.relative " + std::to_string(i + 1) + ":" + text::to_utf8(w) + ">\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("lint gates: numbers noted only before 年 or 月 give the date findings of every number start") {
  Profile ungated = default_profile();
  // An entry that starts with a digit (and never occurs below): the scan notes every number.
  ungated.dictionary.push_back({text::to_utf8(U"7\U0002A700"), "七", ""});
  const std::vector<std::u32string> tokens = {
      U"2024年", U"2040年", U"22年", U"3月", U"03月", U"13月", U"12月", U"2月", U"31日", U"29日",      U"02日",
      U"1日",    U"2024",   U"12",   U"1",   U"03",   U"0",    U"年",   U"月",  U"日",   U"号",        U"时",
      U".",      U"．",     U"-",    U"会",  U"a",    U" ",    U"，",   U"万",  U"%",    U"\U00010000"};
  const std::vector<std::string_view> nows = {"2024-03-01 09:30:00", "", "2023-12-31 00:00:00"};
  std::uint32_t state = 17;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t lines = 0;
  for (int n = 0; n < 4000; ++n) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % 18; k > 0; --k) s += tokens[next() % tokens.size()];
    CAPTURE(text::to_utf8(s));
    for (const std::string_view now : nows) {
      CAPTURE(now);
      const std::string want = findings(s, ungated, now, "date.");
      REQUIRE(findings(s, default_profile(), now, "date.") == want);
      for (const char c : want) lines += c == '\n' ? 1 : 0;
    }
  }
  CHECK(lines > 2000);
}

TEST_CASE("lint gates: word starts noted only before a second character give the find loop's time words") {
  const std::u32string alphabet = U"今昨明前近日本上下天周个月头十一2会 ";
  std::uint32_t state = 19;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t lines = 0;
  for (int n = 0; n < 4000; ++n) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % 40; k > 0; --k) s += alphabet[next() % alphabet.size()];
    CAPTURE(text::to_utf8(s));
    const std::string want = relative_reference(s);
    REQUIRE(findings(s, default_profile(), "", "time.relative") == want);
    for (const char c : want) lines += c == '\n' ? 1 : 0;
  }
  CHECK(lines > 2000);
}
