// The typography pass marks each text run it finds free of characters HTML text cannot hold as
// they are (Inline::plain), and the page then takes such a run's bytes without escaping them.
// On generated notes full of such characters (the five with entities, controls, noncharacters,
// astral ones, full-width forms that half-width publishing folds, raw HTML, links, code), in
// runs of every kind: the page and the fragment are the bytes they are with every run escaped.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "paiban/paiban.h"
#include "plain_pages.h"
#include "profile.h"

using namespace paiban;

namespace {

const char* const kNow = "2024-05-06 10:00:00";

// Pieces of notes: Chinese and the rules' triggers, the characters the page must escape or
// replace, markup that makes runs of every kind.
const std::vector<std::string> kPieces = {"会议",
                                          "指出",
                                          "生态环境",
                                          "，",
                                          "。",
                                          ",",
                                          ".",
                                          "\"引号\"",
                                          "'单引'",
                                          "...",
                                          "--",
                                          "2022年",
                                          "ＰＭ２．５",
                                          " ",
                                          "abc",
                                          "&",
                                          "<",
                                          ">",
                                          "\"",
                                          "'",
                                          "R&D",
                                          "a<b>c",
                                          "&amp;",
                                          "<span>",
                                          "＆",
                                          "＜",
                                          "＞",
                                          "＂",
                                          "＇",
                                          "\xC2\x85",
                                          "\xC2\xA0",
                                          "\xEF\xB7\x90",
                                          "\xEF\xB7\xAF",
                                          "\xEF\xBF\xBE",
                                          "\xEF\xBF\xBF",
                                          "\xEF\xBF\xBD",
                                          "\xF0\x9F\x98\x80",
                                          "\xF0\x9F\xBF\xBE",
                                          "\xF4\x8F\xBF\xBF",
                                          "*强调*",
                                          "**加粗**",
                                          "`a<b`",
                                          "[链接](https://a.cn/?a=1&b=2)",
                                          "[<链接>](http://b.cn)",
                                          "https://c.cn/x?y=1&z=2",
                                          "\n",
                                          "\n\n",
                                          "# ",
                                          "- ",
                                          "> ",
                                          "\x01",
                                          "\x7F",
                                          "\t"};

struct Lcg {
  std::uint32_t state;
  std::uint32_t next() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  }
};

}  // namespace

TEST_CASE("render: a run the typography pass marks plain is written as escaping it would write it") {
  Profile half_width = default_profile();
  half_width.half_width_publish = true;
  Lcg rng{20261129};
  int plain = 0;
  int escaped_runs_differ = 0;  // notes whose pages differ from their text with nothing escaped
  for (int n = 0; n < 1500; ++n) {
    std::string notes = "标题：测试\n\n";
    const std::uint32_t len = 1 + rng.next() % 24;
    for (std::uint32_t k = 0; k < len; ++k) notes += kPieces[rng.next() % kPieces.size()];
    CAPTURE(notes);
    for (const Profile* profile : {&default_profile(), static_cast<const Profile*>(&half_width)}) {
      const testing::PlainPages p = testing::plain_pages(notes, *profile, kNow);
      REQUIRE(p.ok);
      CHECK(p.page == p.page_escaped);
      CHECK(p.fragment == p.fragment_escaped);
      plain += p.plain;
      if (p.page.find("&amp;") != std::string::npos || p.page.find("\xEF\xBF\xBD") != std::string::npos)
        ++escaped_runs_differ;
    }
    // format() itself (the pages written as the document is freed, the fragment from the page)
    Options options;
    options.now = kNow;
    const Result r = format(notes, options);
    REQUIRE(r.ok);
    CHECK(r.page == testing::plain_pages(notes, default_profile(), kNow).page_escaped);
  }
  // both ways were taken, many times
  CHECK(plain > 1000);
  CHECK(escaped_runs_differ > 1000);
}

TEST_CASE("render: characters the page escapes or replaces in a body run") {
  Options options;
  options.now = kNow;
  const Result r = format(
      "标题：测试\n\n甲&乙<丙>丁\xC2\x85庚\xEF\xB7\x90辛\xEF\xBF\xBE壬\xF0\x9F\xBF\xBE癸\n\nR&D said \"x\" and it's "
      "<ok>\n",
      options);
  REQUIRE(r.ok);
  CHECK(r.page.find("<p>甲&amp;乙&lt;丙&gt;丁\xEF\xBF\xBD庚\xEF\xBF\xBD辛\xEF\xBF\xBD壬\xEF\xBF\xBD癸</p>") !=
        std::string::npos);
  CHECK(r.page.find("<p>R&amp;D said &quot;x&quot; and it&#39;s &lt;ok&gt;</p>") != std::string::npos);
}
