// The request's reading kept by a ProfileCache (format.cpp, prepared.*): format_json and
// format_parts with the notes apart give, through a cache that has read the request before, the
// bytes they give without it; format_parts with the time apart gives what the request with that
// "now" gives. On generated requests picked again and again from a pool (the
// editor's case: the same request text call after call, then a changed one), with changed
// fields, now, outputs, forms, rejected lists, profiles (objects, text, bad ones), limits and
// every kind of refused request, with other notes each time.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "paiban/paiban.h"
#include "xorshift.h"

namespace {

using nlohmann::json;
using paiban::testing::Xorshift;

const char* const kLines[] = {"关于开展执法检查的通知",       "截止目前，全市共检查企业12家",
                              "做为重点单位，部份企业已整改", "今天上午，局党组召开会议",
                              "各县区要高度重视，，认真落实", "2024年13月45日完成",
                              "（一）加强组织领导",           "PM2.5浓度下降10%",
                              "“蓝天保卫战”取得成效",         "ABC公司在2024年5月6日提交报告"};

std::string notes(Xorshift& rng) {
  std::string out;
  const std::size_t lines = rng.below(8);
  for (std::size_t i = 0; i < lines; ++i) {
    out += kLines[rng.below(sizeof kLines / sizeof kLines[0])];
    out += rng.below(3) == 0 ? "\n\n" : "\n";
  }
  return out;
}

std::string request(Xorshift& rng) {
  switch (rng.below(30)) {  // refused requests, now and then
    case 0:
      return "";
    case 1:
      return "{\"now\":";
    case 2:
      return "[1,2]";
    case 3:
      return "{\"input\":\"正文\"}";
    case 4:
      return std::string(40, '[') + std::string(40, ']');
    default:
      break;
  }
  json r = json::object();
  if (rng.below(4) != 0)
    r["now"] = rng.below(2) == 0 ? "2024-05-06 10:00:00" : "2025-01-0" + std::to_string(1 + rng.below(9)) + " 08:30:00";
  if (rng.below(8) == 0) r["now"] = 5;
  if (rng.below(2) == 0) {
    const char* const forms[] = {"full", "compact", "columns", "columns", "other"};
    r["diagnostics"] = forms[rng.below(5)];
  }
  if (rng.below(3) == 0) {
    const char* const outputs[] = {"both", "page", "fragment", "none"};
    r["output"] = outputs[rng.below(4)];
  }
  if (rng.below(2) == 0) {
    json f = json::object();
    if (rng.below(2) == 0) f["title"] = "关于开展执法检查的通知" + std::to_string(rng.below(3));
    if (rng.below(3) == 0) f["date"] = "2024-05-0" + std::to_string(1 + rng.below(9));
    if (rng.below(3) == 0) f["views"] = rng.below(2) == 0 ? json(rng.below(1000)) : json("12");
    if (rng.below(4) == 0) f["author"] = nullptr;
    if (rng.below(10) == 0) f["colour"] = "红";
    if (rng.below(12) == 0) f["source"] = json::array();
    r["fields"] = rng.below(15) == 0 ? json("title") : f;
  }
  if (rng.below(2) == 0) {
    json ids = json::array();
    const char* const rejected[] = {"punct.fullwidth@1:5", "char.double@4:9", "width.alnum@2:1", "dict.term@3:1"};
    for (std::size_t n = rng.below(4); n > 0; --n) ids.push_back(rejected[rng.below(4)]);
    if (rng.below(6) == 0) ids.push_back(7);
    r["rejected"] = rng.below(12) == 0 ? json("punct.fullwidth@1:5") : ids;
  }
  if (rng.below(4) == 0) {
    json p = json::parse(paiban::default_profile_json());
    p["site"]["name"] = "云岭市生态环境局" + std::to_string(rng.below(3));
    if (rng.below(2) == 0) p["typography"]["rules"]["punct.fullwidth"] = false;
    switch (rng.below(4)) {
      case 0:
        r["profile"] = p.dump();  // as text
        break;
      case 1:
        r["profile"] = 12;  // refused
        break;
      case 2:
        r["profile"] = "{\"site\":";  // a bad profile: errors from the call
        break;
      default:
        r["profile"] = p;  // as an object
    }
  }
  if (rng.below(10) == 0) r["max_input"] = rng.below(2) == 0 ? json(rng.below(200)) : json(-1);
  return rng.below(2) == 0 ? r.dump() : r.dump(1);
}

}  // namespace

