// ProfileCache: a profile read once and kept under its exact text gives the bytes a call without
// the cache gives, on generated profiles and notes; a bad profile is never kept and reports its
// errors every time; a changed text is never served the old profile; threads may share a cache.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif
#include <vector>

#include "paiban/paiban.h"
#include "prepared.h"

using namespace paiban;

namespace {

using nlohmann::json;

const char* const kPhrases[] = {"关于开展生态环境执法检查的通知",
                                "截止目前，全市共检查企业12家",
                                "做为重点单位，部份企业已整改",
                                "商洛市环保局召开会议。",
                                "今天上午，局党组召开会议",
                                "各县区要高度重视，，认真落实",
                                "2024年13月45日完成",
                                "的的确确",
                                "会议指出：要坚持问题导向",
                                "（一）加强组织领导",
                                "一、总体要求",
                                "三、工作措施",
                                "PM2.5浓度下降10%",
                                "请登录https://example.gov.cn/查看",
                                "“蓝天保卫战”取得成效",
                                "联系人：张三，电话：0914-1234567",
                                "云岭市示例词语需要规范",
                                "ABC公司在2024年5月6日提交报告",
                                "示例错词出现在这里",
                                "《通知》要求..."};

std::string notes(std::mt19937& rng) {
  std::string out;
  const int lines = 1 + static_cast<int>(rng() % 12);
  for (int i = 0; i < lines; ++i) {
    const int parts = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < parts; ++k) out += kPhrases[rng() % (sizeof kPhrases / sizeof kPhrases[0])];
    out += rng() % 4 == 0 ? "\n\n" : "\n";
  }
  return out;
}

/// A profile made from the default one: site, columns, styles, switches, dictionary and footer
/// changed at random (some with warnings, a footer item left out).
std::string profile(std::mt19937& rng) {
  json p = json::parse(default_profile_json());
  if (rng() % 2) p["site"]["name"] = "云岭市生态环境局" + std::to_string(rng() % 5);
  if (rng() % 3 == 0) p["columns"] = json::array({"执法动态", "环境要闻"});
  if (rng() % 3 == 0) p["info"]["date_format"] = "YYYY年MM月DD日 HH:mm";
  if (rng() % 3 == 0) p["styles"]["p"] = "margin:0 0 " + std::to_string(rng() % 30) + "px;text-indent:2em";
  if (rng() % 4 == 0) p["styles"].erase("h2");
  if (rng() % 3 == 0) p["typography"]["half_width_publish"] = true;
  const char* const rules[] = {"punct.fullwidth", "width.alnum",   "space.cjk-latin", "dict.term",
                               "char.double",     "time.relative", "date.invalid"};
  for (const char* r : rules)
    if (rng() % 4 == 0) p["typography"]["rules"][r] = rng() % 2 == 0;
  if (rng() % 2) {
    p["dictionary"].push_back({{"wrong", "示例错词"}, {"right", "示例正词"}, {"note", "测试"}});
    p["dictionary"].push_back({{"wrong", "示例词语"}, {"right", "规范词语"}});
  }
  if (rng() % 5 == 0) p["dictionary"] = json::array();
  if (rng() % 4 == 0 && !p["footer"]["lines"].empty()) p["footer"]["lines"].erase(0);  // a missing item: warnings
  return rng() % 2 ? p.dump() : p.dump(2);
}

Options options_for(const std::string& profile_json, std::mt19937& rng) {
  Options o;
  o.profile_json = profile_json;
  o.now = "2024-05-06 10:00:00";
  o.output = rng() % 5 == 0 ? Output::fragment : Output::both;
  return o;
}

}  // namespace

