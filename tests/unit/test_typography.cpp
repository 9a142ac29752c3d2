// The typography rules as before/after pairs: each row is one paragraph of notes and the text
// it must become. Rows with before == after are traps: text that must stay as it is.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "profile.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

Document one_paragraph(const std::string& s) {
  Document d;
  Block b;
  b.pos = {1, 1};
  Inline in;
  in.text = s;
  in.pos = {1, 1};
  b.inlines.push_back(in);
  d.blocks.push_back(b);
  return d;
}

std::string body(const Document& d) {
  std::string out;
  for (const Inline& in : d.blocks[0].inlines) out += in.text;
  return out;
}

std::string fix(const std::string& s, const Profile& p = default_profile(), std::vector<Edit>* edits = nullptr,
                const std::vector<std::string>& rejected = {}) {
  Document d = one_paragraph(s);
  Field title;
  std::vector<Edit> e = apply_typography(d, title, p, rejected);
  if (edits != nullptr) *edits = e;
  return body(d);
}

struct Pair {
  const char* before;
  const char* after;
};

void check_pairs(const std::vector<Pair>& pairs) {
  for (const Pair& p : pairs) {
    CAPTURE(p.before);
    CHECK(fix(p.before) == p.after);
    CHECK(fix(p.after) == p.after);  // idempotent
  }
}

std::vector<Diagnostic> lint_of(const std::string& s, const std::string& now = "2024-03-01 09:30:00") {
  Document d = one_paragraph(s);
  Meta m;
  m.title = {"标题", "given", {}};
  m.date = {now, "given", {}};
  std::vector<Diagnostic> out;
  lint(d, m, default_profile(), now, out);
  return out;
}

int count_rule(const std::vector<Diagnostic>& ds, const std::string& rule) {
  return static_cast<int>(std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.rule == rule; }));
}

}  // namespace

TEST_CASE("punct.fullwidth: half-width marks in Chinese context") {
  check_pairs({
      {"会议指出,要加强领导.", "会议指出，要加强领导。"},
      {"时间:10月12日;地点:会议室", "时间：10月12日；地点：会议室"},
      {"你们准备好了吗?出发!", "你们准备好了吗？出发！"},
      {"排放标准(试行)已印发", "排放标准（试行）已印发"},
      {"执行(GB 3095-2012)标准", "执行（GB 3095-2012）标准"},
      {"(一)加强领导", "（一）加强领导"},
      {"同比下降6.3%.", "同比下降6.3%。"},
      {"全市共有212个.", "全市共有212个。"},
      {"优良率达87.2%!", "优良率达87.2%！"},
      {"来信请寄hjzf@example.gov.cn.", "来信请寄hjzf@example.gov.cn。"},
      {"详见意见稿.pdf.", "详见意见稿.pdf。"},
      {"浓度为0.04mg/L.", "浓度为0.04mg/L。"},
      {"联系电话0914-2316071.", "联系电话0914-2316071。"},
      {"截止时间为18:00.", "截止时间为18:00。"},
      {"开展宣传活动 .", "开展宣传活动。"},
      {"开展路检路查。2.加快淘汰老旧车辆。", "开展路检路查。2.加快淘汰老旧车辆。"},
      {"2.加快淘汰老旧车辆。", "2.加快淘汰老旧车辆。"},
  });
}

TEST_CASE("punct.fullwidth: numbers, times, URLs, abbreviations and Latin text stay") {
  check_pairs({
      {"圆周率约为3.14，不是3.15", "圆周率约为3.14，不是3.15"},
      {"共计1,280人参加", "共计1,280人参加"},
      {"会议于10:30开始", "会议于10:30开始"},
      {"详见https://www.example.gov.cn/a,b.html，请查阅", "详见https://www.example.gov.cn/a,b.html，请查阅"},
      {"来信请寄office@example.gov.cn，谢谢", "来信请寄office@example.gov.cn，谢谢"},
      {"附件为工作方案.docx文件", "附件为工作方案.docx文件"},
      {"奥密克戎BA.5.2变异株", "奥密克戎BA.5.2变异株"},
      {"PM2.5浓度下降", "PM2.5浓度下降"},
      {"COVID-19疫情", "COVID-19疫情"},
      {"由ABC Co., Ltd.承办", "由ABC Co., Ltd.承办"},
      {"R&D投入增长", "R&D投入增长"},
      {"Hello, world", "Hello, world"},
  });
}

