// With both outputs asked, render writes the page alone and makes the fragment from the page's
// article (each element's look replaced), each at its exact size; before the pages, the fixed
// notes are made and the net changes freed. Through the public API: the page and the fragment
// of one call asking for both are the bytes of the calls asking for one each (which walk the
// document for that output alone), on generated noisy notes under the default profile and custom
// ones (half-width publishing, styles that need escaping, labels, links), and neither output
// holds room it does not use. The page's head is counted before it is written (escaped_size:
// escape_html's size on any bytes).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "noisy_notes.h"
#include "paiban/paiban.h"
#include "render.h"

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
