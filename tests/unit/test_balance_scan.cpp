// balance.pair looks at all six kinds of paired marks in one scan. Its findings must be those
// of one scan per kind (the reference below), in the same order: checked on generated text
// with nested, stray and interleaved marks of every kind.
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
std::vector<std::string> reference(const std::u32string& s) {
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

std::vector<std::string> ours(const std::u32string& s) {
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
    if (x.rule == "balance.pair") out.push_back(std::to_string(x.column) + ":" + x.before);
  return out;
}

}  // namespace

TEST_CASE("balance.pair: one scan finds what one scan per kind finds, in the same order") {
  const std::u32string marks = U"“”‘’《》（）【】〔〕会a ";
  std::uint32_t state = 7;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t findings = 0;
  for (int n = 0; n < 3000; ++n) {
    std::u32string s;
    for (std::uint32_t k = 1 + next() % 16; k > 0; --k) s += marks[next() % marks.size()];
    CAPTURE(text::to_utf8(s));
    const std::vector<std::string> want = reference(s);
    REQUIRE(ours(s) == want);
    findings += want.size();
  }
  CHECK(findings > 3000);
}
