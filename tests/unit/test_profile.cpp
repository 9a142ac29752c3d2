#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "json_locate.h"
#include "profile.h"

using namespace paiban;

namespace {

/// A small valid profile; tests replace parts of it.
const char* const kMinimal = R"({
  "site": {"name": "示例市示例局", "home_url": "https://example.gov.cn/"},
  "breadcrumb": {"home_label": "首页"},
  "info": {"date_label": "发布时间：", "views_label": "点击数："},
  "footer": {"lines": [["主办单位：示例市示例局", "联系电话：010-12345678"],
                       ["网站标识码：1100000000", "京ICP备12345678号", "京公网安备 11000002000001号"]]}
})";

struct Parsed {
  bool ok = false;
  Profile profile;
  std::vector<Error> errors;
  std::vector<Diagnostic> warnings;
};

Parsed parse(std::string_view text) {
  Parsed p;
  p.ok = parse_profile(text, p.profile, p.errors, p.warnings);
  return p;
}

const Error* find_error(const Parsed& p, const std::string& field) {
  for (const Error& e : p.errors)
    if (e.field == field) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("json_locate: paths and places of values") {
  const std::string text =
      "{\n  \"a\": 1,\n  \"b\": {\"c\": [true, \"x\", {\"d\": null}]},\n  \"中文\": \"值\", \"e\": 2\n}";
  const JsonLocations loc = locate_json(text);
  auto at = [&](const std::string& path) {
    auto it = loc.values.find(path);
    REQUIRE_MESSAGE(it != loc.values.end(), path);
    return std::pair<int, int>(it->second.line, it->second.column);
  };
  CHECK(at("") == std::pair<int, int>(1, 1));
  CHECK(at("a") == std::pair<int, int>(2, 8));
  CHECK(at("b") == std::pair<int, int>(3, 8));
  CHECK(at("b.c") == std::pair<int, int>(3, 14));
  CHECK(at("b.c[0]") == std::pair<int, int>(3, 15));
  CHECK(at("b.c[1]") == std::pair<int, int>(3, 21));
  CHECK(at("b.c[2]") == std::pair<int, int>(3, 26));
  CHECK(at("b.c[2].d") == std::pair<int, int>(3, 32));
  CHECK(at("中文") == std::pair<int, int>(4, 9));  // columns count code points
  CHECK(at("e") == std::pair<int, int>(4, 19));
  CHECK(loc.values.size() == 10);
  CHECK(loc.duplicates.empty());
}

TEST_CASE("json_locate: escapes in keys, empty containers, CRLF, BOM, duplicates") {
  const std::string text = "\xEF\xBB\xBF{\"a\\u0062\\\"\": [], \"o\": {},\r\n\"z\": [[], [1]], \"z\": 5}";
  const JsonLocations loc = locate_json(text);
  REQUIRE(loc.values.count("ab\""));
  CHECK(loc.values.at("ab\"").column == 15);
  CHECK(loc.values.at("o").column == 24);
  CHECK(loc.values.at("z").line == 2);
  CHECK(loc.values.at("z").column == 22);  // the later value: the one a parser keeps
  CHECK(loc.values.at("z[1][0]").column == 12);
  REQUIRE(loc.duplicates.size() == 1);
  CHECK(loc.duplicates[0].first == "z");
  // The same key in two different objects is no duplicate.
  CHECK(locate_json(R"({"a": {"k": 1}, "b": {"k": 2}})").duplicates.empty());
}

TEST_CASE("json_locate: malformed text stops without crashing") {
  for (const char* bad : {"", "{", "[1,", "{\"a\"", "{\"a\":", "{\"a\" 1}", "\"abc", "[1 2]", "}", "{\"a\":[}"}) {
    const JsonLocations loc = locate_json(bad);
    CHECK(loc.values.size() <= 3);
  }
}

TEST_CASE("json_locate: position_of counts code points and line breaks") {
  const std::string t = "ab\n中文x\r\ny\rz";
  CHECK(position_of(t, 0).line == 1);
  CHECK(position_of(t, 1).column == 2);
  CHECK(position_of(t, 3).line == 2);
  CHECK(position_of(t, 3).column == 1);
  CHECK(position_of(t, 6).column == 2);  // 文
  CHECK(position_of(t, 7).column == 2);  // inside 文
  CHECK(position_of(t, 9).column == 3);  // x
  CHECK(position_of(t, 12).line == 3);   // y after CRLF
  CHECK(position_of(t, 14).line == 4);   // z after a lone CR
  CHECK(position_of(t, 99).line == 4);
  CHECK(position_of(t, 99).column == 2);  // after the end
  CHECK(position_of("\xEF\xBB\xBFq", 3).column == 1);
}

TEST_CASE("profile: the default profile parses cleanly and is the seed's site") {
  const Parsed p = parse(default_profile_json());
  REQUIRE(p.ok);
  CHECK(p.errors.empty());
  CHECK(p.warnings.empty());
  const Profile& d = default_profile();
  CHECK(d.site_name == "商洛市生态环境局");
  CHECK(d.site_domain == "sthjj.shangluo.gov.cn");
  CHECK(d.site_id_code == "6110000016");
  CHECK(d.home_url == "http://sthjj.shangluo.gov.cn/");
  CHECK(d.home_label == "首页");
  CHECK(d.crumb_separator == " > ");
  CHECK(d.crumb_label == "当前位置");
  CHECK(d.date_label == "发布日期:");
  CHECK(d.views_label == "浏览量:");
  CHECK(d.date_format == "YYYY-MM-DD HH:mm:ss");
  CHECK(d.footer_separator == " 丨 ");
  REQUIRE(d.footer_lines.size() == 3);
  CHECK(d.footer_lines[0].size() == 1);
  CHECK(d.footer_lines[1].size() == 5);
  CHECK(d.footer_lines[1][3].kind == "site_id");
  CHECK(d.footer_lines[2][1].text == "ICP备案号:陕ICP备2021013679号-1");
  CHECK(!d.columns.empty());
  CHECK(d.columns[0] == "党的建设");
  CHECK(d.styles.count("title"));
  CHECK(d.styles.at("p").find("text-indent:2em") != std::string::npos);
  CHECK_FALSE(d.half_width_publish);
  CHECK(!d.dictionary.empty());
  // The same profile as an object dumped by nlohmann (what format_json does) reads the same.
  const Parsed again = parse(nlohmann::json::parse(default_profile_json()).dump(2));
  REQUIRE(again.ok);
  CHECK(again.profile.footer_lines.size() == d.footer_lines.size());
  CHECK(again.profile.styles == d.styles);
}

TEST_CASE("profile: a minimal profile gets the documented defaults") {
  const Parsed p = parse(kMinimal);
  REQUIRE(p.ok);
  CHECK(p.warnings.empty());  // the footer items are found by their text
  CHECK(p.profile.crumb_separator == " > ");
  CHECK(p.profile.crumb_label == "当前位置");
  CHECK(p.profile.footer_separator == " 丨 ");
  CHECK(p.profile.date_format == "YYYY-MM-DD HH:mm:ss");
  CHECK(p.profile.styles.empty());
  CHECK(p.profile.columns.empty());
  CHECK(p.profile.footer_lines[1][2].kind.empty());
}

TEST_CASE("profile: malformed JSON names line and column in code points") {
  const Parsed p = parse("{\n  \"site\": {\"name\": 中}\n}");
  CHECK_FALSE(p.ok);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].code == "profile.syntax");
  CHECK(p.errors[0].line == 2);
  CHECK(p.errors[0].column == 20);
  CHECK(p.errors[0].message_zh.rfind("配置文件第 2 行第 20 列：JSON 语法错误", 0) == 0);
  CHECK(p.errors[0].message_en.rfind("profile line 2, column 20: JSON syntax error", 0) == 0);

  const Parsed end = parse("{\"site\": {\"name\": \"甲\"");
  REQUIRE(end.errors.size() == 1);
  CHECK(end.errors[0].line == 1);
  CHECK(end.errors[0].column == 22);  // after the last character

  const Parsed comma = parse("[1,\n2,\n]");
  REQUIRE(comma.errors.size() == 1);
  CHECK(comma.errors[0].line == 3);
  CHECK(comma.errors[0].column == 1);

  const Parsed empty = parse("");
  REQUIRE(empty.errors.size() == 1);
  CHECK(empty.errors[0].line == 1);
  CHECK(empty.errors[0].column == 1);

  const Parsed newline_in_string = parse("{\"site\":\n \"ab\ncd\"}");
  REQUIRE(newline_in_string.errors.size() == 1);
  CHECK(newline_in_string.errors[0].line == 2);
  CHECK(newline_in_string.errors[0].column == 5);
}

