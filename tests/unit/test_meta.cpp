// The meta stage: header lines, front matter, pasted breadcrumb and info line, heuristics,
// given fields, defaults, and the date reader.
#include <doctest/doctest.h>

#include "decode.h"
#include "meta.h"

using namespace paiban;

namespace {

Profile test_profile() {
  Profile p;
  p.home_label = "首页";
  p.crumb_label = "当前位置";
  p.columns = {"工作动态", "党的建设"};
  return p;
}

struct Run {
  Source src;
  Meta meta;
  std::vector<Diagnostic> diags;
  std::vector<Error> errors;
};

Run run(const std::string& input, const Fields& given = {}, const std::string& now = "",
        const Profile& profile = test_profile()) {
  Run r;
  r.src = decode(input, r.diags);
  r.meta = extract_meta(r.src, given, profile, now, r.diags, r.errors);
  return r;
}

int count_rule(const std::vector<Diagnostic>& d, const std::string& rule) {
  int n = 0;
  for (const Diagnostic& x : d)
    if (x.rule == rule) ++n;
  return n;
}

const char* kBody = "10月12日上午，市生态环境局召开专题会议，研究部署秋冬季大气污染防治工作。";

}  // namespace

TEST_CASE("parse_datetime: accepted forms") {
  CHECK(parse_datetime("2022年10月14日") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("2022年10月14日 10:53") == "2022-10-14 10:53:00");
  CHECK(parse_datetime("2022年10月14日10时53分") == "2022-10-14 10:53:00");
  CHECK(parse_datetime("2022年10月14日10时53分08秒") == "2022-10-14 10:53:08");
  CHECK(parse_datetime("2022年3月5日") == "2022-03-05 00:00:00");
  CHECK(parse_datetime("2022-10-14") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("2022-10-14 10:53") == "2022-10-14 10:53:00");
  CHECK(parse_datetime("2022-10-14 10:53:02") == "2022-10-14 10:53:02");
  CHECK(parse_datetime("2022-10-14T10:53:02") == "2022-10-14 10:53:02");
  CHECK(parse_datetime("2022-10-14T10:53:02+08:00") == "2022-10-14 10:53:02");
  CHECK(parse_datetime("2022/10/14") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("2022.10.14") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("2022-1-4 9:05") == "2022-01-04 09:05:00");
  CHECK(parse_datetime("  2022-10-14   ") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("２０２２年１０月１４日") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("２０２２－１０－１４　１０：５３") == "2022-10-14 10:53:00");
  CHECK(parse_datetime("二〇二二年十月十四日") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("二0二二年十月十四日") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("二O二二年十一月二十日") == "2022-11-20 00:00:00");
  CHECK(parse_datetime("二〇二三年一月三十一日") == "2023-01-31 00:00:00");
  CHECK(parse_datetime("二〇二三年十二月二十九日") == "2023-12-29 00:00:00");
  CHECK(parse_datetime("二〇二四年二月二十九日") == "2024-02-29 00:00:00");
  CHECK(parse_datetime("2024-02-29") == "2024-02-29 00:00:00");
  CHECK(parse_datetime("2022年10月14日 星期五") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("2022年10月14日（星期五）") == "2022-10-14 00:00:00");
  CHECK(parse_datetime("2022-10-14 周五 10:53") == "2022-10-14 10:53:00");
}

TEST_CASE("parse_datetime: rejected forms") {
  CHECK_FALSE(parse_datetime(""));
  CHECK_FALSE(parse_datetime("2022-13-01"));
  CHECK_FALSE(parse_datetime("2022-02-30"));
  CHECK_FALSE(parse_datetime("2023-02-29"));
  CHECK_FALSE(parse_datetime("2022-10-14 25:00"));
  CHECK_FALSE(parse_datetime("2022-10-14 10:60"));
  CHECK_FALSE(parse_datetime("2022-00-10"));
  CHECK_FALSE(parse_datetime("2022-10-00"));
  CHECK_FALSE(parse_datetime("2022-10/14"));
  CHECK_FALSE(parse_datetime("2022-10-14T"));
  CHECK_FALSE(parse_datetime("2022-10-14T10:53:02+09:00"));
  CHECK_FALSE(parse_datetime("10月12日上午"));
  CHECK_FALSE(parse_datetime("2022年10月"));
  CHECK_FALSE(parse_datetime("2022年10月14日上午，召开会议"));
  CHECK_FALSE(parse_datetime("二〇二二年十三月一日"));
  CHECK_FALSE(parse_datetime("二〇二二年二月三十日"));
  CHECK_FALSE(parse_datetime("20221014"));
  CHECK_FALSE(parse_datetime("明天"));
  CHECK_FALSE(parse_datetime("3.14"));
  CHECK_FALSE(parse_datetime("2022年10月14日 星期八"));
  CHECK_FALSE(parse_datetime("2022年10月14日上午"));
}

