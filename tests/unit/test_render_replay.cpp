// With both outputs asked, render writes the page alone and makes the fragment from the page's
// article (each element's look replaced), each at its exact size; before the pages, the fixed
// notes are made and the net changes freed. Through the public API: the page and the fragment
// of one call asking for both are the bytes of the calls asking for one each (which walk the
// document for that output alone), on generated noisy notes under the default profile and custom
// ones (half-width publishing, styles that need escaping, labels, links), and neither output
// holds room it does not use. The page's head is counted before it is written (escaped_size:
// escape_html's size on any bytes).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "noisy_notes.h"
#include "paiban/paiban.h"
#include "render.h"
#include "text.h"

using namespace paiban;
using nlohmann::json;

namespace {

/// A custom profile: styles set, missing, empty or with quotes and ampersands (escaped in the
/// fragment's style attributes), half-width publishing on or off, other labels.
std::string custom_profile(std::mt19937& rng) {
  json p = json::parse(default_profile_json());
  const char* const keys[] = {"title", "info", "views", "body", "p",          "h2",        "h3",
                              "ul",    "li",   "code",  "a",    "blockquote", "signature", "signature_line"};
  for (const char* k : keys) {
    switch (rng() % 5) {
      case 0:
        p["styles"].erase(k);
        break;
      case 1:
        p["styles"][k] = "";
        break;
      case 2:
        p["styles"][k] = "font-family:\"宋体\",'SimSun';color:#333";
        break;
      case 3:
        p["styles"][k] = "margin:0 0 " + std::to_string(rng() % 30) + "px";
        break;
      default:
        break;
    }
  }
  if (rng() % 2) p["typography"]["half_width_publish"] = true;
  if (rng() % 3 == 0) p["info"]["views_label"] = "浏览&次数：";
  if (rng() % 3 == 0) p["info"]["date_format"] = "YYYY年MM月DD日 HH:mm";
  return p.dump();
}

}  // namespace

TEST_CASE("render replay: both outputs in one call are the single-output calls' bytes, at their exact size") {
  std::mt19937 rng(20261128);
  int compared = 0;
  int custom = 0;
  for (int i = 0; i < 600; ++i) {
    std::string notes;
    const int parts = 1 + static_cast<int>(rng() % (i % 10 == 0 ? 40 : 6));
    for (int k = 0; k < parts; ++k) notes += testing::noisy_notes(rng);
    Options o;
    o.now = "2024-05-06 10:00:00";
    if (rng() % 2) {
      o.profile_json = custom_profile(rng);
      ++custom;
    }
    if (rng() % 3 == 0) o.fields.views = std::to_string(rng() % 5000);
    o.output = Output::both;
    const Result both = format(notes, o);
    o.output = Output::page;
    const Result page = format(notes, o);
    o.output = Output::fragment;
    const Result fragment = format(notes, o);
    CAPTURE(i);
    REQUIRE(both.errors.empty());
    REQUIRE(both.ok);
    REQUIRE(both.page == page.page);
    REQUIRE(both.fragment == fragment.fragment);
    REQUIRE(page.fragment.empty());
    REQUIRE(fragment.page.empty());
    REQUIRE(both.text == page.text);
    // Each output reserved once at its size (a library may round a capacity up a little).
    CHECK(both.page.capacity() - both.page.size() < 16);
    CHECK(both.fragment.capacity() - both.fragment.size() < 16);
    ++compared;
  }
  CHECK(compared == 600);
  CHECK(custom > 200);
}

TEST_CASE("render replay: escaped_size is the size of escape_html's text, on any bytes") {
  // Entities, controls, C1 controls, noncharacters (U+FDD0, U+FFFE, U+1FFFE), Chinese,
  // full-width punctuation, truncated and invalid sequences, at any place.
  static const char* const kBits[] = {"&",
                                      "<",
                                      ">",
                                      "\"",
                                      "'",
                                      "a",
                                      " ",
                                      "\x01",
                                      "\x7F",
                                      "\xC2\x85",
                                      "\xC2\xA0",
                                      "中",
                                      "，",
                                      "\xEF\xB7\x90",
                                      "\xEF\xBF\xBE",
                                      "\xEF\xBC\x81",
                                      "\xF0\x9F\xBF\xBE",
                                      "\xF0\x9F\x98\x80",
                                      "\xE4\xB8",
                                      "\xFF",
                                      "\xC3",
                                      "\xED\xA0\x80"};
  std::mt19937 rng(7);
  int compared = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) s += kBits[rng() % (sizeof kBits / sizeof kBits[0])];
    CAPTURE(i);
    REQUIRE(escaped_size(s) == escape_html(s).size());
    ++compared;
  }
  CHECK(compared == 20000);
}