TEST_CASE("profile: wrong type names the field and where its value is") {
  const std::string text = R"({
  "site": {"name": "甲"},
  "breadcrumb": {"home_label": "首页"},
  "info": {"date_label": "日期:", "views_label": "浏览:"},
  "footer": {"separator": 3, "lines": [["版权所有", {"text": 5}]]},
  "typography": {"half_width_publish": "yes"},
  "columns": "党建"
})";
  const Parsed p = parse(text);
  CHECK_FALSE(p.ok);
  const Error* sep = find_error(p, "footer.separator");
  REQUIRE(sep);
  CHECK(sep->code == "profile.type");
  CHECK(sep->line == 5);
  CHECK(sep->column == 27);
  CHECK(sep->message_zh == "配置文件第 5 行第 27 列：字段 footer.separator 应为字符串");
  CHECK(sep->message_en == "profile line 5, column 27: field footer.separator must be a string");
  const Error* text5 = find_error(p, "footer.lines[0][1].text");
  REQUIRE(text5);
  CHECK(text5->line == 5);
  CHECK(text5->column == 58);
  const Error* half = find_error(p, "typography.half_width_publish");
  REQUIRE(half);
  CHECK(half->line == 6);
  CHECK(half->message_en.find("boolean") != std::string::npos);
  const Error* cols = find_error(p, "columns");
  REQUIRE(cols);
  CHECK(cols->message_zh.find("应为数组") != std::string::npos);
  CHECK(p.errors.size() == 4);                       // all of them, not only the first
  for (std::size_t i = 1; i < p.errors.size(); ++i)  // in the order of the text
    CHECK(std::make_pair(p.errors[i - 1].line, p.errors[i - 1].column) <=
          std::make_pair(p.errors[i].line, p.errors[i].column));
}

