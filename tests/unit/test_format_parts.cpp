// format_parts: format_json's response with the page, the fragment and the fixed notes handed
// over as strings of their own (the WASM module's formatParts, the editor's call). Checked
// against format_json on thousands of generated notes and on every kind of error: the JSON part
// is format_json's bytes with the three members taken out, and the three texts are the members'
// values; a request error is format_json's whole response, with no texts.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "noisy_notes.h"
#include "paiban/paiban.h"

using nlohmann::json;

namespace {

/// `whole` without its member `key` whose value is the JSON string of `value`: the member as
/// format_json writes it (never the first: "diagnostics" or "errors" comes before it) must be
/// there exactly once.
std::string without(std::string whole, const std::string& key, const std::string& value) {
  const std::string member = ",\"" + key + "\":" + json(value).dump(-1, ' ', false, json::error_handler_t::replace);
  const std::size_t at = whole.find(member);
  REQUIRE(at != std::string::npos);
  REQUIRE(whole.find(member, at + 1) == std::string::npos);
  whole.erase(at, member.size());
  return whole;
}

struct Counts {
  std::size_t results = 0;     // requests read and formatted
  std::size_t ok = 0;          // of which ok
  std::size_t text_bytes = 0;  // page, fragment and text handed over apart
  std::size_t request_errors = 0;
};

/// format_parts(input, request) against format_json(input, request).
void check_parts(const std::string& input, const std::string& request, paiban::ProfileCache& cache, Counts& counts) {
  CAPTURE(input);
  CAPTURE(request);
  const std::string whole = paiban::format_json(input, request);
  const paiban::FormattedParts parts = paiban::format_parts(input, request, cache);
  if (!parts.texts) {
    // A request error: the whole response, which has no texts.
    REQUIRE(parts.json == whole);
    REQUIRE(parts.page.empty());
    REQUIRE(parts.fragment.empty());
    REQUIRE(parts.text.empty());
    const json r = json::parse(whole);
    REQUIRE(r["ok"] == false);
    REQUIRE(r["errors"].size() == 1);
    REQUIRE(r["errors"][0]["code"] == "request");
    REQUIRE(!r.contains("page"));
    ++counts.request_errors;
    return;
  }
  REQUIRE(parts.json ==
          without(without(without(whole, "fragment", parts.fragment), "page", parts.page), "text", parts.text));
  // The same information: the response made whole again is format_json's.
  json back = json::parse(parts.json);
  REQUIRE(!back.contains("page"));
  REQUIRE(!back.contains("fragment"));
  REQUIRE(!back.contains("text"));
  back["page"] = parts.page;
  back["fragment"] = parts.fragment;
  back["text"] = parts.text;
  REQUIRE(back == json::parse(whole));
  ++counts.results;
  if (back["ok"] == true) ++counts.ok;
  counts.text_bytes += parts.page.size() + parts.fragment.size() + parts.text.size();
}

}  // namespace

TEST_CASE("format_parts: format_json's response in parts, on generated notes and requests") {
  std::mt19937 rng(20261128);
  json profile = json::parse(paiban::default_profile_json());
  profile["footer"]["lines"] = json::array({json::array({"网站地图"})});
  paiban::ProfileCache cache;
  Counts counts;
  for (int n = 0; n < 2000; ++n) {
    const std::string notes = paiban::testing::noisy_notes(rng);
    json request = {{"now", "2024-03-01 09:30:00"}};
    if (n % 2 == 0) request["diagnostics"] = "compact";
    if (n % 3 == 0) request["output"] = n % 9 == 0 ? "page" : n % 9 == 3 ? "fragment" : "both";
    if (n % 5 == 0) request["profile"] = profile;
    if (n % 7 == 0) request["fields"] = {{"title", "给定的标题"}, {"date", "2022-10-14 10:53:02"}};
    if (n % 11 == 0) request["rejected"] = json::array({"punct.halfwidth@1:3"});
    check_parts(notes, n % 13 == 0 ? std::string() : request.dump(), cache, counts);
  }
  CHECK(counts.results == 2000);
  CHECK(counts.ok > 1500);
  CHECK(counts.text_bytes > 2000000);
}

