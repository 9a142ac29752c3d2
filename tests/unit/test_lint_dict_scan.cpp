// The lint pass finds the house dictionary's hits in the same scan of a block that notes the
// places of its other checks: one table (the matcher's) tells for each character whether an
// entry may start there and which checks look at it. Compared with the plain definition of
// the dictionary's hits (every entry at every place, the longest unguarded one, then on after
// the hit), and the other checks with what they find under the default profile (a profile's
// dictionary changes no other finding), on generated blocks and titles, with the default
// profile and with profiles whose entries start with digits, sentence marks, characters the
// other checks look at, characters beyond the BMP (one whose low 16 bits are those of "，",
// one of "上"), single characters (the pair filter off).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dictionary.h"
#include "lint_paragraphs.h"
#include "meta.h"
#include "profile.h"
#include "reference_dictionary.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

/// The plain definition's hits: "line col:wrong>right" per hit, in order.
std::vector<std::string> reference_hits(const std::vector<DictWord>& words, const std::u32string& s, int line) {
  std::vector<std::string> out;
  for (const reference::DictHit& h : reference::dict_hits(words, s))
    out.push_back(std::to_string(line) + " " + std::to_string(h.start + 1) + ":" + h.word->wrong + ">" + h.word->right);
  return out;
}

constexpr int kTitleLine = 99;

/// The lint pass on one paragraph per text (on lines 1, 2, …) and the title (on kTitleLine).
std::vector<Diagnostic> lint_texts(const std::vector<std::u32string>& texts, const std::u32string& title,
                                   const Profile& profile) {
  return testing::lint_paragraphs(texts, profile, "2024-03-01 09:30:00",
                                  Field{text::to_utf8(title), "given", {kTitleLine, 1}});
}

/// The findings one a line.
std::string joined(const std::vector<std::string>& findings) {
  std::string out;
  for (const std::string& f : findings) out += f + "\n";
  return out;
}

/// "line rule col:before>after" of the findings, dict.term ones (`dict` true) or the others.
std::string findings(const std::vector<Diagnostic>& found, bool dict) {
  std::vector<std::string> out;
  for (const Diagnostic& x : found) {
    if ((x.rule == "dict.term") != dict) continue;
    out.push_back(std::to_string(x.line) + (dict ? std::string() : " " + std::string(x.rule)) + " " +
                  std::to_string(x.column) + ":" + x.before + ">" + x.after);
  }
  return joined(out);
}

/// Compares the lint pass under `profile` with the references on 1,500 generated documents;
/// returns the dictionary hits seen.
std::size_t compare(const Profile& profile, std::uint32_t seed) {
  const std::vector<DictWord> words = reference::dict_entries(profile);
  // Characters the checks look at, digits, characters beyond the BMP, the profile's own
  // entries (drawn half of the time), then the entries, their ends and their guard words.
  std::vector<std::u32string> pieces;
  for (const char32_t* x : {U"的",
                            U"的的",
                            U"，",
                            U"，，",
                            U"。",
                            U"2020",
                            U"10",
                            U"1",
                            U"3",
                            U"年",
                            U"月",
                            U"日",
                            U"度",
                            U"~",
                            U"-",
                            U"会",
                            U"上",
                            U"周",
                            U"今天",
                            U"“",
                            U"”",
                            U"a",
                            U".",
                            U" ",
                            U"确",
                            U"是",
                            U"咱",
                            U"\U00020000",
                            U"\U00024E0A",
                            U"\U0001FF0C",
                            U"\U0001FF0C\U0001FF0C"})
    pieces.emplace_back(x);
  for (const DictEntry& e : profile.dictionary) pieces.push_back(text::to_u32(e.wrong));
  const auto special = static_cast<std::uint32_t>(pieces.size());
  for (const DictWord& w : words) {
    pieces.push_back(w.wrong32);
    pieces.push_back(w.wrong32.substr(0, 1));
    pieces.push_back(w.wrong32.substr(w.wrong32.size() - 1));
    for (const std::u32string& e : w.except32) pieces.push_back(e);
  }
  std::uint32_t state = seed;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  auto text_of = [&](std::uint32_t max) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % max; k > 0; --k) {
      const std::uint32_t r = next();
      s += pieces[(r >> 1) % ((r & 1) != 0 ? special : static_cast<std::uint32_t>(pieces.size()))];
    }
    return s;
  };
  std::size_t hits = 0;
  for (int n = 0; n < 1500; ++n) {
    std::vector<std::u32string> texts(1 + next() % 4);
    for (std::u32string& s : texts) s = text_of(16);
    const std::u32string title = text_of(6);
    std::vector<std::string> want;
    for (std::size_t k = 0; k < texts.size(); ++k)
      for (const std::string& f : reference_hits(words, texts[k], static_cast<int>(k) + 1)) want.push_back(f);
    for (const std::string& f : reference_hits(words, title, kTitleLine)) want.push_back(f);
    CAPTURE(text::to_utf8(texts[0]));
    CAPTURE(text::to_utf8(title));
    const std::vector<Diagnostic> ours = lint_texts(texts, title, profile);
    REQUIRE(findings(ours, true) == joined(want));
    // The other checks find what they find under the default profile.
    REQUIRE(findings(ours, false) == findings(lint_texts(texts, title, default_profile()), false));
    hits += want.size();
  }
  return hits;
}

}  // namespace

TEST_CASE("lint: the dictionary's hits found in the shared scan are those of the plain definition") {
  CHECK(compare(default_profile(), 3) > 2000);
  Profile p = default_profile();
  p.dictionary.push_back({"2020年度", "2020年", ""});  // starts with a digit: numbers are not skipped
  p.dictionary.push_back({"10~20", "10～20", ""});
  p.dictionary.push_back({"，，", "，", ""});                            // starts with a sentence mark
  p.dictionary.push_back({"的确是", "确是", ""});                        // starts with a character char.double looks at
  p.dictionary.push_back({"今天会", "当天会", ""});                      // … and one time.relative looks at
  p.dictionary.push_back({text::to_utf8(U"\U00020000会"), "会", ""});    // beyond the BMP
  p.dictionary.push_back({text::to_utf8(U"\U00024E0A周"), "上周", ""});  // low 16 bits: 上
  p.dictionary.push_back({text::to_utf8(U"\U0001FF0C\U0001FF0C"), "，", ""});  // low 16 bits: ，
  CHECK(compare(p, 5) > 2000);
  p.dictionary.push_back({"咱", "我们", ""});  // single characters: the pair filter is off
  p.dictionary.push_back({"3", "三", ""});
  CHECK(compare(p, 7) > 2000);
}

TEST_CASE("dictionary: the matcher's table holds the first characters and the caller's marks") {
  Profile p = default_profile();
  p.dictionary.push_back({text::to_utf8(U"\U00024E0A周"), "上周", ""});
  const DictMatcher m = DictMatcher::build(p, {{U'，', 4}, {U'上', 32}, {U'以', 2}});
  const std::uint8_t* t = m.marks();
  CHECK(t[U'，'] == 4);
  CHECK(t[U'上'] == (32 | DictMatcher::kStarts));  // marked by the caller, and 𤸊周 starts at its low 16 bits
  CHECK(t[U'以'] == (2 | DictMatcher::kStarts));   // 以身作责
  CHECK(t[U'会'] == 0);
  CHECK(!m.digit_starts());
  p.dictionary.push_back({"5G网络", "5G 网络", ""});
  CHECK(DictMatcher::build(p).digit_starts());
}