TEST_CASE("profile: the root must be an object") {
  const Parsed p = parse("[1]");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].code == "profile.type");
  CHECK(p.errors[0].field.empty());
  CHECK(p.errors[0].message_en == "profile line 1, column 1: field (root) must be an object");
}

TEST_CASE("profile: unknown keys at any level") {
  const std::string text = R"({
  "site": {"name": "甲", "colour": "red"},
  "breadcrumb": {"home_label": "首页"},
  "info": {"date_label": "日期:", "views_label": "浏览:"},
  "footer": {"lines": [["a"], ["b", "c", "d", {"txt": "电话"}]]},
  "extra": 1,
  "styles": {"title": "color:red", "marquee": "x"}
})";
  const Parsed p = parse(text);
  CHECK_FALSE(p.ok);
  const Error* colour = find_error(p, "site.colour");
  REQUIRE(colour);
  CHECK(colour->code == "profile.unknown");
  CHECK(colour->line == 2);
  CHECK(colour->column == 35);
  CHECK(colour->message_en == "profile line 2, column 35: unknown field site.colour");
  const Error* txt = find_error(p, "footer.lines[1][3].txt");
  REQUIRE(txt);
  CHECK(txt->line == 5);
  const Error* missing_text = find_error(p, "footer.lines[1][3].text");
  REQUIRE(missing_text);
  CHECK(missing_text->code == "profile.missing");
  CHECK(missing_text->column == 47);  // where the item object starts
  CHECK(find_error(p, "extra"));
  const Error* marquee = find_error(p, "styles.marquee");
  REQUIRE(marquee);
  CHECK(marquee->code == "profile.unknown");
}