TEST_CASE("meta: header key lines, both colon forms, blank lines between") {
  Run r =
      run("标题：市生态环境局召开秋冬季大气污染防治部署会\n"
          "栏目:工作动态\n"
          "\n"
          "发布时间：2022-10-14 10:53:02\n"
          "来源： 商洛市生态环境局办公室 \n"
          "作者：张明\n"
          "关键词：大气污染防治\n"
          "浏览量：1024\n"
          "链接：https://sthjj.example.gov.cn/a/1.html\n"
          "\n" +
          std::string(kBody));
  const Meta& m = r.meta;
  REQUIRE(m.consumed.size() == r.src.line_count());
  CHECK(m.title.value == "市生态环境局召开秋冬季大气污染防治部署会");
  CHECK(m.title.from == "detected");
  CHECK(m.title.pos.line == 1);
  CHECK(m.title.pos.col == 4);  // the value after 标题：
  CHECK(m.column.value == "工作动态");
  CHECK(m.column.pos.line == 2);
  CHECK(m.date.value == "2022-10-14 10:53:02");
  CHECK(m.source.value == "商洛市生态环境局办公室");
  CHECK(m.author.value == "张明");
  CHECK(m.keywords.value == "大气污染防治");
  CHECK(m.views.value == "1024");
  CHECK(m.url.value == "https://sthjj.example.gov.cn/a/1.html");
  for (int i = 0; i < 9; ++i) CHECK(m.consumed[static_cast<std::size_t>(i)] == (i != 2));  // blank lines stay
  CHECK_FALSE(m.consumed[10]);
  CHECK(r.errors.empty());
}

TEST_CASE("meta: key aliases") {
  Run r = run("日期：2022年10月14日\n信息来源：商洛日报\n撰稿：李华\n关键字：秦岭\n点击量：7\n网址：/a/b.html\n\n" +
              std::string(kBody));
  CHECK(r.meta.date.value == "2022-10-14 00:00:00");
  CHECK(r.meta.source.value == "商洛日报");
  CHECK(r.meta.author.value == "李华");
  CHECK(r.meta.keywords.value == "秦岭");
  CHECK(r.meta.views.value == "7");
  CHECK(r.meta.url.value == "/a/b.html");
  Run r2 = run("时间：2022/10/14\n供稿：王芳\n浏览次数：12\n发布日期：2022.10.15\n\n" + std::string(kBody));
  CHECK(r2.meta.date.value == "2022-10-14 00:00:00");  // the first one found wins
  CHECK(r2.meta.author.value == "王芳");
  CHECK(r2.meta.views.value == "12");
  CHECK(r2.meta.consumed[3]);
}

TEST_CASE("meta: a header date that cannot be read is not a header line, the body starts there") {
  Run r = run("时间：10月12日上午\n地点：市政府三楼会议室\n");
  CHECK_FALSE(r.meta.date.set());
  CHECK_FALSE(r.meta.consumed[0]);
  CHECK_FALSE(r.meta.consumed[1]);
}

TEST_CASE("meta: front matter with English and Chinese keys") {
  Run r =
      run("---\n"
          "title: 全市生态环境系统作风建设推进会召开\n"
          "Column: \"党的建设\"\n"
          "date: 2022-10-14 10:53\n"
          "views: 23\n"
          "作者：赵强\n"
          "layout: post\n"
          "---\n" +
          std::string(kBody));
  const Meta& m = r.meta;
  CHECK(m.title.value == "全市生态环境系统作风建设推进会召开");
  CHECK(m.title.pos.line == 2);
  CHECK(m.column.value == "党的建设");
  CHECK(m.date.value == "2022-10-14 10:53:00");
  CHECK(m.views.value == "23");
  CHECK(m.author.value == "赵强");
  for (int i = 0; i < 8; ++i) CHECK(m.consumed[static_cast<std::size_t>(i)]);
  CHECK_FALSE(m.consumed[8]);
  REQUIRE(count_rule(r.diags, "meta.unknown-key") == 1);
  for (const Diagnostic& d : r.diags)
    if (d.rule == "meta.unknown-key") {
      CHECK(d.severity == Severity::warning);
      CHECK(d.line == 7);
    }
  CHECK(r.errors.empty());
}

