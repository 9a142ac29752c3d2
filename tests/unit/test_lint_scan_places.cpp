// lint's one scan of a block (lint_scan) notes a stretch's marked characters first, with no
// branch per character, and only then runs the checks' tests at them (skipping a number's
// digits by their count); it must note the places and the dictionary's hits the first scan (a
// loop that stopped at each marked character: the reference below) noted, list by list and in
// order, on generated blocks: Chinese text, the doubled-word characters doubled and not,
// sentence marks alone and in pairs, numbers with 年/月 (and 1.5), relative time words and their
// parts, paired and range marks, dictionary entries, their parts and near misses, ASCII,
// characters beyond the BMP (some sharing their low 16 bits with marked ones), U+0000, empty
// blocks and blocks of up to 700 characters (several stretches, numbers across their ends);
// under the default profile and profiles whose entries start with digits, marks or single
// characters.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dictionary.h"
#include "lint_scan.h"
#include "prepared.h"
#include "profile.h"
#include "text.h"
#include "xorshift.h"

using namespace paiban;

namespace {

// ---- the reference: the scan as first written (its own table marks) ------------------------
namespace reference {

constexpr char32_t kPairs[][2] = {{U'“', U'”'},   {U'‘', U'’'},   {U'《', U'》'},
                                  {U'（', U'）'}, {U'【', U'】'}, {U'〔', U'〕'}};
constexpr std::u32string_view kDoubled = U"的了是在和与及对将把被为等就也都而并之其以于这那我你他她它们从向";
constexpr std::u32string_view kSentenceMarks = U"，。、；：？！";
constexpr std::u32string_view kRangeMarks = U"-~－〜";
constexpr std::u32string_view kRelativeWords[] = {U"今天", U"今日", U"昨天", U"昨日", U"明天", U"明日",  U"前天",
                                                  U"近日", U"日前", U"本周", U"上周", U"下周", U"上个月"};
constexpr bool word_second(char32_t c) {
  return c == U'天' || c == U'日' || c == U'周' || c == U'个' || c == U'前';
}
bool digit(char32_t c) {
  return c >= '0' && c <= '9';
}
enum : unsigned {
  kPairMark = 1,
  kDoubleChar = 2,
  kSentenceMark = 4,
  kRangeChar = 8,
  kDigitChar = 16,
  kWordStart = 32,
  kStop = 64
};
enum : unsigned { kAtPairs, kAtDoubles, kAtMarks, kAtRanges, kAtNumbers, kAtWords, kAtCount };
using Places = std::vector<std::size_t>;

std::vector<DictMatcher::Mark> scan_marks() {
  std::vector<DictMatcher::Mark> out;
  auto mark = [&](char32_t c, unsigned bit) { out.push_back({c, static_cast<std::uint8_t>(bit)}); };
  for (const auto& p : kPairs) {
    mark(p[0], kPairMark);
    mark(p[1], kPairMark);
  }
  for (const char32_t ch : kDoubled) mark(ch, kDoubleChar);
  for (const char32_t ch : kSentenceMarks) mark(ch, kSentenceMark);
  for (const char32_t ch : kRangeMarks) mark(ch, kRangeChar);
  for (char32_t ch = '0'; ch <= '9'; ++ch) mark(ch, kDigitChar);
  for (const std::u32string_view w : kRelativeWords) mark(w[0], kWordStart);
  mark(0, kStop);
  return out;
}

void scan(const std::u32string& s, const DictMatcher& dict, Places (&at)[kAtCount],
          std::vector<DictMatcher::Hit>& hits) {
  for (Places& p : at) p.clear();
  hits.clear();
  const std::uint8_t* const marks = dict.marks();
  const bool digit_words = dict.digit_starts();
  std::size_t dict_from = 0;
  const char32_t* const p = s.data();
  const std::size_t n = s.size();
  const char32_t* const end = p + n;
  auto bits = [marks](char32_t c) -> unsigned { return c < 0x10000 ? marks[c] & 0x7Fu : 0u; };
  const bool stops = (marks[0] & kStop) != 0;
  for (const char32_t* q = p;; ++q) {
    unsigned t = 0;
    if (stops)
      while ((t = marks[*q & 0xFFFF]) == 0) ++q;
    else
      while (q != end && (t = marks[*q & 0xFFFF]) == 0) ++q;
    if (q == end) break;
    std::size_t i = static_cast<std::size_t>(q - p);
    if (t == DictMatcher::kStarts) {
      if (i >= dict_from) {
        if (const DictWord* w = dict.match_at(s, i)) {
          hits.push_back({i, w});
          dict_from = i + w->wrong32.size();
        }
      }
      continue;
    }
    const char32_t c = *q;
    if ((t & DictMatcher::kStarts) != 0 && i >= dict_from) {
      if (const DictWord* w = dict.match_at(s, i)) {
        hits.push_back({i, w});
        dict_from = i + w->wrong32.size();
      }
    }
    const unsigned k = c < 0x10000 ? t & 0x7Fu : 0u;
    if (k == 0) continue;
    if (k == kDigitChar) {
      const bool start = i == 0 || !(digit(p[i - 1]) || p[i - 1] == '.');
      if (digit_words) {
        if (start) at[kAtNumbers].push_back(i);
        continue;
      }
      const std::size_t a = i;
      while (i + 1 < n && digit(p[i + 1])) ++i;
      if (start && i + 1 < n && (p[i + 1] == U'年' || p[i + 1] == U'月')) at[kAtNumbers].push_back(a);
      q = p + i;
      continue;
    }
    if ((k & kPairMark) != 0) at[kAtPairs].push_back(i);
    if ((k & kDoubleChar) != 0 && i + 1 < n && p[i + 1] == c) at[kAtDoubles].push_back(i);
    if ((k & kSentenceMark) != 0 && i + 1 < n && (bits(p[i + 1]) & kSentenceMark) != 0) at[kAtMarks].push_back(i);
    if ((k & kRangeChar) != 0 && i > 0 && i + 1 < n) at[kAtRanges].push_back(i);
    if ((k & kWordStart) != 0 && i + 1 < n && word_second(p[i + 1])) at[kAtWords].push_back(i);
  }
}

}  // namespace reference

/// The lists and hits of one scan, one line each ("list: i i i", "hits: i:wrong …").
std::string dump(const std::vector<std::size_t> (&at)[kLintPlaceLists], const std::vector<DictMatcher::Hit>& hits) {
  std::string out;
  for (unsigned k = 0; k < kLintPlaceLists; ++k) {
    out += std::to_string(k) + ":";
    for (const std::size_t i : at[k]) out += " " + std::to_string(i);
    out += "\n";
  }
  out += "hits:";
  for (const DictMatcher::Hit& h : hits) out += " " + std::to_string(h.start) + ":" + h.entry->wrong;
  return out + "\n";
}

struct Counts {
  std::size_t blocks = 0, places[kLintPlaceLists] = {}, hits = 0;
};

/// Compares lint_scan with the reference on 3,000 generated blocks under `profile`.
Counts compare(const Profile& profile, std::uint64_t seed) {
  const DictMatcher ours = lint_matcher(profile);
  const DictMatcher theirs = DictMatcher::build(profile, reference::scan_marks());
  std::vector<std::u32string> pieces;
  // Chinese text the checks do not look at, often.
  for (const char32_t* x : {U"环境", U"生态", U"保护", U"工作", U"会议", U"要求", U"全面", U"推进", U"治理", U"监测",
                            U"污染", U"企业", U"天", U"个", U"周", U"前", U"日", U"月", U"年"})
    for (int k = 0; k < 3; ++k) pieces.emplace_back(x);
  for (const char32_t c : reference::kDoubled) {  // one of kDoubled, alone, doubled, tripled
    pieces.emplace_back(1, c);
    pieces.emplace_back(1, c);
    pieces.emplace_back(2, c);
    if (c == U'了') pieces.emplace_back(U"了了解");
  }
  for (const char32_t c : reference::kSentenceMarks) {
    pieces.emplace_back(1, c);
    for (const char32_t d : reference::kSentenceMarks) pieces.push_back(std::u32string{c, d});
  }
  for (const auto& p : reference::kPairs) {
    pieces.emplace_back(1, p[0]);
    pieces.emplace_back(1, p[1]);
  }
  for (const char32_t c : reference::kRangeMarks) pieces.emplace_back(1, c);
  for (const char32_t* x : {U"2020", U"2021年", U"10", U"3", U"0", U"12月", U"08", U"5日", U"1.5", U".", U"2020-2022年",
                            U"10~20", U"3月5日", U"22年3月", U"年", U"月", U"日前", U"20日前"})
    pieces.emplace_back(x);
  for (const std::u32string_view w : reference::kRelativeWords) {
    pieces.emplace_back(w);
    pieces.emplace_back(w.substr(0, 1));
    pieces.emplace_back(w.substr(1));
  }
  pieces.emplace_back(U"今日头条");
  for (const char32_t* x : {U"a", U"GB 3095", U" ", U"O’Brien", U"x", U"\U00020000", U"\U00024E0A", U"\U0001FF0C",
                            U"\U0001FF0C\U0001FF0C", U"\U00010000", U"\U00017684", U"\U00017684\U00017684"})
    pieces.emplace_back(x);
  pieces.emplace_back(1, U'\0');
  for (const DictEntry& e : profile.dictionary) pieces.push_back(text::to_u32(e.wrong));
  for (const DictWord& w : builtin_dictionary()) {
    pieces.push_back(w.wrong32);
    pieces.push_back(w.wrong32.substr(0, 1));
    pieces.push_back(w.wrong32.substr(0, 2));
    pieces.push_back(w.wrong32.substr(0, w.wrong32.size() - 1) + U"好");  // a near miss
    for (const std::u32string& e : w.except32) pieces.push_back(e);
  }
  testing::Xorshift r;
  r.s ^= seed * 0xD1B54A32D192ED03u;  // (never 0)
  Counts counts;
  std::vector<std::size_t> at[kLintPlaceLists];
  std::vector<std::size_t> want[kLintPlaceLists];
  std::vector<DictMatcher::Hit> hits, want_hits;
  for (int n = 0; n < 3000; ++n) {
    std::u32string s;
    const std::size_t size = r.below(8) == 0 ? 0 : r.below(5) == 0 ? 1 + r.below(700) : 1 + r.below(40);
    while (s.size() < size) s += pieces[r.below(pieces.size())];
    lint_scan(s, ours, at, hits);
    reference::scan(s, theirs, want, want_hits);
    CAPTURE(text::to_utf8(s));
    REQUIRE(dump(at, hits) == dump(want, want_hits));
    ++counts.blocks;
    for (unsigned k = 0; k < kLintPlaceLists; ++k) counts.places[k] += at[k].size();
    counts.hits += hits.size();
  }
  return counts;
}

void check_counts(const Counts& c) {
  CHECK(c.blocks == 3000);
  for (unsigned k = 0; k < kLintPlaceLists; ++k) {
    CAPTURE(k);
    CHECK(c.places[k] > 300);  // every list is exercised
  }
  CHECK(c.hits > 300);
}

}  // namespace