TEST_CASE("profile: missing required fields point at the parent object") {
  const std::string text = "{\n  \"site\": {\"domain\": \"x.gov.cn\"},\n  \"breadcrumb\": {},\n  \"info\": {}\n}";
  const Parsed p = parse(text);
  CHECK_FALSE(p.ok);
  const Error* name = find_error(p, "site.name");
  REQUIRE(name);
  CHECK(name->code == "profile.missing");
  CHECK(name->line == 2);
  CHECK(name->column == 11);
  CHECK(name->message_zh == "配置文件第 2 行第 11 列：缺少必填字段 site.name");
  CHECK(name->message_en == "profile line 2, column 11: missing required field site.name");
  CHECK(find_error(p, "breadcrumb.home_label"));
  CHECK(find_error(p, "info.date_label"));
  CHECK(find_error(p, "info.views_label"));
  const Error* footer = find_error(p, "footer");
  REQUIRE(footer);
  CHECK(footer->line == 1);
  CHECK(footer->column == 1);
  CHECK(p.errors.size() == 5);
}

TEST_CASE("profile: empty required strings, bad kinds, bad date format, duplicates") {
  const std::string text = R"({
  "site": {"name": ""},
  "breadcrumb": {"home_label": "首页", "home_label": "主页"},
  "info": {"date_label": "日期:", "views_label": "浏览:", "date_format": "hh:ii"},
  "footer": {"lines": [[{"text": "x", "kind": "sponser"}]]}
})";
  const Parsed p = parse(text);
  CHECK_FALSE(p.ok);
  const Error* name = find_error(p, "site.name");
  REQUIRE(name);
  CHECK(name->code == "profile.value");
  CHECK(name->message_en.find("must not be empty") != std::string::npos);
  const Error* dup = find_error(p, "breadcrumb.home_label");
  REQUIRE(dup);
  CHECK(dup->code == "profile.duplicate");
  CHECK(dup->column == 52);
  CHECK(find_error(p, "info.date_format"));
  const Error* kind = find_error(p, "footer.lines[0][0].kind");
  REQUIRE(kind);
  CHECK(kind->message_zh.find("sponsor、contact") != std::string::npos);
}

