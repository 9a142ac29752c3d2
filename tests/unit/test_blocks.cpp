// The blocks stage: paragraph modes, GB/T 9704 headings, lists, quotes, signature, inlines
// read with cmark, and exact source positions.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>

#include "blocks.h"
#include "decode.h"
#include "meta.h"
#include "text.h"

using namespace paiban;

namespace {

struct Parsed {
  Source src;
  Meta meta;
  Document doc;
  std::vector<Diagnostic> diags;
};

// Blocks of `input` with nothing consumed by the meta stage.
Parsed blocks_of(const std::string& input) {
  Parsed p;
  p.src = decode(input, p.diags);
  p.meta.consumed.assign(p.src.line_count(), false);
  p.doc = parse_blocks(p.src, p.meta, p.diags);
  return p;
}

// Blocks of `input` after the meta stage.
Parsed with_meta(const std::string& input) {
  Parsed p;
  p.src = decode(input, p.diags);
  Profile profile;
  profile.home_label = "首页";
  std::vector<Error> errors;
  p.meta = extract_meta(p.src, {}, profile, "", p.diags, errors);
  p.doc = parse_blocks(p.src, p.meta, p.diags);
  return p;
}

std::string inl(const std::vector<Inline>& v) {
  std::string s;
  for (const Inline& x : v) {
    switch (x.kind) {
      case InlineKind::text:
        s += x.text;
        break;
      case InlineKind::code:
        s += "`" + x.text + "`";
        break;
      case InlineKind::emph:
        s += "*" + inl(x.children) + "*";
        break;
      case InlineKind::strong:
        s += "**" + inl(x.children) + "**";
        break;
      case InlineKind::link:
        s += "[" + inl(x.children) + "](" + x.href() + ")";
        break;
    }
  }
  return s;
}

std::string dump(const Block& b) {
  switch (b.kind) {
    case BlockKind::paragraph:
      return "p[" + inl(b.inlines) + "]";
    case BlockKind::heading:
      return "h" + std::to_string(b.level) + "[" + inl(b.inlines) + "]";
    case BlockKind::list_item:
      return "li[" + inl(b.inlines) + "]";
    case BlockKind::list:
    case BlockKind::quote:
    case BlockKind::signature: {
      std::string s = b.kind == BlockKind::list ? "ul{" : b.kind == BlockKind::quote ? "q{" : "sig{";
      for (const Block& c : b.children) s += dump(c);
      return s + "}";
    }
  }
  return "?";
}

std::string dump(const Document& d) {
  std::string s;
  for (const Block& b : d.blocks) {
    if (!s.empty()) s += "|";
    s += dump(b);
  }
  return s;
}

std::string shape(const std::string& input) {
  return dump(blocks_of(input).doc);
}

// All text runs of a document in order, with positions.
void runs(const std::vector<Inline>& v, std::vector<const Inline*>& out) {
  for (const Inline& x : v) {
    if (x.kind == InlineKind::text || x.kind == InlineKind::code) out.push_back(&x);
    runs(x.children, out);
  }
}
std::vector<const Inline*> runs(const Block& b) {
  std::vector<const Inline*> out;
  runs(b.inlines, out);
  return out;
}

int count_rule(const std::vector<Diagnostic>& d, const std::string& rule) {
  int n = 0;
  for (const Diagnostic& x : d)
    if (x.rule == rule) ++n;
  return n;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Paragraph modes

TEST_CASE("blocks: blank lines separate paragraphs, wrapped lines are joined without spaces") {
  CHECK(shape("市生态环境局组织召开\n专题研讨会议。\n\n会议要求各科室\n认真落实。\n") ==
        "p[市生态环境局组织召开专题研讨会议。]|p[会议要求各科室认真落实。]");
  // Between Chinese and digits or Latin: no space.
  CHECK(shape("全市共有\n212个重点项目。\n\n第二段。") == "p[全市共有212个重点项目。]|p[第二段。]");
  CHECK(shape("细颗粒物PM2.5\n浓度同比下降。\n\n第二段。") == "p[细颗粒物PM2.5浓度同比下降。]|p[第二段。]");
  CHECK(shape("监测点位\nPM10浓度。\n\n第二段。") == "p[监测点位PM10浓度。]|p[第二段。]");
}

TEST_CASE("blocks: joining Latin across a line end") {
  CHECK(shape("细颗粒物PM2.\n5浓度下降。\n\n二。") == "p[细颗粒物PM2.5浓度下降。]|p[二。]");
  CHECK(shape("COVID-\n19疫情防控。\n\n二。") == "p[COVID-19疫情防控。]|p[二。]");
  CHECK(shape("the Qinling\nMountains\n\n二。") == "p[the Qinling Mountains]|p[二。]");
  CHECK(shape("in the city,\nand the county\n\n二。") == "p[in the city, and the county]|p[二。]");
  CHECK(shape("达标,\nSO2浓度下降\n\n二。") == "p[达标,SO2浓度下降]|p[二。]");
}

TEST_CASE("blocks: indentation marks paragraphs when there are no blank lines") {
  // U+3000 indents, unindented lines continue (a PDF copy).
  CHECK(shape("　　会前，按照局党组统一部署，\n各科室对照方案查摆问题。\n　　会上，大家逐一发言。\n") ==
        "p[会前，按照局党组统一部署，各科室对照方案查摆问题。]|p[会上，大家逐一发言。]");
  // Two spaces and tabs.
  CHECK(shape("  第一段开头\n续行。\n\t第二段开头\n续行。\n") == "p[第一段开头续行。]|p[第二段开头续行。]");
  // Every line indented: one paragraph each.
  CHECK(shape("　　第一段。\n　　第二段。\n　　第三段。") == "p[第一段。]|p[第二段。]|p[第三段。]");
  // A single leading space is not an indent.
  CHECK(shape("第一行。\n 第二行。") == "p[第一行。]|p[第二行。]");
}

TEST_CASE("blocks: indentation inside a blank-separated chunk still splits paragraphs") {
  CHECK(shape("　　第一段第一行\n接续。\n　　第二段。\n\n　　第三段。") ==
        "p[第一段第一行接续。]|p[第二段。]|p[第三段。]");
}

TEST_CASE("blocks: neither blank lines nor indents: one paragraph per line") {
  CHECK(shape("10月12日上午，市环境局召开会议。\n会议传达了上级精神。\n与会人员进行了交流") ==
        "p[10月12日上午，市环境局召开会议。]|p[会议传达了上级精神。]|p[与会人员进行了交流]");
}

TEST_CASE("blocks: a four-space or tab indent is never a code block") {
  CHECK(shape("    会议强调，要压实责任。\n\n\t会议要求，要加强督导。") ==
        "p[会议强调，要压实责任。]|p[会议要求，要加强督导。]");
}

TEST_CASE("blocks: trailing spaces and indents are removed") {
  CHECK(shape("　　 第一段。  \n\n第二段。\t") == "p[第一段。]|p[第二段。]");
}

// ---------------------------------------------------------------------------------------------
// GB/T 9704 headings

TEST_CASE("blocks: GB/T 9704 headings keep their numbers") {
  CHECK(shape("一、总体要求\n\n正文。") == "h2[一、总体要求]|p[正文。]");
  CHECK(shape("十九、其他事项\n\n正文。") == "h2[十九、其他事项]|p[正文。]");
  CHECK(shape("一、总体\n\n（一）加强组织领导\n\n正文。") == "h2[一、总体]|h3[（一）加强组织领导]|p[正文。]");
  CHECK(shape("一、总体\n\n(二)强化督导检查\n\n正文。") == "h2[一、总体]|h3[(二)强化督导检查]|p[正文。]");
  CHECK(shape("一、总体\n\n（一）分项\n\n1.明确责任分工\n\n正文。") ==
        "h2[一、总体]|h3[（一）分项]|h4[1.明确责任分工]|p[正文。]");
  CHECK(shape("一、总体\n\n（一）分项\n\n2．细化工作措施\n\n正文。") ==
        "h2[一、总体]|h3[（一）分项]|h4[2．细化工作措施]|p[正文。]");
  CHECK(shape("一、总体\n\n（一）分项\n\n3、建立任务清单\n\n正文。") ==
        "h2[一、总体]|h3[（一）分项]|h4[3、建立任务清单]|p[正文。]");
  CHECK(shape("一、总体\n\n（一）分项\n\n1.细项\n\n（1）定期调度\n\n正文。") ==
        "h2[一、总体]|h3[（一）分项]|h4[1.细项]|h5[（1）定期调度]|p[正文。]");
  CHECK(shape("一、总体\n\n（一）分项\n\n1.细项\n\n(2)逐项销号\n\n正文。") ==
        "h2[一、总体]|h3[（一）分项]|h4[1.细项]|h5[(2)逐项销号]|p[正文。]");
  // A heading may not skip a level in HTML: alone, （一） is the top level under the title.
  CHECK(shape("（一）加强组织领导\n\n正文。") == "h2[（一）加强组织领导]|p[正文。]");
  CHECK(shape("一、总体\n\n（1）定期调度\n\n正文。") == "h2[一、总体]|h3[（1）定期调度]|p[正文。]");
}

TEST_CASE("blocks: heading traps stay paragraphs") {
  // Run-in heads.
  CHECK(shape("（一）加强领导。要求各科室落实责任。") == "p[（一）加强领导。要求各科室落实责任。]");
  CHECK(shape("一、总体要求：坚持问题导向") == "p[一、总体要求：坚持问题导向]");
  CHECK(shape("一、会议要求：") == "p[一、会议要求：]");
  // Not numbers.
  CHECK(shape("一是提高认识") == "p[一是提高认识]");
  CHECK(shape("一要坚决完成任务") == "p[一要坚决完成任务]");
  CHECK(shape("第一，加强学习") == "p[第一，加强学习]");
  CHECK(shape("3.14亿元用于治理") == "p[3.14亿元用于治理]");
  CHECK(shape("2022年全市空气质量优良") == "p[2022年全市空气质量优良]");
  CHECK(shape("5、6月份降水偏少") == "p[5、6月份降水偏少]");
  // Too long (41 code points).
  std::string longh = "一、";
  for (int i = 0; i < 39; ++i) longh += "环";
  CHECK(shape(longh) == "p[" + longh + "]");
}

TEST_CASE("blocks: a heading stands alone even in blank-line mode") {
  CHECK(
      shape("一、总体要求\n坚持问题导向，\n着力解决突出问题。\n\n二、工作措施\n（一）加强领导\n各科室要压实责任。") ==
      "h2[一、总体要求]|p[坚持问题导向，着力解决突出问题。]|h2[二、工作措施]|h3[（一）加强领导]|p[各科室要压实责任。]");
  // The line before a heading is not joined with it either.
  CHECK(shape("前言第一行\n前言第二行。\n一、总体要求\n\n正文。") ==
        "p[前言第一行前言第二行。]|h2[一、总体要求]|p[正文。]");
}

TEST_CASE("blocks: markdown ATX headings") {
  CHECK(shape("# 一级\n\n## 二级\n\n### 三级\n\n##### 五级\n\n###### 六级") ==
        "h2[一级]|h3[二级]|h4[三级]|h5[五级]|h6[六级]");
  CHECK(shape("# 总体\n\n## 工作成效 ##") == "h2[总体]|h3[工作成效]");
  CHECK(shape("#话题#") == "p[#话题#]");
  CHECK(shape("####### 七个") == "p[####### 七个]");
  CHECK(shape("正文里的 # 号不是标题。") == "p[正文里的 # 号不是标题。]");
}

// ---------------------------------------------------------------------------------------------
// Lists and quotes

TEST_CASE("blocks: Word bullets become one list, the glyph dropped") {
  CHECK(shape("• 检查企业12家\n• 发现问题5个\n• 整改到位3个") == "ul{li[检查企业12家]li[发现问题5个]li[整改到位3个]}");
  CHECK(shape("●一号\n◆二号\n■三号\n▪四号\n·五号") == "ul{li[一号]li[二号]li[三号]li[四号]li[五号]}");
  CHECK(shape("\xEF\x82\xB7\t排查隐患\n\xEF\x82\xB7\t建立台账") == "ul{li[排查隐患]li[建立台账]}");
  CHECK(shape("• 第一项\n\n• 第二项") == "ul{li[第一项]li[第二项]}");
  CHECK(shape("前言。\n• 一项\n结语。") == "p[前言。]|ul{li[一项]}|p[结语。]");
}

TEST_CASE("blocks: markdown list items, ordered lists are not lists") {
  CHECK(shape("- 甲\n* 乙\n+ 丙") == "ul{li[甲]li[乙]li[丙]}");
  CHECK(shape("1. 加强领导") == "h2[1. 加强领导]");  // alone: the top level
  CHECK(shape("1.加强领导") == "h2[1.加强领导]");
  CHECK(shape("1.加强领导。各科室要压实责任。\n2.强化督导。") == "p[1.加强领导。各科室要压实责任。]|p[2.强化督导。]");
  CHECK(shape("-甲") == "p[-甲]");
}

TEST_CASE("blocks: a list item continues over wrapped lines in blank-line mode") {
  CHECK(shape("• 检查重点企业\n十二家。\n\n正文。") == "ul{li[检查重点企业十二家。]}|p[正文。]");
}

TEST_CASE("blocks: thematic breaks and setext underlines stay text") {
  CHECK(shape("***") == "p[***]");
  CHECK(shape("* * *") == "p[* * *]");
  CHECK(shape("第一段\n---\n\n二。") == "p[第一段---]|p[二。]");
  CHECK(shape("第一段\n===\n\n二。") == "p[第一段===]|p[二。]");
  CHECK(shape("---") == "p[---]");
}

TEST_CASE("blocks: quotes") {
  CHECK(shape("> 绿水青山就是金山银山。") == "q{p[绿水青山就是金山银山。]}");
  CHECK(shape("引言。\n\n> 第一行\n> 第二行。\n>\n> 另一段。\n\n正文。") ==
        "p[引言。]|q{p[第一行第二行。]p[另一段。]}|p[正文。]");
  CHECK(shape(">=90%的达标率") == "p[>=90%的达标率]");
  CHECK(shape("空气质量 > 良好") == "p[空气质量 > 良好]");
}

TEST_CASE("blocks: block syntax inside a line or a joined paragraph changes nothing") {
  CHECK(shape("会议指出 - x 不是列表。") == "p[会议指出 - x 不是列表。]");
  // A numbered line starts its own paragraph (a run-in head), and keeps its number as text.
  CHECK(shape("第一行\n1.加强领导，各科室要压实责任，\n第三行\n\n二。") ==
        "p[第一行]|p[1.加强领导，各科室要压实责任，第三行]|p[二。]");
  CHECK(shape("<div>原文</div>") == "p[<div>原文</div>]");
  CHECK(shape("    代码？不，是缩进。") == "p[代码？不，是缩进。]");
  CHECK(shape("[foo]: /url\n\n[foo]") == "p[[foo]: /url]|p[[foo]]");
}

// ---------------------------------------------------------------------------------------------
// Signature

TEST_CASE("blocks: the signature at the end keeps its lines apart") {
  Parsed p =
      blocks_of("各县区分局：\n\n现将有关事项通知如下，请认真贯彻落实。\n\n商洛市生态环境局办公室\n2022年10月14日\n");
  CHECK(dump(p.doc) ==
        "p[各县区分局：]|p[现将有关事项通知如下，请认真贯彻落实。]|sig{p[商洛市生态环境局办公室]p[2022年10月14日]}");
  REQUIRE(p.doc.blocks.size() == 3);
  CHECK(p.doc.blocks[2].pos.line == 5);
  // Indented (right-aligned) sign-off in a blank-line text: the body paragraph is not joined to it.
  // (without the signature the body has no blank line: one paragraph per line)
  CHECK(shape("请认真落实。\n特此通知\n\n　　　　商洛市生态环境局\n　　　　二〇二二年十月十四日") ==
        "p[请认真落实。]|p[特此通知]|sig{p[商洛市生态环境局]p[二〇二二年十月十四日]}");
  // One paragraph per line text.
  CHECK(shape("请认真落实。\n特此通知\n商洛市生态环境局\n2022年10月14日") ==
        "p[请认真落实。]|p[特此通知]|sig{p[商洛市生态环境局]p[2022年10月14日]}");
}

TEST_CASE("blocks: joint sign-off") {
  CHECK(shape("特此通知。\n\n中共商洛市委组织部\n商洛市生态环境局\n2022年10月14日") ==
        "p[特此通知。]|sig{p[中共商洛市委组织部]p[商洛市生态环境局]p[2022年10月14日]}");
}

TEST_CASE("blocks: signature traps") {
  // Not at the end.
  CHECK(shape("商洛市生态环境局\n2022年10月14日\n会议结束。") == "p[商洛市生态环境局]|p[2022年10月14日]|p[会议结束。]");
  // The line before the date has punctuation.
  CHECK(shape("会议于当天结束。\n2022年10月14日") == "p[会议于当天结束。]|p[2022年10月14日]");
  // No date at the end.
  CHECK(shape("正文。\n商洛市生态环境局") == "p[正文。]|p[商洛市生态环境局]");
}

// ---------------------------------------------------------------------------------------------
// Inlines

TEST_CASE("inlines: emphasis, strong, code, links, autolinks") {
  CHECK(shape("要*高度重视*，**压实责任**。") == "p[要*高度重视*，**压实责任**。]");
  CHECK(shape("_强调_，开头") == "p[*强调*，开头]");
  CHECK(shape("_强调_开头") == "p[_强调_开头]");  // intraword underscores are not emphasis
  CHECK(shape("*强调*开头") == "p[*强调*开头]");
  CHECK(shape("运行`monitor --all`命令") == "p[运行`monitor --all`命令]");
  CHECK(shape("详见[局网站](https://sthjj.example.gov.cn/)通知") ==
        "p[详见[局网站](https://sthjj.example.gov.cn/)通知]");
  CHECK(shape("来信请寄<office@example.gov.cn>") == "p[来信请寄[office@example.gov.cn](mailto:office@example.gov.cn)]");
  CHECK(shape("访问<https://example.gov.cn>") == "p[访问[https://example.gov.cn](https://example.gov.cn)]");
  CHECK(shape("见[附件](/files/a.pdf)") == "p[见[附件](/files/a.pdf)]");
  CHECK(shape("a&amp;b \\*不是强调\\*") == "p[a&b *不是强调*]");
}

TEST_CASE("inlines: unsafe link targets become the label's text") {
  for (const char* src :
       {"点[这里](javascript:alert(1))看", "点[这里](JaVaScRiPt:alert(1))看", "点[这里](java%09script:x)看",
        "点[这里](&#106;avascript:alert(1))看", "点[这里](javascript&#58;alert(1))看", "点[这里](data:text/html,x)看",
        "点[这里](vbscript:msgbox)看", "点[这里](file:///etc/passwd)看", "点[这里](<java\tscript:alert(1)>)看",
        "点[这里]( javascript:alert(1))看"}) {
    Parsed p = blocks_of(src);
    std::string got = dump(p.doc);
    INFO(src);
    CHECK(got == "p[点这里看]");
    CHECK(count_rule(p.diags, "blocks.unsafe-link") == 1);
  }
  CHECK(shape("<javascript:alert(1)>") == "p[javascript:alert(1)]");
  CHECK(shape("[**粗体**标签](javascript:x)") == "p[粗体标签]");
}

namespace {
// How deep emphases and links nest in v (0: none).
int depth(const std::vector<Inline>& v) {
  int d = 0;
  for (const Inline& x : v)
    if (x.kind == InlineKind::emph || x.kind == InlineKind::strong || x.kind == InlineKind::link)
      d = std::max(d, 1 + depth(x.children));
  return d;
}
std::string stars(int n) {
  return std::string(static_cast<std::size_t>(n), '*');
}
}  // namespace

TEST_CASE("inlines: emphases and links nest 64 deep at most, the deeper ones kept as their text") {
  // 2n stars around the text are n strong emphases, each in the one before.
  {  // 63 of them and the link: 64 levels, all kept
    Parsed p = blocks_of(stars(126) + "前[链接](http://a.cn)心，`代码`" + stars(126));
    REQUIRE(p.doc.blocks.size() == 1);
    CHECK(depth(p.doc.blocks[0].inlines) == 64);
    CHECK(count_rule(p.diags, "blocks.deep-nesting") == 0);
    CHECK(inl(p.doc.blocks[0].inlines).find("[链接](http://a.cn)") != std::string::npos);
  }
  for (const int n : {128, 200, 5000}) {  // the link, and strong emphases past 64, shown as their text
    INFO(n);
    Parsed p = blocks_of(stars(n) + "前[链接](http://a.cn)心，`代码`" + stars(n) + "\n\n次段" + stars(n + 2) + "字" +
                         stars(n + 2));
    REQUIRE(p.doc.blocks.size() == 2);
    CHECK(depth(p.doc.blocks[0].inlines) == 64);
    CHECK(depth(p.doc.blocks[1].inlines) == 64);
    CHECK(inl(p.doc.blocks[0].inlines) == stars(128) + "前链接心，`代码`" + stars(128));
    CHECK(inl(p.doc.blocks[1].inlines) == "次段" + stars(128) + "字" + stars(128));
    REQUIRE(count_rule(p.diags, "blocks.deep-nesting") == 2);  // one per block
    CHECK(p.diags[0].line == 1);
    CHECK(p.diags[1].line == 3);
    // the text keeps its places in the notes
    const std::vector<const Inline*> r = runs(p.doc.blocks[0]);
    REQUIRE(r.size() >= 2);
    CHECK(r.front()->pos.col == n + 1);
  }
}

TEST_CASE("inlines: raw HTML and images are shown as written") {
  CHECK(shape("会议<b>重要</b>讲话<script>alert(1)</script>") == "p[会议<b>重要</b>讲话<script>alert(1)</script>]");
  CHECK(shape("现场照片![合影](photo.jpg)如下") == "p[现场照片![合影](photo.jpg)如下]");
  CHECK(shape("<!-- 注释 -->正文") == "p[<!-- 注释 -->正文]");
}

// ---------------------------------------------------------------------------------------------
// Positions

TEST_CASE("positions: columns are code points, indents accounted for") {
  Parsed p = blocks_of("　　市环境局召开*专题*会议。\n");
  REQUIRE(p.doc.blocks.size() == 1);
  const Block& b = p.doc.blocks[0];
  CHECK(b.pos.line == 1);
  CHECK(b.pos.col == 3);
  auto r = runs(b);
  REQUIRE(r.size() == 3);
  CHECK(r[0]->text == "市环境局召开");
  CHECK(r[0]->pos.line == 1);
  CHECK(r[0]->pos.col == 3);
  CHECK(r[1]->text == "专题");
  CHECK(r[1]->pos.col == 10);
  CHECK(r[2]->text == "会议。");
  CHECK(r[2]->pos.col == 13);
  // The emphasis itself points at its opening delimiter.
  CHECK(b.inlines[1].kind == InlineKind::emph);
  CHECK(b.inlines[1].pos.col == 9);
}

TEST_CASE("positions: a run never crosses a line") {
  Parsed p = blocks_of("第一行文字\n　　第二行*强调\n跨行*结束\n\n下一段");
  REQUIRE(p.doc.blocks.size() == 3);
  // Line 2 is indented inside a chunk: indentation mode; line 1 alone, lines 2–3 joined.
  const Block& b = p.doc.blocks[1];
  auto r = runs(b);
  REQUIRE(r.size() == 4);
  CHECK(r[0]->text == "第二行");
  CHECK(r[0]->pos.line == 2);
  CHECK(r[0]->pos.col == 3);
  CHECK(r[1]->text == "强调");
  CHECK(r[1]->pos.line == 2);
  CHECK(r[1]->pos.col == 7);
  CHECK(r[2]->text == "跨行");
  CHECK(r[2]->pos.line == 3);
  CHECK(r[2]->pos.col == 1);
  CHECK(r[3]->text == "结束");
  CHECK(r[3]->pos.line == 3);
  CHECK(r[3]->pos.col == 4);
}

TEST_CASE("positions: plain wrapped text is split per line, a join space stays with the line before") {
  Parsed p = blocks_of("空气质量PM\n2.5浓度\n\n二");
  auto r = runs(p.doc.blocks[0]);
  REQUIRE(r.size() == 2);
  CHECK(r[0]->text == "空气质量PM ");
  CHECK(r[0]->pos.line == 1);
  CHECK(r[0]->pos.col == 1);
  CHECK(r[1]->text == "2.5浓度");
  CHECK(r[1]->pos.line == 2);
  CHECK(r[1]->pos.col == 1);
}

TEST_CASE("positions: after escapes, entities, code, links and markers") {
  Parsed p = blocks_of("\\*不是\\*&amp;中`代码`后[链接](http://a.cn)尾");
  auto r = runs(p.doc.blocks[0]);
  REQUIRE(r.size() == 5);
  CHECK(r[0]->text == "*不是*&中");
  CHECK(r[0]->pos.col == 1);
  CHECK(r[1]->text == "代码");
  CHECK(r[1]->kind == InlineKind::code);
  CHECK(r[1]->pos.col == 14);
  CHECK(r[2]->text == "后");
  CHECK(r[2]->pos.col == 17);
  CHECK(r[3]->text == "链接");
  CHECK(r[3]->pos.col == 19);
  CHECK(r[4]->text == "尾");
  CHECK(r[4]->pos.col == 35);
  // Check every run against the source text itself.
  Parsed q = blocks_of("　　• 检查**重点**企业\n## 二、标题\n> 引用*文字*\n　　二〇二二年十月十四日");
  for (const Block& b : q.doc.blocks) {
    std::vector<const Block*> leaves;
    if (b.children.empty()) leaves.push_back(&b);
    for (const Block& c : b.children) leaves.push_back(&c);
    for (const Block* l : leaves)
      for (const Inline* x : runs(*l)) {
        std::u32string line = text::to_u32(q.src.line(static_cast<std::size_t>(x->pos.line - 1)));
        std::u32string t = text::to_u32(x->text);
        CHECK(line.substr(static_cast<std::size_t>(x->pos.col - 1), t.size()) == t);
      }
  }
}

TEST_CASE("positions: heading and list item content") {
  Parsed p = blocks_of("## 工作成效\n\n• 检查企业");
  REQUIRE(p.doc.blocks.size() == 2);
  CHECK(p.doc.blocks[0].inlines[0].pos.col == 4);
  CHECK(p.doc.blocks[1].pos.col == 1);
  CHECK(p.doc.blocks[1].children[0].inlines[0].pos.col == 3);
}

// ---------------------------------------------------------------------------------------------
// With the meta stage

TEST_CASE("blocks: consumed lines are skipped and count as separators") {
  Parsed p = with_meta(
      "首页 > 党的建设\n\n市环境局召开作风建设专项行动推进会\n\n发布日期:2022-10-14 10:53:02   浏览量:23198\n\n"
      "10月12日上午，市环境局召开会议。\n\n会议要求，各科室要压实责任。\n");
  CHECK(dump(p.doc) == "p[10月12日上午，市环境局召开会议。]|p[会议要求，各科室要压实责任。]");
  Parsed q = with_meta("市环境局召开会议\n第一段。\n第二段。\n");
  CHECK(dump(q.doc) == "p[第一段。]|p[第二段。]");
}

TEST_CASE("blocks: a notice end to end") {
  Parsed p = with_meta(
      "关于开展环境安全隐患排查的通知\n"
      "各县区分局：\n"
      "　　为切实做好环境安全工作，现就有关事项\n"
      "通知如下。\n"
      "　　一、排查范围\n"
      "　　全市涉危涉重企业。\n"
      "　　二、工作要求\n"
      "　　（一）加强领导。各分局要成立专班。\n"
      "　　商洛市生态环境局办公室\n"
      "　　2022年10月14日\n");
  CHECK(p.meta.title.value == "关于开展环境安全隐患排查的通知");
  CHECK(dump(p.doc) ==
        "p[各县区分局：]|p[为切实做好环境安全工作，现就有关事项通知如下。]|h2[一、排查范围]|p[全市涉危涉重企业。]|"
        "h2[二、工作要求]|p[（一）加强领导。各分局要成立专班。]|sig{p[商洛市生态环境局办公室]p[2022年10月14日]}");
}

// ---------------------------------------------------------------------------------------------
// Robustness

TEST_CASE("blocks: pathological inputs finish quickly") {
  auto t0 = std::chrono::steady_clock::now();
  Parsed stars = blocks_of(std::string(100000, '*') + "文字");
  Parsed brackets = blocks_of(std::string(100000, '[') + "文字");
  std::string mixed;
  for (int i = 0; i < 30000; ++i) mixed += "*a_[`<";
  Parsed m = blocks_of(mixed);
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 20.0);  // generous: sanitizer builds are slow
  REQUIRE(stars.doc.blocks.size() == 1);
  CHECK(inl(stars.doc.blocks[0].inlines) == std::string(100000, '*') + "文字");
  CHECK(inl(brackets.doc.blocks[0].inlines) == std::string(100000, '[') + "文字");
}

TEST_CASE("blocks: a large text is linear") {
  std::string para =
      "10月12日上午，市生态环境局组织召开专题研讨会，围绕大气污染防治、水环境保护和土壤污染治理逐项查摆问题。\n";
  std::string big;
  while (big.size() < 2'000'000) big += para + "\n";
  std::string wrapped;
  while (wrapped.size() < 2'000'000) wrapped += "市生态环境局组织召开专题研讨会，逐项查摆\n";
  auto t0 = std::chrono::steady_clock::now();
  Parsed a = blocks_of(big);
  Parsed b = blocks_of(wrapped + "\n结尾。");
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 30.0);
  CHECK(a.doc.blocks.size() > 10000);
  REQUIRE(b.doc.blocks.size() == 2);
  CHECK(runs(b.doc.blocks[0]).size() == b.src.line_count() - 2);
}

