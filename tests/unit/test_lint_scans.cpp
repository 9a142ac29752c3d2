// Lint checks that were rewritten to scan a block once must find what the first, simpler
// versions found (the references below), in the same order, on generated text:
// - balance.pair looks at all six kinds of paired marks in one scan (was: one scan per kind);
//   text with nested, stray and interleaved marks of every kind;
// - time.relative notes where the words' first characters stand and compares each word only
//   there (was: one find loop per word); text dense with the words, their parts and the
//   exceptions (今日头条, 20日前).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "profile.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

/// One scan per kind, as balance was first written: "col:mark" per finding, in order.
std::vector<std::string> balance_reference(const std::u32string& s) {
  static const char32_t pairs[][2] = {{U'“', U'”'},   {U'‘', U'’'},   {U'《', U'》'},
                                      {U'（', U'）'}, {U'【', U'】'}, {U'〔', U'〕'}};
  std::vector<std::string> out;
  auto note = [&](std::size_t i) { out.push_back(std::to_string(i + 1) + ":" + text::to_utf8(s.substr(i, 1))); };
  for (const auto& p : pairs) {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == p[0]) {
        open.push_back(i);
      } else if (s[i] == p[1]) {
        if (p[1] == U'’' && i > 0 && i + 1 < s.size() && s[i + 1] < 0x80 && s[i - 1] < 0x80) continue;
        if (open.empty())
          note(i);
        else
          open.pop_back();
      }
    }
    for (std::size_t i : open) note(i);
  }
  return out;
}

/// One find loop per word, as time.relative was first written: "col:word" per finding, in order.
std::vector<std::string> relative_reference(const std::u32string& s) {
  static const std::u32string words[] = {U"今天", U"今日", U"昨天", U"昨日", U"明天", U"明日",  U"前天",
                                         U"近日", U"日前", U"本周", U"上周", U"下周", U"上个月"};
  std::vector<std::string> out;
  for (const std::u32string& w : words) {
    for (std::size_t i = s.find(w); i != std::u32string::npos; i = s.find(w, i + w.size())) {
      if (w == U"今日" && i + 2 < s.size() && s[i + 2] == U'头') continue;
      if (w == U"日前" && i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == U'十' || s[i - 1] == U'一'))
        continue;
      out.push_back(std::to_string(i + 1) + ":" + text::to_utf8(w));
    }
  }
  return out;
}

/// The lint pass on one block of text s: "col:before" of each finding of `rule`, in order.
std::vector<std::string> ours(const std::u32string& s, const char* rule) {
  Document d;
  Block b;
  Inline in;
  in.text = text::to_utf8(s);
  in.pos = {1, 1};
  b.inlines.push_back(in);
  d.blocks.push_back(b);
  Meta m;
  m.title = Field{"题", "given", {}};
  m.date = Field{"2024-03-01 09:30:00", "given", {}};
  std::vector<Diagnostic> found;
  lint(d, m, default_profile(), "", found);
  std::vector<std::string> out;
  for (const Diagnostic& x : found)
    if (x.rule == rule) out.push_back(std::to_string(x.column) + ":" + x.before);
  return out;
}

/// Compares ours with `reference` on 3,000 generated texts of up to `max_len` characters of
/// `alphabet`; returns the findings seen.
std::size_t compare_on_generated(const std::u32string& alphabet, std::uint32_t max_len, const char* rule,
                                 std::vector<std::string> (*reference)(const std::u32string&)) {
  std::uint32_t state = 7;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t findings = 0;
  for (int n = 0; n < 3000; ++n) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % max_len; k > 0; --k) s += alphabet[next() % alphabet.size()];
    CAPTURE(text::to_utf8(s));
    const std::vector<std::string> want = reference(s);
    REQUIRE(ours(s, rule) == want);
    findings += want.size();
  }
  return findings;
}

}  // namespace

TEST_CASE("balance.pair: one scan finds what one scan per kind finds, in the same order") {
  CHECK(compare_on_generated(U"“”‘’《》（）【】〔〕会a ", 16, "balance.pair", balance_reference) > 3000);
}

TEST_CASE("time.relative: one scan finds what one find loop per word finds, in the same order") {
  CHECK(compare_on_generated(U"今天日昨明前近本周上下个月头十一2会 ", 48, "time.relative", relative_reference) > 2000);
}
