// Writer::valid_string (strings known to be valid UTF-8: format_json's page, fragment and notes)
// must write the very bytes Writer::string writes, and format_json's response must be the very
// bytes to_json writes for the same call's Result.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "../../core/src/decode.h"
#include "../../core/src/json_write.h"
#include "paiban/paiban.h"

namespace {

/// A valid UTF-8 string of n pieces: CJK, full-width punctuation, ASCII with quotes,
/// backslashes and control bytes, HTML with attributes, 2- and 4-byte characters.
std::string valid_text(std::mt19937& rng, std::size_t n) {
  static const char* const kPieces[] = {"排",
                                        "版",
                                        "，",
                                        "。",
                                        "“",
                                        "”",
                                        "a",
                                        "Z",
                                        "0",
                                        " ",
                                        "\"",
                                        "\\",
                                        "\n",
                                        "\t",
                                        "\r",
                                        "\b",
                                        "\f",
                                        "\x01",
                                        "\x1f",
                                        "\x7f",
                                        "é",
                                        "\xF0\x9F\x98\x80",
                                        "<p style=\"margin:0\">",
                                        "</p>\n",
                                        "&amp;",
                                        "/",
                                        "商洛市生态环境局",
                                        "<a href=\"x\">",
                                        "\xEE\x80\x80"};
  constexpr std::size_t kCount = sizeof kPieces / sizeof kPieces[0];
  std::string s;
  std::uniform_int_distribution<std::size_t> pick(0, kCount - 1);
  // Runs of one kind as well as mixes: a long Chinese stretch, a long ASCII one.
  const int mode = static_cast<int>(rng() % 4);
  for (std::size_t k = 0; k < n; ++k) {
    if (mode == 0)
      s += kPieces[rng() % 2];
    else if (mode == 1)
      s += kPieces[6 + rng() % 3];
    else
      s += kPieces[pick(rng)];
  }
  return s;
}

std::string with_string(const std::string& s) {
  paiban::jsonw::Writer w(8);
  w.string(s);
  return w.take();
}

std::string with_valid_string(const std::string& s) {
  paiban::jsonw::Writer w(8);
  w.valid_string(s);
  return w.take();
}

}  // namespace

TEST_CASE("json_valid: valid_string writes what string writes on generated valid UTF-8") {
  std::mt19937 rng(20261128);
  int checked = 0;
  for (int t = 0; t < 6000; ++t) {
    const std::size_t n = t < 3000 ? rng() % 24 : rng() % 400;
    const std::string s = valid_text(rng, n);
    REQUIRE(paiban::valid_utf8(s));
    REQUIRE(with_valid_string(s) == with_string(s));
    // The same after other output (the write position not at the buffer's start).
    paiban::jsonw::Writer a(8), b(8);
    a.raw("{\"k\":");
    b.raw("{\"k\":");
    a.string(s);
    b.valid_string(s);
    a.string(s);
    b.valid_string(s);
    REQUIRE(a.take() == b.take());
    ++checked;
  }
  CHECK(checked == 6000);
  // Every ASCII byte alone and at each place of a word and its end.
  for (int c = 1; c < 0x80; ++c)
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(20, 'x');
      s[at] = static_cast<char>(c);
      for (std::size_t len = 0; len <= s.size(); ++len) {
        const std::string t = s.substr(0, len);
        REQUIRE(with_valid_string(t) == with_string(t));
      }
    }
}

TEST_CASE("json_valid: format_json's response is to_json of the same call's result") {
  std::mt19937 rng(7);
  const std::string request = R"({"now":"2024-05-06 10:00:00"})";
  paiban::Options opt;
  opt.now = "2024-05-06 10:00:00";
  static const char* const kLines[] = {"标题：关于召开会议的通知",
                                       "日期：2024-05-06",
                                       "今天(星期一)上午,召开了\"会议\"...",
                                       "一、会议内容",
                                       "1. 第一项 <b>加粗</b> & \\ 反斜杠",
                                       "   ",
                                       "- 列表 [链接](http://example.com/a?b=\"c\")",
                                       "> 引用的话",
                                       "ＡＢＣ１２３，，。。",
                                       "invalid \xC3\x28 \xFF bytes \xE4\xB8",
                                       "控制\x01字符\x7f",
                                       "# 标题 2023年5月6日",
                                       "He said \"hi\"\tand left"};
  constexpr std::size_t kCount = sizeof kLines / sizeof kLines[0];
  // A profile whose footer lacks what a government site must show: its warnings have ids of
  // their own ("profile.footer-missing:…"), with and without the profile cache.
  nlohmann::json profile = nlohmann::json::parse(paiban::default_profile_json());
  profile["footer"]["lines"] = nlohmann::json::array({nlohmann::json::array({"网站地图 \"甲\"\\乙"})});
  const std::string profile_json = profile.dump();
  const std::string request_with_profile =
      nlohmann::json({{"now", "2024-05-06 10:00:00"}, {"profile", profile}}).dump();
  paiban::Options with_profile = opt;
  with_profile.profile_json = profile_json;
  paiban::ProfileCache cache;
  int own_ids = 0;
  for (int t = 0; t < 300; ++t) {
    std::string input;
    const std::size_t lines = 1 + rng() % 12;
    for (std::size_t k = 0; k < lines; ++k) {
      input += kLines[rng() % kCount];
      input += (rng() % 5 == 0) ? "\r\n" : "\n";
    }
    REQUIRE(paiban::format_json(input, request) == paiban::to_json(paiban::format(input, opt)));
    if (t % 10 == 0) {
      const paiban::Result r = paiban::format(input, with_profile);
      for (const paiban::Diagnostic& d : r.diagnostics) own_ids += d.id().rfind("profile.footer-missing:", 0) == 0;
      const std::string expected = paiban::to_json(r);
      REQUIRE(paiban::format_json(input, request_with_profile) == expected);
      REQUIRE(paiban::format_json(input, request_with_profile, cache) == expected);
    }
  }
  CHECK(own_ids > 0);
}
