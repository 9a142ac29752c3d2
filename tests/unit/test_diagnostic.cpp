// Diagnostic holds no text it does not need: the rule's id and most messages are static text
// kept by pointer, a made message (and a profile warning's own id) is kept once and shared by
// copies, and the id "rule@line:col" is made when asked for or written straight into the JSON.
// These tests check the id and message against the way they were made before (a string per
// diagnostic) on thousands of generated notes, and the setters' rules.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "noisy_notes.h"
#include "paiban/paiban.h"

using nlohmann::json;
using paiban::Diagnostic;

namespace {

/// The id as it was made before: one string per diagnostic, "rule@line:col".
std::string old_id(const Diagnostic& d) {
  return std::string(d.rule) + "@" + std::to_string(d.line) + ":" + std::to_string(d.column);
}

}  // namespace

TEST_CASE("Diagnostic: id and message as before, in the result and in its JSON, on generated notes") {
  std::mt19937 rng(20261128);
  paiban::Options opt;
  opt.now = "2024-03-01 09:30:00";
  std::size_t seen = 0;
  std::size_t made = 0;  // diagnostics whose message was made for them
  for (int n = 0; n < 3000; ++n) {
    const std::string notes = paiban::testing::noisy_notes(rng);
    const paiban::Result r = paiban::format(notes, opt);
    const json j = json::parse(paiban::to_json(r));
    REQUIRE(j["diagnostics"].size() == r.diagnostics.size());
    for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
      const Diagnostic& d = r.diagnostics[i];
      const json& jd = j["diagnostics"][i];
      CAPTURE(notes);
      REQUIRE(d.id() == old_id(d));
      REQUIRE(jd["id"].get<std::string>() == old_id(d));
      REQUIRE(jd["rule"].get<std::string>() == std::string(d.rule));
      REQUIRE(jd["message"].get<std::string>() == std::string(d.message()));
      REQUIRE(!d.message().empty());
      // A copy keeps the same text (a made message is shared, a static one pointed to).
      const Diagnostic copy = d;
      REQUIRE(copy.message() == d.message());
      REQUIRE(copy.id() == d.id());
      ++seen;
      if (d.rule == "char.double" || d.rule == "time.relative" || d.rule == "balance.pair" ||
          d.rule == "meta.unknown-key" || d.rule == "blocks.unsafe-link" || d.rule == "decode.invalid-utf8")
        ++made;
    }
  }
  CHECK(seen > 30000);
  CHECK(made > 1000);
}

TEST_CASE("Diagnostic: the id written into the JSON for any line, column and rule") {
  std::mt19937 rng(7);
  const int values[] = {0, 1, -1, 9, 10, 99, 100, 12345, -2147483647 - 1, 2147483647};
  static const std::string long_rule(120, 'x');
  const std::string_view rules[] = {"punct.fullwidth", "", "a", "r\"\\\x01", long_rule, "规则"};
  for (int n = 0; n < 2000; ++n) {
    paiban::Result res;
    Diagnostic d;
    d.rule = rules[rng() % (sizeof rules / sizeof rules[0])];
    d.line = rng() % 3 == 0 ? values[rng() % 10] : static_cast<int>(rng() % 100000);
    d.column = rng() % 3 == 0 ? values[rng() % 10] : static_cast<int>(rng() % 100000);
    res.diagnostics.push_back(d);
    const json j = json::parse(paiban::to_json(res));
    REQUIRE(j["diagnostics"][0]["id"].get<std::string>() ==
            json(old_id(d)).get<std::string>());  // the same bytes once parsed (escapes included)
    REQUIRE(d.id() == old_id(d));
  }
}

TEST_CASE("Diagnostic: static and made messages, an id of its own") {
  Diagnostic d;
  d.rule = "x.rule";
  d.line = 3;
  d.column = 4;
  CHECK(d.message().empty());
  CHECK(d.id() == "x.rule@3:4");

  d.set_static_message("静态 / static");
  CHECK(d.message() == "静态 / static");

  std::string made = "做的 / made";
  d.set_message(made);
  made.clear();  // the diagnostic keeps its own
  CHECK(d.message() == "做的 / made");

  Diagnostic copy = d;
  d.set_message("另一个 / another");  // a copy is not changed by its original
  CHECK(copy.message() == "做的 / made");
  CHECK(d.message() == "另一个 / another");

  d.set_id("x.rule:own");
  CHECK(d.id() == "x.rule:own");
  CHECK(d.message() == "另一个 / another");  // kept when the id is set
  d.set_message("第三 / third");
  CHECK(d.id() == "x.rule:own");  // kept when the message is set
  d.set_static_message("静态 / static");
  CHECK(d.id() == "x.rule:own");
  CHECK(d.message() == "静态 / static");

  Diagnostic e;
  e.set_static_message("静态 / static");
  e.set_id("only:id");
  CHECK(e.message() == "静态 / static");
  CHECK(e.id() == "only:id");

  paiban::Result res;
  res.diagnostics.push_back(e);
  const json j = json::parse(paiban::to_json(res));
  CHECK(j["diagnostics"][0]["id"] == "only:id");
  CHECK(j["diagnostics"][0]["message"] == "静态 / static");
}
