// The faster escape and decode scans against straightforward reference versions, on generated
// inputs: plain ASCII, CJK, every class of character forbidden in HTML text, invalid UTF-8,
// controls and every kind of line break.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decode.h"
#include "reference_decode.h"
#include "reference_escape.h"
#include "render.h"
#include "text.h"
#include "xorshift.h"

namespace {

using paiban::Diagnostic;

using Rng = paiban::testing::Xorshift;

/// Pieces the generated inputs are made of.
std::vector<std::string> pieces() {
  std::vector<std::string> p = {
      "a", "Hello, world. ", "0123456789abcdef", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\f", "\x7F",
      "\x01", "\x1F", "中", "国", "，", "。", "：", "（", "）", "“", "”", "é", "\xC2\x80", "\xC2\x9F", "\xC2\xA0",
      "\xE0\xA0\x80", "\xEF\xB7\x90", "\xEF\xB7\xAF", "\xEF\xB7\xB0", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBF\xBD",
      "\xF0\x9F\x98\x80", "\xF0\x9F\xBF\xBE", "\xF4\x8F\xBF\xBF", "\xF3\xBF\xBF\xBE", "\xED\x9F\xBF", "\xEE\x80\x80",
      // invalid: lone continuation, truncated sequences, overlongs, surrogates, too high, bad leads
      "\x80", "\xBF", "\xC2", "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
      "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFE", "\xFF", "\xE4\x41\x42", "\xEF\x41\x42"};
  p.emplace_back(1, '\0');
  return p;
}

std::string generate(Rng& rng, const std::vector<std::string>& from, std::size_t count) {
  std::string s;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t pick = rng.below(from.size() + 6);
    // Long runs of plain ASCII and of CJK, so the fast skips run too.
    if (pick == from.size())
      s.append(rng.below(40), 'x');
    else if (pick == from.size() + 1)
      for (std::size_t j = rng.below(20); j > 0; --j) s += "排版";
    else if (pick >= from.size() + 2)
      s += from[rng.below(from.size() / 3)];
    else
      s += from[pick];
  }
  return s;
}

}  // namespace

TEST_CASE("render speed: escape_html matches the character-by-character escape") {
  const auto from = pieces();
  for (const std::string& p : from) {
    CHECK(paiban::escape_html(p) == reference::ref_escape(p));
    CHECK(paiban::escape_html("x" + p) == reference::ref_escape("x" + p));
    CHECK(paiban::escape_html(p + "中") == reference::ref_escape(p + "中"));
  }
  // Every code point of the BMP and the ends of each plane, one at a time and in a run.
  std::string all;
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (c > 0x10000 && (c & 0xFFFF) < 0xFFF0) continue;
    std::string one;
    paiban::text::append(one, c);
    all += one;
    if (c < 0x800 || (c >= 0xFDC0 && c <= 0xFDFF) || c >= 0xFFF0 || (c & 0xFFF) == 0) {
      INFO("code point " << static_cast<std::uint32_t>(c));
      CHECK(paiban::escape_html(one) == reference::ref_escape(one));
    }
  }
  CHECK(paiban::escape_html(all) == reference::ref_escape(all));
  // Cut off at every point near the end (truncated sequences at the end of the text).
  for (std::size_t cut = 0; cut < 16; ++cut) {
    const std::string_view v(all.data(), all.size() - cut);
    CHECK(paiban::escape_html(v) == reference::ref_escape(v));
  }
  Rng rng;
  for (int round = 0; round < 3000; ++round) {
    const std::string s = generate(rng, from, 1 + rng.below(60));
    INFO("round " << round);
    REQUIRE(paiban::escape_html(s) == reference::ref_escape(s));
  }
}

TEST_CASE("render speed: decode matches the byte-by-byte decoder") {
  const auto from = pieces();
  Rng rng;
  auto same = [](std::string_view in) {
    std::vector<Diagnostic> d1;
    std::vector<Diagnostic> d2;
    const paiban::Source a = paiban::decode(in, d1);
    const std::vector<std::string> b = reference::old_decode(in, d2);
    std::string text;
    for (const std::string& l : b) text += l + "\n";
    CHECK(a.text() == text);
    REQUIRE(a.line_count() == b.size());
    for (std::size_t k = 0; k < a.line_count(); ++k) CHECK(a.line(k) == b[k]);
    REQUIRE(d1.size() == d2.size());
    for (std::size_t k = 0; k < d1.size(); ++k) {
      CHECK(d1[k].rule == d2[k].rule);
      CHECK(d1[k].line == d2[k].line);
      CHECK(d1[k].column == d2[k].column);
    }
  };
  same("");
  same("\xEF\xBB\xBF");
  same("\n");
  same("\r\n\r");
  same("abc");
  same("abcdefghijklmnopqrstuvwxyz\n");
  same(
      "abcdefgh\x7F"
      "abcdefgh\x01xyz");
  for (const std::string& p : from) {
    same(p);
    same("abcdefghijkl" + p + "mnopqrstuvwx");
    std::string twice = "排版排版";
    twice += p;
    twice += '\n';
    twice += p;
    same(twice);
  }
  for (int round = 0; round < 3000; ++round) {
    const std::string s = (round % 7 == 0 ? "\xEF\xBB\xBF" : "") + generate(rng, from, 1 + rng.below(80));
    INFO("round " << round);
    same(s);
  }
}