TEST_CASE("quote.pair: straight quotes by nesting") {
  check_pairs({
      {"他说\"要坚持'两手抓'不放松\"。", "他说“要坚持‘两手抓’不放松”。"},
      {"开展\"六稳六保\"和\"周调度\"", "开展“六稳六保”和“周调度”"},
      {"已有“中文引号\"混用", "已有“中文引号”混用"},
      {"it's fine，别改", "it's fine，别改"},
  });
}

TEST_CASE("quote.pair: a quote opened on one line closes on the next") {
  Document d;
  Block b;
  Inline a, z;
  a.text = "他强调\"作风建设";
  a.pos = {1, 1};
  z.text = "事关全局\"。";
  z.pos = {2, 1};
  b.inlines = {a, z};
  d.blocks.push_back(b);
  Field title;
  std::vector<Edit> e = apply_typography(d, title, default_profile(), {});
  CHECK(d.blocks[0].inlines[0].text == "他强调“作风建设");
  CHECK(d.blocks[0].inlines[1].text == "事关全局”。");
  REQUIRE(e.size() == 2);
  CHECK(e[1].pos.line == 2);
  CHECK(e[1].pos.col == 5);
}

TEST_CASE("punct.ellipsis and punct.dash") {
  check_pairs({
      {"等等...", "等等……"},
      {"等等......", "等等……"},
      {"等等。。。", "等等……"},
      {"等等…", "等等……"},
      {"等等……", "等等……"},
      {"生态环境--我们的家园", "生态环境——我们的家园"},
      {"生态环境—我们的家园", "生态环境——我们的家园"},
      {"2020—2022年", "2020—2022年"},
      {"卡尔·马克思", "卡尔·马克思"},
  });
}

TEST_CASE("width.alnum and number.zero") {
  check_pairs({
      {"ＰＭ２．５浓度", "PM2.5浓度"},
      {"达到８５％以上", "达到85%以上"},
      {"二0二二年十月", "二〇二二年十月"},
      {"二O二二年", "二〇二二年"},
      {"二○二四年", "二〇二四年"},
      {"2022年", "2022年"},
      {"Ⅱ类水质", "Ⅱ类水质"},
      {"850℃高温", "850℃高温"},
      {"3.2万亩", "3.2万亩"},
  });
}

TEST_CASE("punct.double and spaces") {
  check_pairs({
      {"会议强调，，要加强", "会议强调，要加强"},
      {"会议结束。。", "会议结束。"},
      {"会议 强调 要 加强", "会议强调要加强"},
      {"会议强调 ， 要加强", "会议强调，要加强"},
      {"全市 212 个 项目", "全市212个项目"},
      {"PM2.5 浓度", "PM2.5浓度"},
      {"Hello world", "Hello world"},
      {"全市　共有项目", "全市共有项目"},
      {"请登录 https://a.gov.cn/x/ 查询", "请登录https://a.gov.cn/x/查询"},
  });
}

TEST_CASE("the half-width publishing form: , and semicolon stay ASCII, . still becomes 。") {
  Profile p = default_profile();
  p.half_width_publish = true;
  CHECK(fix("会议指出,要加强领导.", p) == "会议指出,要加强领导。");
  CHECK(fix("会议指出，要加强领导。", p) == "会议指出，要加强领导。");
}

