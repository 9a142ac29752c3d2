// Lint checks that were rewritten to scan a block once must find what the first, simpler
// versions found (the references below), in the same order, on generated text:
// - balance.pair looks at all six kinds of paired marks in one scan (was: one scan per kind);
//   text with nested, stray and interleaved marks of every kind;
// - time.relative notes where the words' first characters stand and compares each word only
//   there (was: one find loop per word); text dense with the words, their parts and the
//   exceptions (今日头条, 20日前).
// All checks of a block now run on the places one scan of the block notes (was: a scan per
// check); the checks below are compared with their whole-block versions, finding by finding
// (rule, column, what is there, the suggested form):
// - char.double: doubled, tripled and AABB characters, 了了解;
// - punct.repeat: runs of sentence marks, ？！;
// - range.mark: numbers, range marks, units and code-like prefixes (GB 3095-2012);
// - date.*: numbers with 年月日, leading zeros, short years, invalid days, several "now"s.
#include <doctest/doctest.h>

#include <algorithm>
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

bool digit(char32_t c) {
  return c >= '0' && c <= '9';
}

/// "rule col:before>after", as the references below note a finding at i.
std::string finding(const char* rule, std::size_t i, const std::u32string& before, const std::u32string& after) {
  return std::string(rule) + " " + std::to_string(i + 1) + ":" + text::to_utf8(before) + ">" + text::to_utf8(after);
}

/// char.double as first written (a scan of the whole block).
std::vector<std::string> doubles_reference(const std::u32string& s, std::string_view) {
  static const std::u32string set = U"的了是在和与及对将把被为等就也都而并之其以于这那我你他她它们从向";
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != s[i + 1] || set.find(s[i]) == std::u32string::npos) continue;
    const bool aabb_after = i + 3 < s.size() && s[i + 2] == s[i + 3] && s[i + 2] != s[i];
    const bool aabb_before = i >= 2 && s[i - 2] == s[i - 1] && s[i - 1] != s[i];
    const bool triple = (i + 2 < s.size() && s[i + 2] == s[i]) || (i > 0 && s[i - 1] == s[i]);
    if (aabb_after || aabb_before || triple) continue;
    if (s[i] == U'了' && i + 2 < s.size() && s[i + 2] == U'解') continue;
    out.push_back(finding("char.double", i, s.substr(i, 2), s.substr(i, 1)));
    ++i;
  }
  return out;
}

/// punct.repeat as first written.
std::vector<std::string> marks_reference(const std::u32string& s, std::string_view) {
  auto mark = [](char32_t c) {
    return c == U'，' || c == U'。' || c == U'、' || c == U'；' || c == U'：' || c == U'？' || c == U'！';
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const char32_t x = s[i], y = s[i + 1];
    if (!mark(x) || !mark(y)) continue;
    const bool emphatic = (x == U'？' || x == U'！') && (y == U'？' || y == U'！');
    if (emphatic && x != y) continue;
    out.push_back(finding("punct.repeat", i, s.substr(i, 2), x == y ? s.substr(i, 1) : s.substr(i + 1, 1)));
    ++i;
  }
  return out;
}

/// range.mark as first written (the generated texts hold nothing protected).
std::vector<std::string> ranges_reference(const std::u32string& s, std::string_view) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const char32_t m = s[i];
    if (m != '-' && m != '~' && m != U'－' && m != U'〜') continue;
    if (!digit(s[i - 1]) || !digit(s[i + 1])) continue;
    std::size_t a = i;
    while (a > 0 && digit(s[a - 1])) --a;
    std::size_t z = i + 1;
    while (z < s.size() && digit(s[z])) ++z;
    if (a > 0 && s[a - 1] < 0x80 && s[a - 1] != ' ') continue;
    if (a > 1 && s[a - 1] == ' ' && s[a - 2] < 0x80) continue;
    if ((i - a) == 4 && s[a] == '0') continue;
    const char32_t unit = z < s.size() ? s[z] : 0;
    const bool year_span = (i - a) == 4 && (z - i - 1) == 4 && (unit == U'年');
    const bool time_span = unit == U'年' || unit == U'月' || unit == U'日' || unit == U'时' || unit == U'点';
    if (year_span || (m == '-' && time_span))
      out.push_back(finding("range.mark", i, s.substr(i, 1), U"—"));
    else if (text::is_han(unit) || unit == '%' || unit == U'％')
      out.push_back(finding("range.mark", i, s.substr(i, 1), U"～"));
  }
  return out;
}