TEST_CASE("request cache: through a cache the same bytes as without one, over a pool of requests") {
  Xorshift rng;
  std::vector<std::string> pool(40);
  for (std::string& r : pool) r = request(rng);
  paiban::ProfileCache cache;
  std::size_t last = 0;
  int repeats = 0;
  int formatted = 0;
  for (int i = 0; i < 2500; ++i) {
    // Mostly the last request again (the editor's case), else another from the pool.
    const std::size_t which = rng.below(3) != 0 ? last : rng.below(pool.size());
    if (which == last) ++repeats;
    last = which;
    const std::string& req = pool[which];
    const std::string text = notes(rng);
    CAPTURE(req);
    const std::string plain = paiban::format_json(text, req);
    REQUIRE(paiban::format_json(text, req, cache) == plain);
    paiban::ProfileCache fresh;  // a cache that has read nothing
    const paiban::FormattedParts want = paiban::format_parts(text, req, fresh);
    const paiban::FormattedParts got = paiban::format_parts(text, req, cache);
    REQUIRE(got.json == want.json);
    CHECK(got.texts == want.texts);
    if (got.texts) ++formatted;
    CHECK(got.page == want.page);
    CHECK(got.fragment == want.fragment);
    CHECK(got.text == want.text);
    if (i % 200 == 199) pool[rng.below(pool.size())] = request(rng);
    if (i % 500 == 499) cache.clear();
  }
  CHECK(repeats > 1000);
  CHECK(formatted > 1000);
  MESSAGE("formatted ", formatted, " of 2500");
}

TEST_CASE("request cache: a changed request is read again") {
  paiban::ProfileCache cache;
  const std::string text = "关于开展执法检查的通知\n\n截止目前，全市共检查企业12家\n";
  const std::string a = R"({"now":"2024-05-06 10:00:00","output":"page"})";
  const std::string b = R"({"now":"2024-05-06 10:00:00","output":"fragment"})";
  const std::string bad = R"({"now":"2024-05-06 10:00:00","output":"neither"})";
  for (int i = 0; i < 3; ++i) {
    CHECK(paiban::format_json(text, a, cache) == paiban::format_json(text, a));
    CHECK(paiban::format_json(text, b, cache) == paiban::format_json(text, b));
    CHECK(paiban::format_json(text, bad, cache) == paiban::format_json(text, bad));
    CHECK(paiban::format_json(text, a, cache) != paiban::format_json(text, b, cache));
  }
}

TEST_CASE("request cache: the time apart stands for the request's now, and the reading is kept") {
  Xorshift rng;
  std::vector<std::string> pool(20);
  for (std::string& r : pool) r = request(rng);
  paiban::ProfileCache cache;
  const char* const times[] = {"2024-05-06 10:00:00", "2024-05-06 10:00:01", "2025-12-31 23:59:59",
                               "2024-02-30 10:00:00", "later"};
  int compared = 0;
  for (int i = 0; i < 1500; ++i) {
    const std::string& req = pool[rng.below(3) != 0 ? i % 3 : rng.below(pool.size())];
    const json parsed = json::parse(req, nullptr, false);
    if (!parsed.is_object()) continue;
    const std::string now = times[rng.below(5)];
    // The same request with that time in it, through a cache that has read nothing (a request
    // whose own "now" is not a string is refused all the same).
    json with_now = parsed;
    if (!parsed.contains("now") || parsed["now"].is_string()) with_now["now"] = now;
    paiban::ProfileCache fresh;
    const std::string text = notes(rng);
    const paiban::FormattedParts expect = paiban::format_parts(text, with_now.dump(), fresh);
    const paiban::FormattedParts got = paiban::format_parts(text, req, cache, now);
    CAPTURE(req);
    CAPTURE(now);
    REQUIRE(got.json == expect.json);
    CHECK(got.texts == expect.texts);
    CHECK(got.page == expect.page);
    CHECK(got.fragment == expect.fragment);
    CHECK(got.text == expect.text);
    // No time apart: the request's own.
    const paiban::FormattedParts own = paiban::format_parts(text, req, cache, "");
    CHECK(own.json == paiban::format_parts(text, req, fresh).json);
    ++compared;
  }
  CHECK(compared > 1000);
}