TEST_CASE("a switched-off rule changes nothing, a rejected fix is skipped") {
  Profile p = default_profile();
  p.rules["punct.fullwidth"] = false;
  CHECK(fix("会议指出,要加强", p) == "会议指出,要加强");
  std::vector<Edit> edits;
  CHECK(fix("甲,乙,丙", default_profile(), &edits) == "甲，乙，丙");
  REQUIRE(edits.size() == 2);
  CHECK(edits[0].rule == "punct.fullwidth");
  CHECK(edits[0].pos.col == 2);
  CHECK(edits[1].pos.col == 4);
  CHECK(fix("甲,乙,丙", default_profile(), nullptr, {fix_id("punct.fullwidth", {1, 4})}) == "甲，乙,丙");
}

TEST_CASE("the insert switch puts a space between Chinese and Latin or digits") {
  Profile p = default_profile();
  p.rules["space.cjk-latin-insert"] = true;
  CHECK(fix("全市212个项目", p) == "全市 212 个项目");
}

TEST_CASE("lint: balance, doubles, repeats") {
  CHECK(count_rule(lint_of("他说“要加强"), "balance.pair") == 1);
  CHECK(count_rule(lint_of("学习《工作方案》和“两手抓”"), "balance.pair") == 0);
  CHECK(count_rule(lint_of("学习《工作方案"), "balance.pair") == 1);
  CHECK(count_rule(lint_of("这是我们的的工作"), "char.double") == 1);
  CHECK(count_rule(lint_of("谢谢大家，常常联系，人人参与，天天向上"), "char.double") == 0);
  CHECK(count_rule(lint_of("实实在在地干，的的确确"), "char.double") == 0);
  CHECK(count_rule(lint_of("为了了解情况"), "char.double") == 0);
  CHECK(count_rule(lint_of("真的吗？？"), "punct.repeat") == 1);
  CHECK(count_rule(lint_of("结束了，。"), "punct.repeat") == 1);
}

TEST_CASE("lint: dates") {
  CHECK(count_rule(lint_of("2023年2月30日召开"), "date.invalid") == 1);
  CHECK(count_rule(lint_of("2024年2月29日召开"), "date.invalid") == 0);
  CHECK(count_rule(lint_of("2023年2月29日召开"), "date.invalid") == 1);
  CHECK(count_rule(lint_of("13月1日"), "date.invalid") == 1);
  CHECK(count_rule(lint_of("2023年08月09日"), "date.leading-zero") == 2);
  CHECK(count_rule(lint_of("22年10月"), "date.short-year") == 1);
  CHECK(count_rule(lint_of("近22年来"), "date.short-year") == 0);
  CHECK(count_rule(lint_of("2025年5月1日起施行"), "date.future") == 1);
  CHECK(count_rule(lint_of("2023年5月1日召开"), "date.future") == 0);
  CHECK(count_rule(lint_of("1820年5月1日"), "date.implausible") == 1);
  CHECK(count_rule(lint_of("10月12日上午"), "date.invalid") == 0);
}

TEST_CASE("lint: range marks and relative time words") {
  CHECK(count_rule(lint_of("2020-2022年"), "range.mark") == 1);
  CHECK(count_rule(lint_of("增长10-20万元"), "range.mark") == 1);
  CHECK(count_rule(lint_of("执行GB 3095-2012标准"), "range.mark") == 0);
  CHECK(count_rule(lint_of("电话0914-2312283"), "range.mark") == 0);
  std::vector<Diagnostic> d = lint_of("近日，市局召开会议");
  REQUIRE(count_rule(d, "time.relative") == 1);
  CHECK(d[0].severity == Severity::info);
}

TEST_CASE("lint: the house dictionary warns with the right form, not inside longer words") {
  std::vector<Diagnostic> d = lint_of("各单位要再接再励，按步就班");
  REQUIRE(count_rule(d, "dict.term") == 2);
  CHECK(d[0].before == "再接再励");
  CHECK(d[0].after == "再接再厉");
  CHECK(count_rule(lint_of("个人材料已上报"), "dict.term") == 0);
  CHECK(count_rule(lint_of("引进人材"), "dict.term") == 1);
  CHECK(count_rule(lint_of("依法预防犯罪"), "dict.term") == 0);
  CHECK(count_rule(lint_of("网站标识码"), "dict.term") == 0);
  Profile p = default_profile();
  p.dictionary.push_back({"环保局", "生态环境局", "机构改革后的名称"});
  Document doc = one_paragraph("市环保局召开会议");
  Meta m;
  m.title = {"标题", "given", {}};
  m.date = {"2024-03-01 09:30:00", "given", {}};
  std::vector<Diagnostic> out;
  lint(doc, m, p, "2024-03-01 09:30:00", out);
  REQUIRE(count_rule(out, "dict.term") == 1);
  CHECK(out[0].column == 2);
}