TEST_CASE("meta: an unclosed front matter is not front matter") {
  Run r = run("---\ntitle: 标题\n" + std::string(kBody));
  CHECK_FALSE(r.meta.consumed[0]);
  CHECK_FALSE(r.meta.title.set());
}

TEST_CASE("meta: pasted breadcrumb gives the column") {
  CHECK(run("首页 > 党的建设\n" + std::string(kBody)).meta.column.value == "党的建设");
  CHECK(run("首页>新闻中心>工作动态\n" + std::string(kBody)).meta.column.value == "工作动态");
  CHECK(run("首页 ＞ 新闻中心 ＞ 通知公告\n" + std::string(kBody)).meta.column.value == "通知公告");
  CHECK(run("首页 › 政务公开\n" + std::string(kBody)).meta.column.value == "政务公开");
  CHECK(run("首页 » 环境质量\n" + std::string(kBody)).meta.column.value == "环境质量");
  CHECK(run("当前位置：首页 > 党的建设\n" + std::string(kBody)).meta.column.value == "党的建设");
  Run r = run("首页 > 党的建设\n" + std::string(kBody));
  CHECK(r.meta.column.from == "detected");
  CHECK(r.meta.consumed[0]);
  Profile p = test_profile();
  p.home_label = "网站首页";
  CHECK(run("网站首页 > 机构设置\n" + std::string(kBody), {}, "", p).meta.column.value == "机构设置");
  // Not breadcrumbs: no home item; a lone home.
  Run n1 = run("地区 > 商洛\n" + std::string(kBody));
  CHECK(n1.meta.column.from == "default");
  CHECK(n1.meta.title.value == "地区 > 商洛");
}

TEST_CASE("meta: the pasted info line of the site page") {
  Run r = run("发布日期:2022-10-14 10:53:02                   浏览量:23198\n\n" + std::string(kBody));
  CHECK(r.meta.date.value == "2022-10-14 10:53:02");
  CHECK(r.meta.views.value == "23198");
  CHECK(r.meta.consumed[0]);
  Run r2 = run("发布日期：2022-10-14　　浏览量：88　来源：商洛日报\n" + std::string(kBody));
  CHECK(r2.meta.date.value == "2022-10-14 00:00:00");
  CHECK(r2.meta.views.value == "88");
  CHECK(r2.meta.source.value == "商洛日报");
  Run r3 = run("来源：市环境监测站 | 发布时间：2022年10月14日\n" + std::string(kBody));
  CHECK(r3.meta.source.value == "市环境监测站");
  CHECK(r3.meta.date.value == "2022-10-14 00:00:00");
  Run r5 = run("发布时间：2022年10月14日 星期五　　点击数：1,024\n" + std::string(kBody));
  CHECK(r5.meta.date.value == "2022-10-14 00:00:00");
  CHECK(r5.meta.views.value == "1024");
  Run r4 = run("发布日期:2022-10-14 10:53:02\n" + std::string(kBody));
  CHECK(r4.meta.date.value == "2022-10-14 10:53:02");
  CHECK_FALSE(r4.meta.views.set());
}

TEST_CASE("meta: the site page pasted whole (breadcrumb, title, info line)") {
  Run r =
      run("首页 > 党的建设\n\n"
          "市环境局召开作风建设专项行动推进会\n\n"
          "发布日期:2022-10-14 10:53:02                   浏览量:23198\n\n" +
          std::string(kBody) + "\n");
  CHECK(r.meta.column.value == "党的建设");
  CHECK(r.meta.title.value == "市环境局召开作风建设专项行动推进会");
  CHECK(r.meta.title.pos.line == 3);
  CHECK(r.meta.date.value == "2022-10-14 10:53:02");
  CHECK(r.meta.views.value == "23198");
  CHECK(r.meta.consumed[0]);
  CHECK(r.meta.consumed[2]);
  CHECK(r.meta.consumed[4]);
  CHECK_FALSE(r.meta.consumed[6]);
  CHECK(count_rule(r.diags, "meta.title-detected") == 1);
}