namespace {

/// The href check written out step by step: drop tabs and line breaks, strip leading controls
/// and spaces, then compare the lowercased scheme.
bool ref_safe_href(std::string_view href) {
  std::string h;
  for (char c : href)
    if (c != '\t' && c != '\n' && c != '\r') h += c;
  std::size_t b = 0;
  while (b < h.size() && static_cast<unsigned char>(h[b]) <= 0x20) ++b;
  h.erase(0, b);
  if (h.empty()) return false;
  const std::size_t stop = h.find_first_of(":/?#");
  if (stop == std::string::npos || h[stop] != ':') return true;
  std::string scheme = h.substr(0, stop);
  for (char& c : scheme)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

}  // namespace

TEST_CASE("render speed: is_safe_href matches the step-by-step check") {
  const std::vector<std::string> parts = {"http",   "HTTPS", "mailto",   "MailTo",  "javascript", "java\tscript",
                                          "ht\ntp", "data",  "vbscript", ":",       "/",          "?",
                                          "#",      " ",     "\t",       "\r\n",    "\x01",       "\x7F",
                                          "a",      "中",    "https7",   "mailtox", "httpsx",     "x"};
  for (const std::string& a : parts) {
    CHECK(paiban::is_safe_href(a) == ref_safe_href(a));
    for (const std::string& b : parts) {
      const std::string ab = a + b;
      INFO(ab);
      CHECK(paiban::is_safe_href(ab) == ref_safe_href(ab));
      for (const std::string& c : {std::string(":"), std::string("//x"), std::string("")}) {
        std::string abc = ab;
        abc += c;
        CHECK(paiban::is_safe_href(abc) == ref_safe_href(abc));
        abc.insert(0, 1, ' ');
        CHECK(paiban::is_safe_href(abc) == ref_safe_href(abc));
      }
    }
  }
  Rng rng;
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (std::size_t k = rng.below(6); k > 0; --k) s += parts[rng.below(parts.size())];
    INFO(s);
    CHECK(paiban::is_safe_href(s) == ref_safe_href(s));
  }
}

namespace {

/// The escape as it was before EF leads were skipped without decoding: a byte table says how far
/// to skip (1 for plain ASCII, 3 for a lead E1–EE), anything else is looked at closely.
std::string table_escape(std::string_view s) {
  const auto skip = [](unsigned char b) -> std::size_t {
    if (b >= 0x20 && b < 0x7F && b != '&' && b != '<' && b != '>' && b != '"' && b != '\'') return 1;
    return b >= 0xE1 && b <= 0xEE ? 3 : 0;
  };
  std::string out;
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::size_t run = 0;
  for (;;) {
    std::size_t step = 0;
    while (i + 3 <= n && (step = skip(in[i])) != 0) i += step;
    while (i < n && (step = skip(in[i])) != 0 && i + step <= n) i += step;
    if (i >= n) break;
    const unsigned char b = in[i];
    const char* entity = b == '&'    ? "&amp;"
                         : b == '<'  ? "&lt;"
                         : b == '>'  ? "&gt;"
                         : b == '"'  ? "&quot;"
                         : b == '\'' ? "&#39;"
                                     : nullptr;
    if (entity != nullptr) {
      out.append(s.data() + run, i - run);
      out += entity;
      run = ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t c = paiban::text::next(s, i);
    if (reference::ref_forbidden(c)) {
      out.append(s.data() + run, start - run);
      paiban::text::append(out, 0xFFFD);
      run = i;
    }
  }
  out.append(s.data() + run, n - run);
  return out;
}

}  // namespace

TEST_CASE("render speed: escape_html skips EF leads (full-width punctuation) as the closer look did") {
  // Bytes drawn mostly from 3-byte leads (E0–EF, EF most), then anything: continuation bytes
  // (B7 and BF among them), controls, entities, other leads, ASCII; lengths up to 40.
  Rng rng;
  const unsigned char pool[] = {0xEF, 0xEF, 0xEF, 0xE4, 0xE0, 0xED, 0x80, 0xB7, 0xBF, 0xBC, 0xBD,
                                0x8C, 0x90, 0xAF, 0xBE, 0x37, 0x3F, 0x01, 0x1F, 'a',  '&',  '<',
                                '"',  '\'', '\n', 0xC2, 0x85, 0xF0, 0xFF, 0x77, 0xF7};
  std::size_t checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t len = rng.below(41);
    for (std::size_t k = 0; k < len; ++k) {
      if (rng.below(3) == 0) {
        s += rng.below(2) == 0 ? "\xE6\x8E\x92" : "\xEF\xBC\x8C";  // 排 and ，, valid characters
        continue;
      }
      s += static_cast<char>(pool[rng.below(sizeof pool)]);
    }
    INFO("round " << round);
    REQUIRE(paiban::escape_html(s) == table_escape(s));
    ++checked;
  }
  CHECK(checked == 20000);
  // Long valid runs with one odd byte at every place.
  std::string base;
  for (int k = 0; k < 12; ++k) base += "排版，（）";
  for (std::size_t at = 0; at <= base.size(); ++at)
    for (const char odd : {'<', '\x01', '\x80', 'x', '\xEF', '\xB7', '\xBF'}) {
      std::string s = base;
      s.insert(at, 1, odd);
      REQUIRE(paiban::escape_html(s) == table_escape(s));
    }
}
