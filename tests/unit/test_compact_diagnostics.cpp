// The request's "diagnostics": "compact": each rule's message once, in "messages", and each
// diagnostic without the "message" equal to its rule's entry and without the "id" that is
// "rule@line:col". These tests restore every diagnostic from the compact response, as the
// editor's worker does, and check it against the full response on thousands of generated notes:
// dictionary notes, relative time words, a profile whose footer checks give ids of their own.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "noisy_notes.h"
#include "paiban/paiban.h"

using nlohmann::json;

namespace {

/// The diagnostics of a compact response made full again: a missing message is the rule's entry
/// in "messages", a missing id is "rule@line:col".
json restored(const json& compact) {
  json out = compact["diagnostics"];
  const json& messages = compact["messages"];
  for (json& d : out) {
    if (!d.contains("message")) d["message"] = messages.at(d["rule"].get<std::string>());
    if (!d.contains("id"))
      d["id"] = d["rule"].get<std::string>() + "@" + std::to_string(d["line"].get<int>()) + ":" +
                std::to_string(d["column"].get<int>());
  }
  return out;
}

/// The diagnostics of a columns response ("diagnostics": "columns") as the full response has
/// them: the i-th of each array, the rule from "rules", the severity's name, applied as a
/// boolean, the id and message of its own from "ids" and "messages" or else restored as above.
json from_columns(const json& response) {
  const json& c = response["diagnostics"];
  REQUIRE(c.is_object());
  const std::size_t n = c["line"].size();
  for (const char* key : {"after", "applied", "before", "column", "column_utf16", "length", "rule", "severity"})
    REQUIRE(c[key].size() == n);
  REQUIRE(c.size() == 12);  // those, "line", "ids", "messages" and "rules"
  static const char* const kSeverities[] = {"info", "warning", "error"};
  json out = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string key = std::to_string(i);
    json d;
    d["after"] = c["after"][i];
    REQUIRE((c["applied"][i] == 0 || c["applied"][i] == 1));
    d["applied"] = c["applied"][i] == 1;
    d["before"] = c["before"][i];
    d["column"] = c["column"][i];
    d["column_utf16"] = c["column_utf16"][i];
    d["length"] = c["length"][i];
    d["line"] = c["line"][i];
    d["rule"] = c["rules"].at(c["rule"][i].get<std::size_t>());
    d["severity"] = kSeverities[c["severity"][i].get<std::size_t>()];
    const std::string rule = d["rule"].get<std::string>();
    d["message"] = c["messages"].contains(key) ? c["messages"][key] : response["messages"].at(rule);
    d["id"] =
        c["ids"].contains(key)
            ? c["ids"][key]
            : json(rule + "@" + std::to_string(d["line"].get<int>()) + ":" + std::to_string(d["column"].get<int>()));
    out.push_back(d);
  }
  return out;
}

struct Counts {
  std::size_t diagnostics = 0;
  std::size_t messages_kept = 0;  // a message made for one finding, written in full
  std::size_t ids_kept = 0;       // an id of its own
  std::size_t full_bytes = 0;
  std::size_t compact_bytes = 0;
  std::size_t columns_bytes = 0;
};

/// Checks the compact response against the full one for `input` and `request` (an object
/// without "diagnostics"), through both calls (the input apart and in the request).
void check_same(const std::string& input, json request, Counts& counts) {
  const std::string full_text = paiban::format_json(input, request.dump());
  json request_full = request;
  request_full["diagnostics"] = "full";
  REQUIRE(paiban::format_json(input, request_full.dump()) == full_text);  // "full" is the default
  request["diagnostics"] = "compact";
  const std::string compact_text = paiban::format_json(input, request.dump());
  // The input in the request too, when it can be written as JSON (no invalid bytes).
  const std::string quoted = json(input).dump(-1, ' ', false, json::error_handler_t::replace);
  if (json::parse(quoted).get<std::string>() == input) {
    json with_input = request;
    with_input["input"] = input;
    REQUIRE(paiban::format_json(with_input.dump()) == compact_text);
  }

  const json full = json::parse(full_text);
  const json compact = json::parse(compact_text);
  // Everything but the diagnostics and "messages" is the same.
  json a = full;
  json b = compact;
  a.erase("diagnostics");
  b.erase("diagnostics");
  REQUIRE(b.contains("messages"));
  REQUIRE(b["messages"].is_object());
  b.erase("messages");
  REQUIRE(a == b);
  // One entry per rule that has a diagnostic, no more.
  std::size_t rules = 0;
  for (auto it = compact["messages"].begin(); it != compact["messages"].end(); ++it) {
    bool used = false;
    for (const json& d : full["diagnostics"]) used = used || d["rule"] == it.key();
    REQUIRE(used);
    ++rules;
  }
  const json back = restored(compact);
  REQUIRE(back.size() == full["diagnostics"].size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    CAPTURE(input);
    REQUIRE(back[i] == full["diagnostics"][i]);
    const json& c = compact["diagnostics"][i];
    REQUIRE(c.size() <= 11);
    if (c.contains("message")) {
      REQUIRE(c["message"] != compact["messages"][c["rule"].get<std::string>()]);
      ++counts.messages_kept;
    }
    if (c.contains("id")) ++counts.ids_kept;
    ++counts.diagnostics;
  }
  if (!back.empty()) REQUIRE(rules > 0);
  counts.full_bytes += full_text.size();
  counts.compact_bytes += compact_text.size();

  // "columns": the compact response with the diagnostics as arrays; restored, the full ones.
  request["diagnostics"] = "columns";
  const std::string columns_text = paiban::format_json(input, request.dump());
  const json columns = json::parse(columns_text);
  json c = columns;
  json d = compact;
  c.erase("diagnostics");
  d.erase("diagnostics");
  REQUIRE(c == d);
  REQUIRE(from_columns(columns) == full["diagnostics"]);
  // Its own ids and messages are the compact form's.
  for (std::size_t i = 0; i < back.size(); ++i) {
    const json& kept = compact["diagnostics"][i];
    CHECK(columns["diagnostics"]["ids"].contains(std::to_string(i)) == kept.contains("id"));
    CHECK(columns["diagnostics"]["messages"].contains(std::to_string(i)) == kept.contains("message"));
  }
  counts.columns_bytes += columns_text.size();
}

}  // namespace