TEST_CASE("profile: unsafe hrefs are refused") {
  std::string text = kMinimal;
  auto swap = [&](const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  swap("https://example.gov.cn/", "javascript:alert(1)");
  swap("\"联系电话：010-12345678\"",
       "{\"text\": \"联系电话\", \"href\": \" JaVaScRiPt:x\"}, {\"text\": \"邮箱\", \"href\": \"mailto:a@b.cn\"}");
  const Parsed p = parse(text);
  CHECK_FALSE(p.ok);
  CHECK(find_error(p, "site.home_url"));
  CHECK(find_error(p, "footer.lines[0][1].href"));
  CHECK_FALSE(find_error(p, "footer.lines[0][2].href"));
  CHECK(p.errors.size() == 2);
}

TEST_CASE("profile: style values are checked") {
  const char* const bad[] = {"color:red}body{color:blue",
                             "background:url(http://x/y.png)",
                             "background:URL(x)",
                             "width:expression(alert(1))",
                             "@import 'x'",
                             "color:red/*",
                             "color:\\72 ed",
                             "background:image-set(\"x.png\" 1x)",
                             "x:javascript:1",
                             "</style><script>",
                             "font-family:\"unterminated",
                             "color:red{"};
  for (const char* css : bad) {
    nlohmann::json j = nlohmann::json::parse(kMinimal);
    j["styles"] = {{"p", css}};
    const Parsed p = parse(j.dump());
    CHECK_MESSAGE(!p.ok, css);
    const Error* e = find_error(p, "styles.p");
    REQUIRE_MESSAGE(e, css);
    CHECK(e->code == "profile.value");
  }
  nlohmann::json j = nlohmann::json::parse(kMinimal);
  j["styles"] = {{"p", "font-family:\"Microsoft YaHei\",'SimSun',serif;text-indent:2em"}, {"h6", ""}};
  const Parsed ok = parse(j.dump());
  CHECK(ok.ok);
  CHECK(ok.profile.styles.size() == 2);
}

TEST_CASE("profile: typography switches and dictionary") {
  nlohmann::json j = nlohmann::json::parse(kMinimal);
  j["typography"] = {{"half_width_publish", true}, {"rules", {{"space.cjk-latin", false}}}};
  j["dictionary"] =
      nlohmann::json::array({{{"wrong", "甲"}, {"right", "乙"}}, {{"wrong", "丙"}, {"right", "丁"}, {"note", "注"}}});
  const Parsed p = parse(j.dump());
  REQUIRE(p.ok);
  CHECK(p.profile.half_width_publish);
  CHECK(p.profile.rules.at("space.cjk-latin") == false);
  REQUIRE(p.profile.dictionary.size() == 2);
  CHECK(p.profile.dictionary[1].note == "注");

  j["typography"]["rules"]["x"] = true;
  j["typography"]["rules"]["punct.fullwidth"] = 1;
  j["dictionary"][0].erase("right");
  const Parsed bad = parse(j.dump());
  CHECK_FALSE(bad.ok);
  const Error* x = find_error(bad, "typography.rules.x");
  REQUIRE(x);
  CHECK(x->code == "profile.unknown");
  const Error* one = find_error(bad, "typography.rules.punct.fullwidth");
  REQUIRE(one);
  CHECK(one->code == "profile.type");
  CHECK(find_error(bad, "dictionary[0].right"));
}

TEST_CASE("profile: on failure the output profile is untouched") {
  Profile out;
  out.site_name = "旧";
  std::vector<Error> errors;
  std::vector<Diagnostic> warnings;
  CHECK_FALSE(parse_profile("{\"site\": 1}", out, errors, warnings));
  CHECK(out.site_name == "旧");
  CHECK_FALSE(parse_profile("{", out, errors, warnings));
  CHECK(out.site_name == "旧");
  CHECK(warnings.empty());
}

TEST_CASE("profile: a footer without the required items gets a warning for each") {
  nlohmann::json j = nlohmann::json::parse(kMinimal);
  j["footer"]["lines"] = {{"版权所有 某局"}, {{{"text", "备案"}, {"kind", "icp"}}}};
  const Parsed p = parse(j.dump());
  REQUIRE(p.ok);
  REQUIRE(p.warnings.size() == 3);
  CHECK(p.warnings[0].rule == "profile.footer-missing");
  CHECK(p.warnings[0].severity == Severity::warning);
  CHECK(p.warnings[0].message().find("联系方式") != std::string::npos);
  CHECK(p.warnings[0].message().find("contact") != std::string::npos);
  CHECK(p.warnings[1].message().find("网站标识码") != std::string::npos);
  CHECK(p.warnings[2].message().find("公安机关备案号") != std::string::npos);
  CHECK(p.warnings[0].id() != p.warnings[1].id());
  CHECK(p.warnings[0].line == 0);

  // A kind wins over the text: an item marked sponsor does not count as contact too.
  j["footer"]["lines"] = {{{{"text", "电话"}, {"kind", "sponsor"}}}};
  const Parsed k = parse(j.dump());
  REQUIRE(k.ok);
  CHECK(k.warnings.size() == 4);
}
