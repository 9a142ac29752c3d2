// The typography guarantees on generated inputs: formatting is idempotent, and nothing is lost
// (every non-whitespace character of the input is in the output or in a change's `before`).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "profile.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

// Pieces that trip rules: Chinese, ASCII and full-width punctuation, quotes, dots, dashes,
// numbers, URLs, spaces.
const std::vector<std::string> kPieces = {
    "会议",        "指出",  "生态",       "环境",      "的",     "了",       "，",
    "。",          ",",     ".",          ":",         ";",      "?",        "!",
    "(",           ")",     "（",         "）",        "\"",     "'",        "“",
    "”",           "‘",     "’",          "...",       "。。。", "…",        "--",
    "—",           "——",    " ",          "　",        "\t",     "3.14",     "1,280",
    "22:00",       "PM2.5", "ＰＭ２．５", "二0二二年", "2022年", "10月12日", "https://a.gov.cn/x.html",
    "a@b.cn",      "《",    "》",         "，，",      "。。",   "COVID-19", "R&D",
    "卡尔·马克思", "Ⅱ类",   "850℃",       "abc",       "％",     "8５"};

struct Lcg {
  std::uint32_t state;
  std::uint32_t next() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  }
};

std::string fix(const std::string& s, std::vector<Edit>& edits) {
  Document d;
  Block b;
  Inline in;
  in.text = s;
  in.pos = {1, 1};
  b.inlines.push_back(in);
  d.blocks.push_back(b);
  Field title;
  edits = apply_typography(d, title, default_profile(), {});
  return d.blocks[0].inlines[0].text;
}

}  // namespace

TEST_CASE("generated inputs: idempotent and nothing lost") {
  Lcg rng{12345};
  for (int n = 0; n < 3000; ++n) {
    std::string input;
    const std::uint32_t len = 1 + rng.next() % 14;
    for (std::uint32_t k = 0; k < len; ++k) input += kPieces[rng.next() % kPieces.size()];
    CAPTURE(input);
    std::vector<Edit> edits;
    const std::string once = fix(input, edits);
    std::vector<Edit> again_edits;
    const std::string twice = fix(once, again_edits);
    CHECK(twice == once);
    CHECK(again_edits.empty());

    std::u32string removed;
    for (const Edit& e : edits) removed += text::to_u32(e.before);
    const std::u32string out = text::to_u32(once);
    for (char32_t c : text::to_u32(input)) {
      if (text::is_space(c)) continue;
      const bool kept = out.find(c) != std::u32string::npos || removed.find(c) != std::u32string::npos;
      if (!kept) {
        CAPTURE(text::to_utf8(std::u32string(1, c)));
        CHECK(kept);
      }
    }
  }
}