TEST_CASE("lint: the block scan notes the places and hits the first scan noted") {
  check_counts(compare(default_profile(), 1));
  Profile p = default_profile();
  p.dictionary.push_back({"2020年度", "2020年", ""});  // starts with a digit: every number start is noted
  p.dictionary.push_back({"10~20", "10～20", ""});
  p.dictionary.push_back({"，，", "，", ""});                                  // starts with a sentence mark
  p.dictionary.push_back({"的确是", "确是", ""});                              // starts with a doubled-word character
  p.dictionary.push_back({"今天会", "当天会", ""});                            // … and a time word's first one
  p.dictionary.push_back({"天气", "天候", ""});                                // a time word's second character
  p.dictionary.push_back({text::to_utf8(U"\U00020000会"), "会", ""});          // beyond the BMP
  p.dictionary.push_back({text::to_utf8(U"\U00024E0A周"), "上周", ""});        // low 16 bits: 上
  p.dictionary.push_back({text::to_utf8(U"\U0001FF0C\U0001FF0C"), "，", ""});  // low 16 bits: ，
  check_counts(compare(p, 2));
  p.dictionary.push_back({"咱", "我们", ""});  // single characters: the pair filter is off
  p.dictionary.push_back({"3", "三", ""});
  check_counts(compare(p, 3));
}

TEST_CASE("lint: the block scan reads numbers across the ends of its stretches") {
  const DictMatcher ours = lint_matcher(default_profile());
  const DictMatcher theirs = DictMatcher::build(default_profile(), reference::scan_marks());
  std::vector<std::size_t> at[kLintPlaceLists], want[kLintPlaceLists];
  std::vector<DictMatcher::Hit> hits, want_hits;
  std::size_t numbers = 0;
  for (std::size_t lead = 240; lead < 270; ++lead) {
    for (const char32_t* tail : {U"12345678年3月5日，，的的（", U"2022年", U"3.5月", U"0", U"10~20万"}) {
      std::u32string s(lead, U'环');
      s += tail;
      s += std::u32string(lead % 7, U'的') + U"1" + std::u32string(500 + lead, U'7') + U"月了了";
      lint_scan(s, ours, at, hits);
      reference::scan(s, theirs, want, want_hits);
      CAPTURE(lead);
      REQUIRE(dump(at, hits) == dump(want, want_hits));
      numbers += at[4].size();
    }
  }
  CHECK(numbers > 100);
}