TEST_CASE("compact diagnostics: restored, every diagnostic equals the full response's, on generated notes") {
  std::mt19937 rng(20261128);
  const json request = {{"now", "2024-03-01 09:30:00"}};
  Counts counts;
  for (int n = 0; n < 2000; ++n) check_same(paiban::testing::noisy_notes(rng), request, counts);
  CHECK(counts.diagnostics > 20000);
  CHECK(counts.messages_kept > 500);  // dictionary notes, relative times, doubled characters
  CHECK(counts.compact_bytes < counts.full_bytes);
  CHECK(counts.columns_bytes < counts.compact_bytes);
}

TEST_CASE("compact diagnostics: a profile whose footer checks give ids of their own, fields, rejected fixes") {
  std::mt19937 rng(6);
  json profile = json::parse(paiban::default_profile_json());
  profile["footer"]["lines"] = json::array({json::array({"网站地图"})});
  Counts counts;
  for (int n = 0; n < 300; ++n) {
    const std::string notes = paiban::testing::noisy_notes(rng);
    json request = {{"now", "2024-03-01 09:30:00"}, {"profile", profile}};
    if (n % 3 == 0) request["fields"] = {{"title", "给定的标题"}, {"date", "2022-10-14 10:53:02"}};
    if (n % 4 == 0) request["output"] = n % 8 == 0 ? "page" : "fragment";
    if (n % 5 == 0) {
      // Reject the first fix of the full response: the compact one is made from the same request.
      const json full = json::parse(paiban::format_json(notes, request.dump()));
      for (const json& d : full["diagnostics"])
        if (d["applied"] == true) {
          request["rejected"] = json::array({d["id"]});
          break;
        }
    }
    check_same(notes, request, counts);
  }
  CHECK(counts.ids_kept >= 300);       // profile.footer-missing:… on every call
  CHECK(counts.messages_kept >= 300);  // its messages differ kind by kind
}

TEST_CASE("compact diagnostics: a request error, a bad value, no diagnostics") {
  // A bad value is a request error naming the field.
  for (const char* bad : {R"({"diagnostics":"short"})", R"({"diagnostics":true})", R"({"diagnostics":1})"}) {
    const json r = json::parse(paiban::format_json("正文。", bad));
    CHECK(r["ok"] == false);
    REQUIRE(r["errors"].size() == 1);
    CHECK(r["errors"][0]["code"] == "request");
    CHECK(r["errors"][0]["field"] == "diagnostics");
  }
  // Clean notes: an empty "messages", no diagnostics.
  const json r = json::parse(
      paiban::format_json("标题：题\n\n正文。\n", R"({"diagnostics":"compact","now":"2024-03-01 09:30:00"})"));
  CHECK(r["ok"] == true);
  CHECK(r["diagnostics"].empty());
  CHECK(r["messages"] == json::object());
  // Without the option the response has no "messages" (today's bytes: test_format and the
  // golden cases check them).
  CHECK(!json::parse(paiban::format_json("正文,内容.", "{}")).contains("messages"));
  // Keys stay sorted: "messages" between "fragment" and "meta".
  const std::string text = paiban::format_json("正文,内容.", R"({"diagnostics":"compact"})");
  const std::size_t f = text.find("\"fragment\":");
  const std::size_t m = text.find("\"messages\":{\"meta.missing-date\"");
  const std::size_t t = text.find("\"meta\":");
  CHECK(f < m);
  CHECK(m < t);
  CHECK(t != std::string::npos);
}
