// DictMatcher::find filters the places it looks up (the first character, then a hash of the
// first two). Its hits must be those of the plain definition (reference_dictionary.h): at each
// place, left to right, the longest entry found there that no guard word overlaps, then on after
// the hit. Checked on generated text made of the entries' wrong forms, their guard
// words, their pieces and other characters, with the built-in list and with a profile that adds
// single-character entries (which switch the pair filter off), and with entries that start
// beyond the BMP or with a digit.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dictionary.h"
#include "profile.h"
#include "reference_dictionary.h"
#include "text.h"

using namespace paiban;

namespace {

/// The plain definition's hits: "start:wrong" per hit.
std::vector<std::string> reference_hits(const std::vector<DictWord>& words, const std::u32string& s) {
  std::vector<std::string> out;
  for (const reference::DictHit& h : reference::dict_hits(words, s))
    out.push_back(std::to_string(h.start) + ":" + h.word->wrong);
  return out;
}

std::vector<std::string> ours(const DictMatcher& m, const std::u32string& s) {
  std::vector<std::string> out;
  for (const DictMatcher::Hit& h : m.find(s)) out.push_back(std::to_string(h.start) + ":" + h.entry->wrong);
  return out;
}

std::size_t compare(const Profile& profile, std::uint32_t seed) {
  const DictMatcher m = DictMatcher::build(profile);
  const std::vector<DictWord> words = reference::dict_entries(profile);
  std::vector<std::u32string> pieces = {U"的", U"会议", U"，", U"a", U"工作"};
  for (const DictWord& w : words) {
    pieces.push_back(w.wrong32);
    pieces.push_back(w.wrong32.substr(0, 1));
    pieces.push_back(w.wrong32.substr(w.wrong32.size() - 1));
    for (const std::u32string& e : w.except32) pieces.push_back(e);
  }
  std::uint32_t state = seed;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t hits = 0;
  for (int n = 0; n < 2000; ++n) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % 12; k > 0; --k) s += pieces[next() % static_cast<std::uint32_t>(pieces.size())];
    CAPTURE(text::to_utf8(s));
    const std::vector<std::string> want = reference_hits(words, s);
    const auto joined = [](const std::vector<std::string>& v) {
      std::string j;
      for (const std::string& x : v) j += x + " ";
      return j;
    };
    REQUIRE(joined(ours(m, s)) == joined(want));
    hits += want.size();
  }
  return hits;
}

}  // namespace

TEST_CASE("dictionary: the filtered find gives the hits of the plain definition") {
  CHECK(compare(default_profile(), 3) > 3000);
  Profile p = default_profile();
  p.dictionary.push_back({"咱", "我们", ""});        // a single character: the pair filter is off
  p.dictionary.push_back({"会议", "会商", "示例"});  // a common piece, now an entry too
  CHECK(compare(p, 5) > 3000);
  // Entries starting beyond the BMP (the table of first characters holds their low 16 bits:
  // those of 上 and ，) and with a digit.
  Profile q = default_profile();
  q.dictionary.push_back({text::to_utf8(U"\U00024E0A周"), "上周", ""});
  q.dictionary.push_back({text::to_utf8(U"\U0001FF0C\U0001FF0C"), "，", ""});
  q.dictionary.push_back({text::to_utf8(U"\U00020000会"), "会", ""});
  q.dictionary.push_back({"2020年度", "2020年", ""});
  q.dictionary.push_back({"上周会", "上周", ""});
  CHECK(compare(q, 9) > 3000);
}
