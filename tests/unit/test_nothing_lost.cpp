// Nothing lost, on generated inputs through the whole format(): every non-whitespace character
// of the input is in the output text or in a diagnostic's `before` (counted, not just found);
// every Chinese character, letter and digit of the body is in the page or in a `before`; all
// output is valid UTF-8; the same input gives the same bytes. Optimized builds run the issue's
// 100,000 inputs; sanitizer and debug builds fewer (PAIBAN_NOTHING_LOST_RUNS overrides both).
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "decode.h"
#include "paiban/paiban.h"
#include "text.h"

using namespace paiban;

#ifndef PAIBAN_NOTHING_LOST_RUNS
#if defined(NDEBUG)
#define PAIBAN_NOTHING_LOST_RUNS 100000
#else
#define PAIBAN_NOTHING_LOST_RUNS 3000
#endif
#endif

namespace {

// Chinese, ASCII, punctuation of both widths, markup characters, whitespace, line breaks. No
// header keys (来源、作者…) or dates: the meta stage rewrites those by design.
// clang-format off
const std::vector<std::string> kPieces = {
    // Chinese
    "会议", "指出", "生态", "环境", "保护", "工作", "的", "了", "是", "汉",
    // full-width sentence marks
    "，", "。", "、", "；", "：", "？", "！",
    // half-width marks, full-width brackets, straight quotes
    ",", ".", ":", ";", "?", "!", "(", ")", "（", "）", "\"", "'",
    // quotes, title marks, ellipsis, dashes
    "“", "”", "‘", "’", "《", "》", "…", "——", "--",
    // ASCII, numbers, full-width letters and units
    "a", "B", "xyz", "PM2.5", "3.14", "1,280", "22:00", "ＰＭ２５", "％", "℃",
    // Markdown markers, heading numbers
    "*", "**", "_", "`", "#", "## ", "> ", "- ", "+ ", "1. ", "一、", "（一）",
    // links, HTML, entities, other ASCII symbols
    "[", "]", "[链接](https://a.gov.cn/x)", "<b>", "</b>", "<script>", "&amp;", "&", "<", ">", "|", "\\", "~", "=",
    // whitespace and line breaks
    " ", "  ", "　", "\t", "\n", "\n", "\n\n", "\r\n",
    // addresses, rules, indented code, odd spaces
    "https://a.gov.cn/x.html", "a@b.cn", "---", "***", "    ", "\u2028", "\xC2\xA0",
};
// clang-format on

struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  }
};

bool is_line_space(char32_t c) {
  return text::is_space(c) || c == U'\n' || c == U'\r' || c == 0x2028 || c == 0xA0;
}

/// The page with tags removed and the five entities (and numeric ones) decoded.
std::u32string page_text(const std::string& html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      // keep attribute values (link targets, titles), drop the markup around them
      const std::size_t end = html.find('>', i);
      if (end == std::string::npos) break;
      out += ' ';
      out.append(html, i + 1, end - i - 1);
      out += ' ';
      i = end + 1;
    } else {
      out += html[i++];
    }
  }
  std::string plain;
  for (std::size_t i = 0; i < out.size();) {
    if (out[i] == '&') {
      const std::size_t semi = out.find(';', i);
      if (semi != std::string::npos && semi - i <= 10) {
        const std::string name = out.substr(i + 1, semi - i - 1);
        char32_t c = 0;
        if (name == "lt")
          c = '<';
        else if (name == "gt")
          c = '>';
        else if (name == "amp")
          c = '&';
        else if (name == "quot")
          c = '"';
        else if (name == "apos" || name == "#39")
          c = '\'';
        else if (name.size() > 2 && name[0] == '#' && (name[1] == 'x' || name[1] == 'X'))
          c = static_cast<char32_t>(std::stoul(name.substr(2), nullptr, 16));
        else if (name.size() > 1 && name[0] == '#')
          c = static_cast<char32_t>(std::stoul(name.substr(1)));
        if (c != 0) {
          text::append(plain, c);
          i = semi + 1;
          continue;
        }
      }
    }
    plain += out[i++];
  }
  return text::to_u32(plain);
}

bool body_char(char32_t c) {
  return text::is_han(c) || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

TEST_CASE("nothing lost: generated inputs through format()") {
  Lcg rng{20240506};
  Options opt;
  opt.now = "2024-05-06 09:30:00";
  opt.output = Output::page;
  opt.fields.title = "测试标题";  // so no body line is taken for the title
  int checked = 0;
  for (int n = 0; n < PAIBAN_NOTHING_LOST_RUNS; ++n) {
    std::string input;
    const std::uint32_t len = 1 + rng.next() % 24;
    for (std::uint32_t k = 0; k < len; ++k) input += kPieces[rng.next() % kPieces.size()];
    const Result r = format(input, opt);
    const std::u32string in = text::to_u32(input);
    bool has_content = false;
    for (char32_t c : in) has_content = has_content || !(text::is_space(c) || c == U'\n' || c == U'\r');
    if (!has_content) {
      CHECK(!r.ok);
      continue;
    }
    if (!r.ok) {
      CAPTURE(input);
      REQUIRE(r.ok);
    }
    ++checked;

    const bool utf8 = valid_utf8(r.page) && valid_utf8(r.fragment) && valid_utf8(r.text);
    if (!utf8) {
      CAPTURE(input);
      CHECK(utf8);
    }

    std::u32string befores;
    for (const Diagnostic& d : r.diagnostics) befores += text::to_u32(d.before);
    std::map<char32_t, int> need, have;
    for (char32_t c : in)
      if (!is_line_space(c)) ++need[c];
    for (char32_t c : text::to_u32(r.text)) ++have[c];
    for (char32_t c : befores) ++have[c];
    for (const auto& entry : need) {
      const char32_t c = entry.first;  // a plain variable: CAPTURE can't take a structured binding
      const int count = entry.second;
      if (have[c] >= count) continue;
      CAPTURE(input);
      CAPTURE(r.text);
      CAPTURE(text::to_utf8(std::u32string(1, c)));
      CHECK(have[c] >= count);
    }

    const std::u32string page = page_text(r.page);
    for (const auto& entry : need) {
      const char32_t c = entry.first;  // a plain variable: CAPTURE can't take a structured binding
      if (!body_char(c)) continue;
      if (page.find(c) != std::u32string::npos || befores.find(c) != std::u32string::npos) continue;
      CAPTURE(input);
      CAPTURE(text::to_utf8(std::u32string(1, c)));
      CHECK(page.find(c) != std::u32string::npos);
    }

    if (n % 10 == 0) {
      const Result again = format(input, opt);
      CHECK(to_json(again) == to_json(r));
    }
  }
  MESSAGE("nothing lost: " << checked << " inputs checked");
  CHECK(checked > PAIBAN_NOTHING_LOST_RUNS / 2);
}