/// The date checks as first written; `now` as the lint pass takes it.
std::vector<std::string> dates_reference(const std::u32string& s, std::string_view now) {
  constexpr std::size_t npos = std::u32string::npos;
  constexpr int kBig = 100000000;
  auto read_int = [&](std::size_t a, std::size_t z) {
    int v = 0;
    for (std::size_t k = a; k < z; ++k) v = v >= kBig ? kBig : v * 10 + static_cast<int>(s[k] - '0');
    return v;
  };
  const int now_y = now.size() >= 10 ? std::atoi(std::string(now.substr(0, 4)).c_str()) : 0;
  const std::string now_day = now.size() >= 10 ? std::string(now.substr(0, 10)) : std::string();
  auto num_at = [&](std::size_t i, std::size_t& z) {
    z = i;
    while (z < s.size() && digit(s[z])) ++z;
    return z - i;
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) || s[i - 1] == '.'))) continue;
    std::size_t z = 0;
    const std::size_t n = num_at(i, z);
    if (z >= s.size()) break;
    const char32_t unit = s[z];
    int y = 0, m = 0, d = 0;
    std::size_t ys = npos, ms = npos, ds = npos, end = z;
    if (unit == U'年' && z + 1 < s.size() && digit(s[z + 1])) {
      ys = i;
      y = read_int(i, z);
      std::size_t mz = 0;
      const std::size_t mn = num_at(z + 1, mz);
      if (mz < s.size() && s[mz] == U'月' && mn <= 2) {
        ms = z + 1;
        m = read_int(z + 1, mz);
        end = mz;
        std::size_t dz = 0;
        const std::size_t dn = num_at(mz + 1, dz);
        if (dn > 0 && dn <= 2 && dz < s.size() && s[dz] == U'日') {
          ds = mz + 1;
          d = read_int(mz + 1, dz);
          end = dz;
        }
      }
      if (ms == npos) continue;
      if (n == 2) out.push_back(finding("date.short-year", i, s.substr(i, n + 1), U""));
    } else if (unit == U'月' && n <= 2) {
      ms = i;
      m = read_int(i, z);
      std::size_t dz = 0;
      const std::size_t dn = num_at(z + 1, dz);
      if (dn == 0 || dn > 2 || dz >= s.size() || s[dz] != U'日') continue;
      ds = z + 1;
      d = read_int(z + 1, dz);
      end = dz;
    } else {
      continue;
    }
    const std::size_t stop = end + 1;
    for (std::size_t part : {ms, ds}) {
      if (part != npos && s[part] == '0' && part + 1 < s.size() && digit(s[part + 1]))
        out.push_back(finding("date.leading-zero", part, s.substr(part, 2), s.substr(part + 1, 1)));
    }
    if (m < 1 || m > 12 || (ds != npos && (d < 1 || d > days_in_month(ys != npos && n == 4 ? y : 0, m)))) {
      out.push_back(finding("date.invalid", i, s.substr(i, stop - i), U""));
    } else if (ys != npos && n == 4 && now_y > 0) {
      if (y > now_y + 10 || y < now_y - 100) {
        out.push_back(finding("date.implausible", i, s.substr(i, stop - i), U""));
      } else if (ds != npos) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        if (std::string(buf) > now_day) out.push_back(finding("date.future", i, s.substr(i, stop - i), U""));
      }
    }
    i = end;
  }
  return out;
}

/// The lint pass on a document of one paragraph per text (on lines 1, 2, …), at `now`.
std::vector<Diagnostic> lint_blocks(const std::vector<std::u32string>& texts, std::string_view now) {
  return testing::lint_paragraphs(texts, default_profile(), now);
}

/// The lint pass on one block of text s, at `now`.
std::vector<Diagnostic> lint_block(const std::u32string& s, std::string_view now) {
  return lint_blocks({s}, now);
}