TEST_CASE("meta: title heuristic, positive") {
  Run r = run("市生态环境局开展秦岭生态环境保护专项检查\n" + std::string(kBody));
  CHECK(r.meta.title.value == "市生态环境局开展秦岭生态环境保护专项检查");
  CHECK(r.meta.title.from == "detected");
  CHECK(r.meta.consumed[0]);
  CHECK_FALSE(r.meta.consumed[1]);
  Run md = run("# 丹江水质持续稳定达标\n\n" + std::string(kBody));
  CHECK(md.meta.title.value == "丹江水质持续稳定达标");
  Run lead = run("\n\n　　市环境局召开会议\n" + std::string(kBody));
  CHECK(lead.meta.title.value == "市环境局召开会议");
  CHECK(lead.meta.title.pos.line == 3);
  Run comma = run("坚持问题导向，推动作风建设走深走实\n" + std::string(kBody));
  CHECK(comma.meta.title.value == "坚持问题导向，推动作风建设走深走实");
}

TEST_CASE("meta: title heuristic, negatives") {
  CHECK_FALSE(run(std::string(kBody) + "\n第二段。").meta.title.set());  // punctuated
  CHECK_FALSE(run("一、总体要求\n正文。").meta.title.set());
  CHECK_FALSE(run("（一）加强组织领导\n正文。").meta.title.set());
  CHECK_FALSE(run("1.加强组织领导\n正文。").meta.title.set());
  CHECK_FALSE(run("• 检查企业十二家\n正文。").meta.title.set());
  CHECK_FALSE(run("- 检查企业十二家\n正文。").meta.title.set());
  CHECK_FALSE(run("会议要求如下：\n正文。").meta.title.set());
  CHECK_FALSE(run("大家都在问为什么？\n正文。").meta.title.set());
  CHECK_FALSE(run("## 二级标题\n正文。").meta.title.set());
  // 41 code points is too long.
  std::string longline;
  for (int i = 0; i < 41; ++i) longline += "环";
  CHECK_FALSE(run(longline + "\n正文。").meta.title.set());
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "环";
  CHECK(run(forty + "\n正文。").meta.title.value == forty);
  // Only the first line can be the title.
  Run r = run(std::string(kBody) + "\n短句没有标点\n");
  CHECK_FALSE(r.meta.title.set());
  CHECK_FALSE(r.meta.consumed[1]);
}

TEST_CASE("meta: a date-only line in the header area is the publish date") {
  Run r = run("市环境局召开会议\n2022年10月14日\n\n" + std::string(kBody));
  CHECK(r.meta.title.value == "市环境局召开会议");
  CHECK(r.meta.date.value == "2022-10-14 00:00:00");
  CHECK(r.meta.date.from == "detected");
  CHECK(r.meta.date.pos.line == 2);
  CHECK(r.meta.consumed[1]);
  CHECK(count_rule(r.diags, "meta.date-detected") == 1);
  Run before = run("二〇二二年十月十四日\n市环境局召开会议\n" + std::string(kBody));
  CHECK(before.meta.date.value == "2022-10-14 00:00:00");
  CHECK(before.meta.title.value == "市环境局召开会议");
}

TEST_CASE("meta: dates in sentences and sign-off dates stay in the body") {
  Run r = run(std::string(kBody) + "\n");
  CHECK_FALSE(r.meta.date.set());
  CHECK_FALSE(r.meta.consumed[0]);
  Run notice =
      run("关于开展环境安全隐患排查的通知\n"
          "各县区分局：\n"
          "为切实做好环境安全工作，现就有关事项通知如下。\n"
          "商洛市生态环境局办公室\n"
          "2022年10月14日\n");
  CHECK(notice.meta.title.value == "关于开展环境安全隐患排查的通知");
  CHECK_FALSE(notice.meta.date.set());
  CHECK_FALSE(notice.meta.consumed[3]);
  CHECK_FALSE(notice.meta.consumed[4]);
  Run sig_only_body = run("正文一段。\n\n2022年10月14日\n");
  CHECK_FALSE(sig_only_body.meta.consumed[2]);
}