TEST_CASE("blocks: deterministic") {
  std::string in = "一、总体要求\n\n要*高度重视*。\n• 一项\n> 引用\n商洛市生态环境局\n2022年10月14日";
  CHECK(shape(in) == shape(in));
}

TEST_CASE("blocks: the site's published page pasted whole") {
  std::ifstream in(std::string(PAIBAN_SOURCE_DIR) + "/../shared/seed/000_31cb11049e949cad.txt", std::ios::binary);
  if (!in) {
    MESSAGE("seed not found, skipped");
    return;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Parsed p = with_meta(bytes);
  std::vector<std::string> L;
  for (std::size_t i = 0; i < p.src.line_count(); ++i) L.emplace_back(p.src.line(i));
  REQUIRE(L.size() > 10);
  // Expectations are read from the page itself: line 1 the breadcrumb, 3 the title, 5 the info line.
  std::string crumb = L[0];
  CHECK(p.meta.column.value == crumb.substr(crumb.rfind("> ") + 2));
  CHECK(p.meta.title.value == L[2]);
  std::string info = L[4];
  std::size_t colon = info.find(':');
  CHECK(p.meta.date.value == info.substr(colon + 1, 19));
  CHECK(p.meta.views.value == info.substr(info.rfind(':') + 1));
  // Every later non-blank line is one paragraph, in order, unchanged.
  std::vector<std::string> expected;
  for (std::size_t i = 5; i < L.size(); ++i)
    if (!L[i].empty()) expected.push_back(L[i]);
  REQUIRE(p.doc.blocks.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(p.doc.blocks[i].kind == BlockKind::paragraph);
    CHECK(inl(p.doc.blocks[i].inlines) == expected[i]);
  }
}

TEST_CASE("blocks: a numbered run-in line starts its own paragraph inside a blank-line chunk") {
  CHECK(shape("第一段，\n接着写完。\n\n1.开展路检路查。\n2.加快淘汰老旧车辆。") ==
        "p[第一段，接着写完。]|p[1.开展路检路查。]|p[2.加快淘汰老旧车辆。]");
}