/// "col:before" of each finding of `rule` on one block of text s, in order.
std::vector<std::string> ours(const std::u32string& s, const char* rule) {
  std::vector<std::string> out;
  for (const Diagnostic& x : lint_block(s, ""))
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

/// The lint pass on one block of text s at `now`: "rule col:before>after" of each finding whose
/// rule starts with `prefix`, in order.
std::vector<std::string> ours_at(const std::u32string& s, std::string_view prefix, std::string_view now) {
  std::vector<std::string> out;
  for (const Diagnostic& x : lint_block(s, now))
    if (x.rule.compare(0, prefix.size(), prefix) == 0)
      out.push_back(std::string(x.rule) + " " + std::to_string(x.column) + ":" + x.before + ">" + x.after);
  return out;
}

using Reference = std::vector<std::string> (*)(const std::u32string&, std::string_view);

/// The findings one a line (so that a failed check shows them).
std::string joined(const std::vector<std::string>& findings) {
  std::string out;
  for (const std::string& f : findings) out += f + "\n";
  return out;
}

/// Compares ours_at with `reference` on 3,000 texts of up to `max_tokens` pieces drawn from
/// `tokens`, each at every one of `nows`; returns the findings seen.
std::size_t compare_on_tokens(const std::vector<std::u32string>& tokens, std::uint32_t max_tokens,
                              std::string_view prefix, const std::vector<std::string_view>& nows, Reference reference) {
  std::uint32_t state = 11;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t findings = 0;
  for (int n = 0; n < 3000; ++n) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % max_tokens; k > 0; --k) s += tokens[next() % tokens.size()];
    CAPTURE(text::to_utf8(s));
    for (const std::string_view now : nows) {
      CAPTURE(now);
      const std::vector<std::string> want = reference(s, now);
      REQUIRE(joined(ours_at(s, prefix, now)) == joined(want));
      findings += want.size();
    }
  }
  return findings;
}

/// The lint pass on a document of one block per text (block k on line k + 1): "line rule
/// col:before>after" of each finding whose rule starts with `prefix`, in order.
std::vector<std::string> ours_in_blocks(const std::vector<std::u32string>& texts, std::string_view prefix,
                                        std::string_view now) {
  std::vector<std::string> out;
  for (const Diagnostic& x : lint_blocks(texts, now))
    if (x.rule.compare(0, prefix.size(), prefix) == 0)
      out.push_back(std::to_string(x.line) + " " + std::string(x.rule) + " " + std::to_string(x.column) + ":" +
                    x.before + ">" + x.after);
  return out;
}

/// The tokens as single characters.
std::vector<std::u32string> chars_of(const std::u32string& alphabet) {
  std::vector<std::u32string> out;
  for (const char32_t c : alphabet) out.emplace_back(1, c);
  return out;
}

}  // namespace

TEST_CASE("balance.pair: one scan finds what one scan per kind finds, in the same order") {
  CHECK(compare_on_generated(U"“”‘’《》（）【】〔〕会a ", 16, "balance.pair", balance_reference) > 3000);
}

TEST_CASE("time.relative: one scan finds what one find loop per word finds, in the same order") {
  CHECK(compare_on_generated(U"今天日昨明前近本周上下个月头十一2会 ", 48, "time.relative", relative_reference) > 2000);
}

TEST_CASE("char.double: found on the scanned places as by a scan of the whole block") {
  CHECK(compare_on_tokens(chars_of(U"的的了了解谢是在会a "), 24, "char.double", {""}, doubles_reference) > 1000);
  // Every listed character, doubled, alone and in threes.
  for (const char32_t c : std::u32string(U"的了是在和与及对将把被为等就也都而并之其以于这那我你他她它们从向")) {
    const std::u32string s = std::u32string(U"会") + c + c + U"会" + c + U"会" + c + c + c + U"会" + c + c;
    CAPTURE(text::to_utf8(s));
    CHECK(ours_at(s, "char.double", "") == doubles_reference(s, ""));
    CHECK(ours_at(s, "char.double", "").size() == 2);
  }
}

TEST_CASE("punct.repeat: found on the scanned places as by a scan of the whole block") {
  CHECK(compare_on_tokens(chars_of(U"，。、；：？！！？会a"), 24, "punct.repeat", {""}, marks_reference) > 5000);
}

TEST_CASE("range.mark: found on the scanned places as by a scan of the whole block") {
  const std::vector<std::u32string> tokens = {U"2020", U"2022", U"0914", U"10", U"3",  U"-",  U"-",  U"~",
                                              U"－",   U"〜",   U"年",   U"月", U"日", U"时", U"点", U"%",
                                              U"％",   U"万",   U" ",    U"GB", U"a",  U".",  U"会", U"，"};
  CHECK(compare_on_tokens(tokens, 24, "range.mark", {""}, ranges_reference) > 40);
  // Denser: numbers followed by a range mark, numbers, units.
  const std::vector<std::u32string> dense = {U"2020-2022", U"10~20", U"3－5", U"7〜9", U"0914-2312", U"20-", U"5~",
                                             U"年",        U"月",    U"日",   U"时",   U"点",        U"万",  U"%",
                                             U"％",        U"会",    U" ",    U"GB",   U"，",        U"1"};
  CHECK(compare_on_tokens(dense, 16, "range.mark", {""}, ranges_reference) > 1000);
}