TEST_CASE("format_parts: errors, of the request and of formatting") {
  paiban::ProfileCache cache;
  Counts counts;
  const std::string notes = "标题：测试\n\n正文,内容.\n";
  // Request errors: the whole response, no texts.
  for (const char* bad :
       {"not json", "[]", "{", R"({"input":"x"})", R"({"diagnostics":"short"})", R"({"output":"pdf"})",
        R"({"fields":[]})", R"({"fields":{"title":1.5}})", R"({"fields":{"colour":"红"}})", R"({"now":3})",
        R"({"max_input":-1})", R"({"rejected":"x"})", R"({"profile":7})", "{\"fields\":{\"title\":\"\xC3\"}}"})
    check_parts(notes, bad, cache, counts);
  CHECK(counts.request_errors == 14);
  // Read, but not formatted (ok false): the three members are there, empty, and left out.
  const std::string bad_profile = json{{"profile", "{\"footer\": 3}"}}.dump();
  const std::string too_big = R"({"max_input":4})";
  for (const std::string& request : {bad_profile, too_big, std::string(R"({"fields":{"title":"\u0000"}})")})
    check_parts(notes, request, cache, counts);
  check_parts("", "{}", cache, counts);          // nothing to format
  check_parts("\n \n\t\n", "", cache, counts);   // blank lines only
  check_parts("\xFF\xFE", "{}", cache, counts);  // invalid bytes only
  CHECK(counts.results == 6);
  CHECK(counts.request_errors == 14);
  // A formatted result whose page was not asked for: its member is there, empty, and left out.
  Counts fragment_only;
  check_parts(notes, R"({"output":"fragment"})", cache, fragment_only);
  const paiban::FormattedParts parts = paiban::format_parts(notes, R"({"output":"fragment"})", cache);
  CHECK(parts.texts);
  CHECK(parts.page.empty());
  CHECK(!parts.fragment.empty());
  CHECK(!parts.text.empty());
  CHECK(json::parse(parts.json)["ok"] == true);
}

TEST_CASE("format_parts: input_read is called once, after which the notes, the request and now are not read") {
  // The WASM module frees the notes' block in the hook and the page may take its room: here the
  // hook overwrites the notes, the request and `now`, and the parts must be those of a call
  // without it (a stage that read any of them afterwards would see the overwritten bytes).
  std::mt19937 rng(20261129);
  json profile = json::parse(paiban::default_profile_json());
  profile["footer"]["lines"] = json::array({json::array({"网站地图"})});
  paiban::ProfileCache cache;
  paiban::ProfileCache cache_hooked;
  std::size_t formatted = 0;
  for (int n = 0; n < 600; ++n) {
    std::string notes = paiban::testing::noisy_notes(rng);
    json request = {{"diagnostics", n % 2 == 0 ? "columns" : "full"}};
    if (n % 3 == 0) request["output"] = n % 9 == 0 ? "page" : n % 9 == 3 ? "fragment" : "both";
    if (n % 5 == 0) request["profile"] = profile;
    if (n % 7 == 0) request["fields"] = {{"title", "给定的标题"}, {"date", "2022-10-14 10:53:02"}};
    if (n % 17 == 0) request = json{{"now", 3}};  // a request error
    if (n % 19 == 0) notes = "\n\n";              // nothing to format
    std::string req = request.dump();
    std::string now = "2024-03-01 09:30:00";
    const bool recipe = n % 4 != 1;
    CAPTURE(notes);
    CAPTURE(req);
    const paiban::FormattedParts want = paiban::format_parts(notes, req, cache, now, recipe);
    int calls = 0;
    auto overwrite = [&] {
      ++calls;
      for (std::string* s : {&notes, &req, &now}) std::fill(s->begin(), s->end(), '#');
    };
    const paiban::InputRead hook{[](void* f) { (*static_cast<decltype(overwrite)*>(f))(); }, &overwrite};
    const paiban::FormattedParts got = paiban::format_parts(notes, req, cache_hooked, now, recipe, hook);
    REQUIRE(calls == 1);
    CHECK(notes == std::string(notes.size(), '#'));
    REQUIRE(got.json == want.json);
    REQUIRE(got.page == want.page);
    REQUIRE(got.fragment == want.fragment);
    REQUIRE(got.fragment_recipe == want.fragment_recipe);
    REQUIRE(got.text == want.text);
    REQUIRE(got.texts == want.texts);
    if (want.texts && !want.page.empty()) ++formatted;
  }
  CHECK(formatted > 300);
}