namespace {

/// The page's text as UTF-16 units (TextDecoder's: the page is valid UTF-8), and back.
std::u16string to_u16(const std::string& s) {
  std::u16string out;
  for (const char32_t c : text::to_u32(s)) {
    if (c >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(c);
    }
  }
  return out;
}
std::string from_u16(const std::u16string& s) {
  std::u32string cps;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size()) {
      cps += static_cast<char32_t>(0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00));
    } else {
      cps += c;
    }
  }
  return text::to_utf8(cps);
}

/// The fragment made from the page's UTF-16 text by its recipe, as render.h describes it (what
/// wasm/post.js does); fails the test on a recipe that does not hold together.
std::string fragment_of(const std::string& page_bytes, const std::string& recipe) {
  REQUIRE(recipe.size() >= 4 * kRecipeHead);
  const auto word = [&](std::size_t i) {
    REQUIRE(4 * i + 4 <= recipe.size());
    std::uint32_t w = 0;
    std::memcpy(&w, recipe.data() + 4 * i, 4);
    return static_cast<std::size_t>(w);
  };
  const std::u16string page = to_u16(page_bytes);
  const std::size_t pieces = word(3);
  const std::size_t marks = word(4);
  const std::size_t text_at = 4 * (kRecipeHead + 3 * pieces + 2 * marks);
  REQUIRE(text_at + word(5) == recipe.size());
  const std::u16string text = to_u16(recipe.substr(text_at));
  std::size_t from = word(1);
  const std::size_t end = from + word(2);
  REQUIRE(end <= page.size());
  std::u16string out;
  for (std::size_t k = 0; k < marks; ++k) {
    const std::size_t gap = word(kRecipeHead + 3 * pieces + 2 * k);
    const std::size_t piece = word(kRecipeHead + 3 * pieces + 2 * k + 1);
    REQUIRE(from + gap <= end);
    out += page.substr(from, gap);
    from += gap;
    if (piece == kNoPiece) continue;
    REQUIRE(piece < pieces);
    const std::size_t page_len = word(kRecipeHead + 3 * piece);
    REQUIRE(from + page_len <= end);
    out += text.substr(word(kRecipeHead + 3 * piece + 1), word(kRecipeHead + 3 * piece + 2));
    from += page_len;
  }
  out += page.substr(from, end - from);
  const std::string fragment = from_u16(out);
  CHECK(fragment.size() == word(0));
  return fragment;
}

}  // namespace

TEST_CASE("render replay: the fragment's recipe makes the fragment from the page's UTF-16 text") {
  // format_parts(…, true), the WASM module's call: the page, and the fragment as a recipe for
  // the page's text. Made whole again, it is the fragment the call without it hands over, under
  // the default profile and custom ones (looks with Chinese in them), with text beyond the BMP,
  // escapes and invalid bytes.
  std::mt19937 rng(20261129);
  ProfileCache cache;
  int compared = 0;
  int astral = 0;
  for (int i = 0; i < 400; ++i) {
    std::string notes;
    const int parts = 1 + static_cast<int>(rng() % (i % 10 == 0 ? 30 : 5));
    for (int k = 0; k < parts; ++k) {
      notes += testing::noisy_notes(rng);
      if (rng() % 3 == 0) {
        notes += i % 2 ? "表情😀与𠀀字，<b>&amp;</b>\n" : "\xF0\x9F\x98\x80 \"引\" & <\n";
        ++astral;
      }
    }
    json request = {{"now", "2024-05-06 10:00:00"}, {"diagnostics", "columns"}};
    if (rng() % 2) request["profile"] = json::parse(custom_profile(rng));
    if (rng() % 3 == 0) request["fields"] = {{"views", std::to_string(rng() % 5000)}, {"title", "标题😀<&>"}};
    const std::string req = request.dump();
    CAPTURE(i);
    const FormattedParts plain = format_parts(notes, req, cache, std::string_view(), false);
    const FormattedParts made = format_parts(notes, req, cache, std::string_view(), true);
    REQUIRE(plain.texts);
    REQUIRE(made.texts);
    REQUIRE(made.json == plain.json);
    REQUIRE(made.page == plain.page);
    REQUIRE(made.text == plain.text);
    REQUIRE(made.fragment.empty());
    REQUIRE(plain.fragment_recipe.empty());
    REQUIRE(fragment_of(made.page, made.fragment_recipe) == plain.fragment);
    ++compared;
  }
  CHECK(compared == 400);
  CHECK(astral > 100);
  // Only the page with the fragment has a recipe: one output alone comes as without it.
  for (const char* output : {"page", "fragment"}) {
    const std::string req = json{{"now", "2024-05-06 10:00:00"}, {"output", output}}.dump();
    const FormattedParts plain = format_parts("标题：一\n\n正文,内容.\n", req, cache, std::string_view(), false);
    const FormattedParts made = format_parts("标题：一\n\n正文,内容.\n", req, cache, std::string_view(), true);
    CHECK(made.fragment_recipe.empty());
    CHECK(made.page == plain.page);
    CHECK(made.fragment == plain.fragment);
  }
}
