// The pipeline through its JSON contract: what the CLI, node and the browser see.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "paiban/paiban.h"

using nlohmann::json;

namespace {

json call(const json& request) {
  return json::parse(paiban::format_json(request.dump()));
}

json fixes(const json& response) {
  json out = json::array();
  for (const json& d : response["diagnostics"])
    if (d["applied"].get<bool>()) out.push_back(d);
  return out;
}

}  // namespace

TEST_CASE("format_json: fixes are applied and listed, a rejected fix is left out on the next call") {
  const json req = {{"input", "标题：测试稿\n\n会议指出,要加强领导,狠抓落实.\n"}, {"now", "2024-03-01 09:30:00"}};
  json r = call(req);
  REQUIRE(r["ok"] == true);
  CHECK(r["text"] == "标题：测试稿\n\n会议指出，要加强领导，狠抓落实。\n");
  json f = fixes(r);
  REQUIRE(f.size() == 3);
  CHECK(f[0]["rule"] == "punct.fullwidth");
  CHECK(f[0]["line"] == 3);
  CHECK(f[0]["column"] == 5);
  CHECK(f[0]["column_utf16"] == 5);
  CHECK(f[0]["before"] == ",");
  CHECK(f[0]["after"] == "，");

  json again = req;
  again["rejected"] = json::array({f[1]["id"]});
  json r2 = call(again);
  CHECK(r2["text"] == "标题：测试稿\n\n会议指出，要加强领导,狠抓落实。\n");
  CHECK(fixes(r2).size() == 2);
  CHECK(r2["page"].get<std::string>().find("要加强领导,狠抓落实。") != std::string::npos);
}

TEST_CASE("format_json: formatting the fixed text again changes nothing") {
  json r = call({{"input", "标题：测试稿\n\n全市 212 个项目...“六稳\"工作--稳步推进"}, {"now", "2024-03-01 09:30:00"}});
  REQUIRE(r["ok"] == true);
  json r2 = call({{"input", r["text"]}, {"now", "2024-03-01 09:30:00"}});
  CHECK(fixes(r2).empty());
  CHECK(r2["text"] == r["text"]);
}

TEST_CASE("format_json: UTF-16 columns count a character outside the BMP twice") {
  json r = call({{"input", "标题：测试\n\n𠀀𠀀会议指出,要加强"}, {"now", "2024-03-01 09:30:00"}});
  json f = fixes(r);
  REQUIRE(f.size() == 1);
  CHECK(f[0]["column"] == 7);
  CHECK(f[0]["column_utf16"] == 9);
}

TEST_CASE("format_json: bad requests get an error naming the field, in Chinese and English") {
  for (const char* bad : {"not json", "[]", "{}", R"({"input": 3})", R"({"input": "x", "fields": {"colour": "红"}})",
                          R"({"input": "x", "output": "pdf"})", R"({"input": "x", "rejected": "a"})"}) {
    CAPTURE(bad);
    json r = json::parse(paiban::format_json(bad));
    CHECK(r["ok"] == false);
    REQUIRE(r["errors"].size() == 1);
    CHECK_FALSE(r["errors"][0]["message_zh"].get<std::string>().empty());
    CHECK_FALSE(r["errors"][0]["message_en"].get<std::string>().empty());
  }
}

TEST_CASE("format_json: the same request gives the same bytes") {
  const std::string req =
      json{{"input", "标题：测试稿\n\n正文,第一段.\n\n正文第二段"}, {"now", "2024-03-01 09:30:00"}}.dump();
  CHECK(paiban::format_json(req) == paiban::format_json(req));
}

TEST_CASE("format_json with the input apart: the same bytes as with the input in the request") {
  const json requests[] = {
      {{"input", "标题：测试稿\n\n会议指出,要加强领导.\n"}, {"now", "2024-03-01 09:30:00"}},
      {{"input", "会议\n"}, {"fields", {{"title", "题目"}}}, {"output", "fragment"}, {"rejected", {"x@1:1"}}},
      {{"input", ""}},
      {{"input", "x"}, {"output", "nonsense"}},
  };
  for (const json& req : requests) {
    json rest = req;
    rest.erase("input");
    CHECK(paiban::format_json(req["input"].get<std::string>(), rest.dump()) == paiban::format_json(req.dump()));
  }
  // An empty request means every default.
  CHECK(paiban::format_json("标题：题\n\n正文。\n", "") ==
        paiban::format_json(json{{"input", "标题：题\n\n正文。\n"}}.dump()));
  // Input in both places is refused rather than one of them picked.
  const json r = json::parse(paiban::format_json("正文", json{{"input", "别的"}}.dump()));
  CHECK(r["ok"] == false);
  CHECK(r["errors"][0]["field"] == "input");
  CHECK(json::parse(paiban::format_json("正文", "[1]"))["errors"][0]["code"] == "request");
}