TEST_CASE("lint: heading numbers") {
  Document d;
  auto heading = [](int level, const char* t, int line) {
    Block b;
    b.kind = BlockKind::heading;
    b.level = level;
    b.pos = {line, 1};
    Inline in;
    in.text = t;
    in.pos = b.pos;
    b.inlines.push_back(in);
    return b;
  };
  d.blocks = {heading(2, "一、总体要求", 1), heading(3, "（一）加强领导", 2), heading(3, "（三）强化督查", 3),
              heading(2, "二、保障措施", 4), heading(2, "二、其他", 5),       heading(4, "1.附则", 6)};
  Meta m;
  m.title = {"标题", "given", {}};
  m.date = {"2024-03-01 09:30:00", "given", {}};
  std::vector<Diagnostic> out;
  lint(d, m, default_profile(), "2024-03-01 09:30:00", out);
  REQUIRE(count_rule(out, "heading.sequence") == 3);
  std::vector<int> lines;
  for (const Diagnostic& x : out) lines.push_back(x.line);
  CHECK(lines == std::vector<int>{3, 5, 6});
}

TEST_CASE("lint: a missing title or date is reported") {
  Document d = one_paragraph("正文");
  Meta m;
  std::vector<Diagnostic> out;
  lint(d, m, default_profile(), "", out);
  CHECK(count_rule(out, "meta.missing-title") == 1);
  CHECK(count_rule(out, "meta.missing-date") == 1);
}

TEST_CASE("raw HTML shown as text is never touched") {
  Document d;
  Block b;
  Inline a, raw;
  a.text = "他说";
  a.pos = {1, 1};
  raw.text = "<b onclick=\"x('1')\">";
  raw.pos = {1, 3};
  raw.verbatim = true;
  b.inlines = {a, raw};
  d.blocks.push_back(b);
  Field title;
  CHECK(apply_typography(d, title, default_profile(), {}).empty());
  CHECK(d.blocks[0].inlines[1].text == "<b onclick=\"x('1')\">");
}

TEST_CASE("lint: 日前 after a day number is a deadline, not a relative time word") {
  CHECK(count_rule(lint_of("请于3月20日前报送"), "time.relative") == 0);
  CHECK(count_rule(lint_of("日前，市局召开会议"), "time.relative") == 1);
}

TEST_CASE("lint: absurdly long numbers saturate instead of overflowing (found by fuzzing)") {
  // (UBSan in the native-debug build reports the overflow this used to be.)
  CHECK(count_rule(lint_of("2555555555555555555555年1月2日召开"), "date.invalid") == 0);
  CHECK(count_rule(lint_of("99999999999999999999月1日"), "date.invalid") == 0);
  CHECK(count_rule(lint_of("2023年2月30日召开"), "date.invalid") == 1);
  Document d;
  Block b;
  b.kind = BlockKind::heading;
  b.level = 2;
  b.pos = {1, 1};
  Inline in;
  in.text = "一二三四五六七八九一二三四五六七八九一二三四五六七八九、标题";
  in.pos = b.pos;
  b.inlines.push_back(in);
  d.blocks.push_back(b);
  Meta m;
  m.title = {"标题", "given", {}};
  m.date = {"2024-03-01 09:30:00", "given", {}};
  std::vector<Diagnostic> out;
  lint(d, m, default_profile(), "2024-03-01 09:30:00", out);
  CHECK(count_rule(out, "heading.sequence") >= 1);
}
