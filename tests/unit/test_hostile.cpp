// Hostile input: empty notes, size limit, bytes that are not text, deep nesting in the notes,
// the profile and the request.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "decode.h"
#include "json_guard.h"
#include "paiban/paiban.h"

using namespace paiban;

namespace {

Result run(const std::string& input, const Options& base = Options()) {
  Options opt = base;
  if (opt.now.empty()) opt.now = "2024-05-06 09:30:00";
  return format(input, opt);
}

std::string first_code(const Result& r) {
  return r.errors.empty() ? std::string() : r.errors[0].code;
}

}  // namespace

TEST_CASE("hostile: empty or BOM-only or blank input gives input.empty and no page") {
  for (const std::string& in : {std::string(), std::string("\xEF\xBB\xBF"), std::string(" \n\t\n\r\n　\n")}) {
    CAPTURE(in);
    const Result r = run(in);
    CHECK(!r.ok);
    CHECK(first_code(r) == "input.empty");
    CHECK(r.errors[0].message_zh.find("没有可排版的内容") != std::string::npos);
    CHECK(r.errors[0].message_en.find("nothing to format") != std::string::npos);
    CHECK(r.page.empty());
    CHECK(r.fragment.empty());
  }
}

TEST_CASE("hostile: a bad profile is still reported for empty input") {
  Options opt;
  opt.profile_json = "{";
  const Result r = run("", opt);
  CHECK(first_code(r) == "profile.syntax");
}

TEST_CASE("hostile: input over max_input_bytes is refused and at the limit it is formatted") {
  Options opt;
  const std::string in = "关于环境监测的通知\n\n正文。\n";
  opt.max_input_bytes = in.size() - 1;
  Result r = run(in, opt);
  CHECK(!r.ok);
  CHECK(first_code(r) == "input.too-large");
  CHECK(r.page.empty());
  CHECK(r.fragment.empty());
  CHECK(r.text.empty());
  opt.max_input_bytes = in.size();
  r = run(in, opt);
  CHECK(r.ok);
  CHECK(Options().max_input_bytes == 50u * 1024 * 1024);
}

TEST_CASE("hostile: format_json takes max_input") {
  using nlohmann::json;
  json res = json::parse(format_json(R"({"input":"正文内容。","max_input":3})"));
  CHECK(res["ok"] == false);
  CHECK(res["errors"][0]["code"] == "input.too-large");
  res = json::parse(format_json(R"({"input":"正文内容。","max_input":"3"})"));
  CHECK(res["errors"][0]["code"] == "request");
  CHECK(res["errors"][0]["field"] == "max_input");
  res = json::parse(format_json(R"({"input":"正文内容。","max_input":-1})"));
  CHECK(res["errors"][0]["field"] == "max_input");
}

TEST_CASE("hostile: NUL and control characters and bad bytes become U+FFFD with a diagnostic") {
  const std::string in =
      std::string("标题\n\n正文\0甲\x01乙\x1B丙\x7F丁\xC0\xAF戊\xED\xA0\x80己\xF8\x88\x80\x80\x80。\n", 44);
  const Result r = run(in);
  REQUIRE(r.ok);
  int decode_diags = 0;
  for (const Diagnostic& d : r.diagnostics)
    if (d.rule == "decode.invalid-utf8") ++decode_diags;
  CHECK(decode_diags == 1);
  CHECK(r.page.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(valid_utf8(r.page));
  CHECK(valid_utf8(r.text));
  for (char c : r.page) {
    const auto u = static_cast<unsigned char>(c);
    CHECK((u >= 0x20 || u == '\n' || u == '\t'));
  }
}

TEST_CASE("hostile: a given field that is not UTF-8 is an error naming the field") {
  Options opt;
  opt.fields.author = std::string("王\xFF");
  const Result r = run("标题\n\n正文。\n", opt);
  CHECK(!r.ok);
  CHECK(first_code(r) == "field.invalid-utf8");
  CHECK(r.errors[0].field == "author");
}

TEST_CASE("hostile: a profile nested 100000 deep is refused with its place") {
  Options opt;
  opt.profile_json = "{\n  \"site\": " + std::string(100000, '[') + std::string(100000, ']') + "\n}";
  const Result r = run("标题\n\n正文。\n", opt);
  CHECK(!r.ok);
  REQUIRE(!r.errors.empty());
  CHECK(r.errors[0].code == "profile.too-deep");
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 10 + kProfileLimits.max_depth);  // the first "[" is at column 11, depth 2
}

TEST_CASE("hostile: a 10 MB profile and a huge key are refused") {
  Options opt;
  opt.profile_json = "{\"site\":{\"name\":\"" + std::string(10u << 20, 'a') + "\"}}";
  Result r = run("标题\n\n正文。\n", opt);
  CHECK(first_code(r) == "profile.too-large");
  opt.profile_json = "{\"" + std::string(100000, 'k') + "\":[1,2,3]}";
  r = run("标题\n\n正文。\n", opt);
  CHECK(first_code(r) == "profile.key-too-long");
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].column == 2);
}

TEST_CASE("hostile: a request nested 100000 deep is a request error") {
  const std::string req = R"({"input":"正文","profile":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  const auto res = nlohmann::json::parse(format_json(req));
  CHECK(res["ok"] == false);
  CHECK(res["errors"][0]["code"] == "request");
}

TEST_CASE("hostile: deep nesting in the notes does not overflow the stack") {
  for (const std::string& in :
       {std::string(50000, '>') + " 正文", std::string(10000, '['), std::string(20000, '*') + "a",
        std::string(10000, '-') + " a", std::string(50000, '*') + "a" + std::string(50000, '*'),
        std::string(30000, '*') + "[a](http://a.cn)" + std::string(30000, '*'), [] {
          std::string s;
          for (int i = 0; i < 5000; ++i) s += "- ";
          return s + "a";
        }()}) {
    const Result r = run("标题\n\n" + in + "\n");
    CHECK(r.ok);
  }
}