TEST_CASE("meta: given fields win") {
  Fields f;
  f.title = "表单中的标题";
  f.column = "通知公告";
  f.date = "2022年10月15日 9:30";
  f.views = "0";
  Run r = run("标题：文中的标题\n栏目：工作动态\n发布时间：2022-10-14\n浏览量：5\n\n" + std::string(kBody), f);
  CHECK(r.meta.title.value == "表单中的标题");
  CHECK(r.meta.title.from == "given");
  CHECK(r.meta.title.pos.line == 0);
  CHECK(r.meta.column.value == "通知公告");
  CHECK(r.meta.date.value == "2022-10-15 09:30:00");
  CHECK(r.meta.date.from == "given");
  CHECK(r.meta.views.value == "0");
  // The header lines are still consumed.
  CHECK(r.meta.consumed[0]);
  CHECK(r.meta.consumed[3]);
  CHECK(r.errors.empty());
}

TEST_CASE("meta: a given title equal to the first line consumes it, a different one does not") {
  Fields f;
  f.title = "市环境局召开会议";
  Run same = run("市环境局召开会议\n" + std::string(kBody), f);
  CHECK(same.meta.consumed[0]);
  Run other = run("另一个短标题\n" + std::string(kBody), f);
  CHECK_FALSE(other.meta.consumed[0]);
  CHECK(other.meta.title.value == "市环境局召开会议");
}

TEST_CASE("meta: defaults for column and date") {
  Run r = run(std::string(kBody), {}, "2023-05-06 07:08:09");
  CHECK(r.meta.column.value == "工作动态");
  CHECK(r.meta.column.from == "default");
  CHECK(r.meta.date.value == "2023-05-06 07:08:09");
  CHECK(r.meta.date.from == "default");
  Run none = run(std::string(kBody));
  CHECK_FALSE(none.meta.date.set());
  Run bad = run(std::string(kBody), {}, "not a date");
  CHECK_FALSE(bad.meta.date.set());
  Profile p = test_profile();
  p.columns.clear();
  CHECK_FALSE(run(std::string(kBody), {}, "", p).meta.column.set());
  // Empty given values count as not given.
  Fields f;
  f.date = "";
  f.views = " ";
  Run e = run(std::string(kBody), f, "2023-05-06 07:08:09");
  CHECK(e.errors.empty());
  CHECK(e.meta.date.from == "default");
  CHECK_FALSE(e.meta.views.set());
}

TEST_CASE("meta: bad given values are errors") {
  Fields f;
  f.date = "2022-02-30";
  f.views = "很多";
  Run r = run(std::string(kBody), f);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].code == "field.date");
  CHECK(r.errors[0].field == "date");
  CHECK(r.errors[0].message_zh.find("2022-02-30") != std::string::npos);
  CHECK(r.errors[0].message_en.find("2022-02-30") != std::string::npos);
  CHECK(r.errors[0].message_en.find("2022年10月14日") != std::string::npos);
  CHECK(r.errors[1].code == "field.views");
  CHECK(r.errors[1].field == "views");
  Fields neg;
  neg.views = "-3";
  CHECK(run(std::string(kBody), neg).errors.size() == 1);
  Fields ok;
  ok.views = "１２３";
  CHECK(run(std::string(kBody), ok).meta.views.value == "123");
  ok.views = "23,198";
  CHECK(run(std::string(kBody), ok).meta.views.value == "23198");
  ok.views = "1,234,567次";
  CHECK(run(std::string(kBody), ok).meta.views.value == "1234567");
  for (const char* bad : {"1,23", "12,", ",123", "1234,567", "1.5", "3e4"}) {
    Fields f2;
    f2.views = bad;
    INFO(bad);
    CHECK(run(std::string(kBody), f2).errors.size() == 1);
  }
}

TEST_CASE("meta: consumed always has one entry per line") {
  CHECK(run("").meta.consumed.size() == run("").src.line_count());
  Run r = run("a\n\nb\n\n\nc");
  CHECK(r.meta.consumed.size() == r.src.line_count());
}