TEST_CASE("profile cache: the same bytes as without it, kept and not kept, over many profiles and notes") {
  std::mt19937 rng(20240506);
  std::vector<std::string> profiles(24);
  for (std::string& p : profiles) p = profile(rng);
  ProfileCache cache(3);  // fewer than the profiles: entries come and go
  int hits = 0;
  for (int i = 0; i < 1500; ++i) {
    // Mostly the last few profiles again (the editor's case), sometimes an older one.
    const std::size_t which = rng() % 4 != 0 ? profiles.size() - 1 - rng() % 3 : rng() % profiles.size();
    const std::string text = notes(rng);
    const Options o = options_for(profiles[which], rng);
    const std::size_t before = cache.size();
    const std::string plain = to_json(format(text, o));
    const std::string cached = to_json(format(text, o, cache));
    const std::string again = to_json(format(text, o, cache));  // surely kept now
    REQUIRE(cached == plain);
    REQUIRE(again == plain);
    CHECK(cache.size() <= 3);
    if (cache.size() == before) ++hits;
    if (i % 100 == 99) profiles[rng() % profiles.size()] = profile(rng);
  }
  CHECK(hits > 0);
}

TEST_CASE("profile cache: the default profile's own text, and format_json through the cache") {
  std::mt19937 rng(7);
  ProfileCache cache;
  const std::string def = default_profile_json();
  for (int i = 0; i < 200; ++i) {
    const std::string text = notes(rng);
    Options o = options_for(def, rng);
    CHECK(to_json(format(text, o, cache)) == to_json(format(text, o)));
    o.profile_json.clear();  // no profile: the default, the cache is not involved
    CHECK(to_json(format(text, o, cache)) == to_json(format(text, o)));
    json req{{"now", "2024-05-06 10:00:00"}, {"profile", json::parse(def)}};
    if (i % 2) req["profile"] = def;
    const std::string request = req.dump();
    CHECK(format_json(text, request, cache) == format_json(text, request));
    req["input"] = text;
    CHECK(format_json(req.dump(), cache) == format_json(req.dump()));
  }
  CHECK(cache.size() >= 1);
}

TEST_CASE("profile cache: a bad profile is never kept and gives its errors every time") {
  std::mt19937 rng(11);
  json bad_type = json::parse(default_profile_json());
  bad_type["site"]["name"] = 5;
  json bad_key = json::parse(default_profile_json());
  bad_key["colour"] = "red";
  const std::string bad[] = {"{",
                             "[]",
                             bad_type.dump(2),
                             bad_key.dump(),
                             std::string(40, '[') + std::string(40, ']'),
                             "{\"dictionary\": [{\"wrong\": \"\", \"right\": \"x\"}]}"};
  ProfileCache cache;
  for (const std::string& p : bad) {
    const std::string text = notes(rng);
    const Options o = options_for(p, rng);
    const Result plain = format(text, o);
    REQUIRE_FALSE(plain.errors.empty());
    const std::string expected = to_json(plain);
    for (int k = 0; k < 3; ++k) {
      const Result r = format(text, o, cache);
      CHECK_FALSE(r.ok);
      CHECK(to_json(r) == expected);
    }
    CHECK(cache.size() == 0);
  }
  // A good profile kept, then the same text made bad by one byte: the error, not the kept one.
  const std::string good = default_profile_json();
  std::string broken = good;
  broken.back() = ',';
  const std::string text = notes(rng);
  CHECK(format(text, options_for(good, rng), cache).ok);
  CHECK(cache.size() == 1);
  const Result r = format(text, options_for(broken, rng), cache);
  CHECK_FALSE(r.ok);
  CHECK(to_json(r) == to_json(format(text, options_for(broken, rng))));
  CHECK(cache.size() == 1);
}