TEST_CASE("date checks: found on the scanned places as by a scan of the whole block") {
  const std::vector<std::u32string> tokens = {
      U"2024年", U"2023年", U"1899年", U"2040年", U"0202年", U"22年", U"2024", U"12",   U"1",    U"3月",
      U"03月",   U"12月",   U"13月",   U"2月",    U"0月",    U"3",    U"31日", U"29日", U"30日", U"02日",
      U"0日",    U"1日",    U"日",     U"月",     U"年",     U".",    U"会",   U"-",    U" "};
  const std::vector<std::string_view> nows = {"2024-03-01 09:30:00", "", "2024-3-1", "2023-12-31", "abcd-ef-gh 00"};
  CHECK(compare_on_tokens(tokens, 14, "date.", nows, dates_reference) > 4000);
}

TEST_CASE("lint checks: a block's findings do not depend on the blocks before it (scratch kept between blocks)") {
  const std::vector<std::u32string> tokens = {
      U"“",        U"”",       U"‘",    U"’",    U"《",          U"》",      U"（",
      U"）",       U"【",      U"】",   U"〔",   U"〕",          U"的的",    U"了了",
      U"，",       U"。",      U"！",   U"？",   U"2020-2022年", U"10~20万", U"2024年3月1日",
      U"03月02日", U"22年5月", U"今天", U"日前", U"上个月",      U"会",      U"a",
      U"1",        U".",       U" "};
  std::uint32_t state = 5;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t findings = 0;
  for (int n = 0; n < 1000; ++n) {
    std::vector<std::u32string> texts(1 + next() % 6);
    for (std::u32string& s : texts)
      for (std::uint32_t k = 1 + next() % 16; k > 0; --k) s += tokens[next() % tokens.size()];
    std::vector<std::string> want;
    for (std::size_t k = 0; k < texts.size(); ++k)
      for (const std::string& f : ours_at(texts[k], "", "2024-03-01 09:30:00"))
        if (f.compare(0, 5, "meta.") != 0) want.push_back(std::to_string(k + 1) + " " + f);
    std::vector<std::string> got = ours_in_blocks(texts, "", "2024-03-01 09:30:00");
    got.erase(std::remove_if(got.begin(), got.end(),
                             [](const std::string& f) { return f.find(" heading.") != std::string::npos; }),
              got.end());
    CAPTURE(text::to_utf8(texts[0]));
    REQUIRE(joined(got) == joined(want));
    findings += want.size();
  }
  CHECK(findings > 5000);
}

TEST_CASE("lint checks: U+0000 in a block (the scan's stop mark) and characters beyond the BMP change no finding") {
  // The scan's look runs to the string's closing U+0000 (marked kStop); a U+0000 inside the
  // text and U+10000, U+20000 (whose low 16 bits are 0000) must be read as before.
  const std::u32string nul(1, U'\0');
  const std::vector<std::u32string> tokens = {nul,     nul + nul, U"\U00010000", U"\U00020000", U"“",   U"”",   U"（",
                                              U"）",   U"的的",   U"了",         U"，",         U"。",  U"！",  U"？",
                                              U"2020", U"-",      U"~",          U"2024年",     U"3月", U"1日", U"今天",
                                              U"日前", U"会",     U"a",          U"1",          U" ",   U"."};
  const std::vector<std::string_view> nows = {"2024-03-01 09:30:00"};
  std::size_t findings = 0;
  findings += compare_on_tokens(tokens, 20, "char.double", {""}, doubles_reference);
  findings += compare_on_tokens(tokens, 20, "punct.repeat", {""}, marks_reference);
  findings += compare_on_tokens(tokens, 20, "range.mark", {""}, ranges_reference);
  findings += compare_on_tokens(tokens, 20, "date.", nows, dates_reference);
  CHECK(findings > 1000);
  std::u32string alphabet = U"“”‘’《》（）今天日前会a \U00010000\U00020000";
  alphabet += nul;
  CHECK(compare_on_generated(alphabet, 16, "balance.pair", balance_reference) > 2000);
  CHECK(compare_on_generated(alphabet, 32, "time.relative", relative_reference) > 500);
}
