// The escaper passes 8-byte windows whole where they need no look (pass_window) and takes the
// rest a step at a time; this checks it against the escape one character at a time
// (reference_escape.h) on generated texts long enough for windows, with every kind of byte at
// every place near their ends. (It was written for the four-step loop the windows replaced.)
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "reference_escape.h"
#include "render.h"
#include "text.h"
#include "xorshift.h"

namespace {

using Rng = paiban::testing::Xorshift;

/// Pieces of text: valid characters the loop skips (Chinese, full-width punctuation, ASCII),
/// characters it stops at (entities, controls, forbidden EF sequences, other leads) and stray
/// bytes (invalid UTF-8, leads cut short).
const char* const kPieces[] = {"排",
                               "版",
                               "中",
                               "文",
                               "，",
                               "。",
                               "（",
                               "）",
                               "：",
                               "a",
                               "Z",
                               "0",
                               " ",
                               "&",
                               "<",
                               ">",
                               "\"",
                               "'",
                               "\t",
                               "\n",
                               "\x01",
                               "\x7F",
                               "é",
                               "\xC2\x85",
                               "\xC2\xA0",
                               "\xE0\xA0\x80",
                               "\xEF\xB7\x90",
                               "\xEF\xBF\xBE",
                               "\xEF\xBF\xBD",
                               "\xF0\x9F\x98\x80",
                               "\xF4\x8F\xBF\xBF",
                               "\x80",
                               "\xBF",
                               "\xB7",
                               "\xEF",
                               "\xE4",
                               "\xE4\xB8",
                               "\xC2",
                               "\xFF",
                               "\xF0"};

}  // namespace

TEST_CASE("render unrolled: the window pass escapes as the escape one character at a time") {
  Rng rng{0x2545F4914F6CDD1Du};
  std::size_t compared = 0;
  std::size_t differ = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    // Mostly skippable text (runs of Chinese and ASCII), with a stop now and then.
    const std::size_t pieces = 1 + rng.below(80);
    const std::size_t stops = 1 + rng.below(std::size(kPieces));
    for (std::size_t k = 0; k < pieces; ++k) {
      if (rng.below(4) != 0)
        s += kPieces[rng.below(9)];  // Chinese and full-width punctuation
      else
        s += kPieces[rng.below(stops)];
    }
    if (paiban::escape_html(s) != reference::ref_escape(s)) {
      if (differ == 0) CHECK_MESSAGE(false, "first difference in round " << round);
      ++differ;
    }
    ++compared;
  }
  CHECK(compared == 20000);
  // One odd byte at every place of a long skippable run, and the run cut at every length.
  std::string base;
  for (int k = 0; k < 8; ++k) base += "排版，ab（中）";
  std::size_t odd_compared = 0;
  for (std::size_t at = 0; at <= base.size(); ++at)
    for (const char odd : {'<', '&', '\x01', '\x80', '\xB7', '\xBF', '\xEF', '\xE4', '\xC2', '\xF0'}) {
      std::string s = base;
      s.insert(at, 1, odd);
      for (std::size_t cut = s.size(); cut + 16 > s.size() && cut > 0; --cut) {
        const std::string_view v(s.data(), cut);
        if (paiban::escape_html(v) != reference::ref_escape(v)) ++differ;
        ++odd_compared;
      }
    }
  CHECK(odd_compared > 10000);
  INFO(differ << " of " << compared + odd_compared << " texts escaped otherwise");
  CHECK(differ == 0);
}