TEST_CASE("profile cache: a changed profile text is never served the kept profile") {
  std::mt19937 rng(3);
  json p = json::parse(default_profile_json());
  ProfileCache cache(2);
  for (int i = 0; i < 60; ++i) {
    // Each step changes one thing the output shows: the site's name, a style, a switch, an entry.
    switch (i % 4) {
      case 0:
        p["site"]["name"] = "站点" + std::to_string(i);
        break;
      case 1:
        p["styles"]["title"] = "font-size:" + std::to_string(18 + i) + "px";
        break;
      case 2:
        p["typography"]["rules"]["punct.fullwidth"] = i % 8 == 2;
        break;
      default:
        p["dictionary"].push_back({{"wrong", "示例错词"}, {"right", "正词" + std::to_string(i)}});
        break;
    }
    const std::string text = notes(rng) + "示例错词,test.\n";
    const Options o = options_for(p.dump(), rng);
    const std::string expected = to_json(format(text, o));
    CHECK(to_json(format(text, o, cache)) == expected);
    CHECK(to_json(format(text, o, cache)) == expected);
  }
  cache.clear();
  CHECK(cache.size() == 0);
}

// The WASM build has no threads (the module is single-threaded): natively only.
#ifndef __EMSCRIPTEN__
TEST_CASE("profile cache: calls on several threads share one cache") {
  std::mt19937 rng(99);
  std::vector<std::string> profiles(4);
  for (std::string& p : profiles) p = profile(rng);
  std::vector<std::string> texts(40);
  for (std::string& t : texts) t = notes(rng);
  std::vector<std::string> expected(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Options o;
    o.profile_json = profiles[i % profiles.size()];
    o.now = "2024-05-06 10:00:00";
    expected[i] = to_json(format(texts[i], o));
  }
  ProfileCache cache(2);
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> pool;
  pool.reserve(4);
  for (int t = 0; t < 4; ++t)
    pool.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round)
        for (std::size_t i = static_cast<std::size_t>(t); i < texts.size(); i += 2) {
          Options o;
          o.profile_json = profiles[i % profiles.size()];
          o.now = "2024-05-06 10:00:00";
          if (to_json(format(texts[i], o, cache)) != expected[i]) ++wrong[static_cast<std::size_t>(t)];
        }
    });
  for (std::thread& th : pool) th.join();
  for (const int w : wrong) CHECK(w == 0);
  CHECK(cache.size() <= 2);
}
#endif

TEST_CASE("profile cache: a prepared profile is the profile parse_profile reads, with its warnings") {
  std::mt19937 rng(5);
  for (int i = 0; i < 50; ++i) {
    const std::string text = profile(rng);
    PreparedProfile prepared;
    std::vector<Error> errors;
    REQUIRE(prepare_profile(text, prepared, errors));
    Profile direct;
    std::vector<Error> direct_errors;
    std::vector<Diagnostic> direct_warnings;
    REQUIRE(parse_profile(text, direct, direct_errors, direct_warnings));
    CHECK(prepared.warnings.size() == direct_warnings.size());
    for (std::size_t k = 0; k < direct_warnings.size() && k < prepared.warnings.size(); ++k) {
      CHECK(prepared.warnings[k].id() == direct_warnings[k].id());
      CHECK(prepared.warnings[k].message() == direct_warnings[k].message());
    }
    CHECK(prepared.profile.site_name == direct.site_name);
    CHECK(prepared.profile.dictionary.size() == direct.dictionary.size());
    CHECK(prepared.matcher.size() == lint_matcher(direct).size());
  }
}

TEST_CASE("default profile: what is worked out once per process equals what a call works out") {
  // The default profile's fragment looks, style rules, footer, lint switches and dictionary are
  // made once; the same profile read from its text is worked out by the call itself.
  std::mt19937 rng(42);
  const std::string def = default_profile_json();
  for (int i = 0; i < 1000; ++i) {
    const std::string text = notes(rng);
    Options o;
    o.now = "2024-05-06 10:00:00";
    const Output outs[] = {Output::both, Output::page, Output::fragment};
    o.output = outs[rng() % 3];
    if (rng() % 3 == 0) o.fields.title = "标题" + std::to_string(i);
    if (rng() % 3 == 0) o.fields.column = "环境要闻";
    const std::string once = to_json(format(text, o));
    o.profile_json = def;
    REQUIRE(to_json(format(text, o)) == once);
  }
}
