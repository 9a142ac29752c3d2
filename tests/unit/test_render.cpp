#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "profile.h"
#include "render.h"
#include "text.h"

using namespace paiban;

namespace {

Inline txt(const std::string& s) {
  Inline i;
  i.text = s;
  return i;
}

Inline wrap(InlineKind kind, std::vector<Inline> children, const std::string& href = "") {
  Inline i;
  i.kind = kind;
  i.children = std::move(children);
  i.href() = href;
  return i;
}

Block para(std::vector<Inline> inlines) {
  Block b;
  b.inlines = std::move(inlines);
  return b;
}

Block para(const std::string& s) {
  return para(std::vector<Inline>{txt(s)});
}

Block block(BlockKind kind, std::vector<Block> children, int level = 0) {
  Block b;
  b.kind = kind;
  b.children = std::move(children);
  b.level = level;
  return b;
}

Field given(const std::string& v) {
  return Field{v, "given", {}};
}

Meta sample_meta() {
  Meta m;
  m.title = given("示例标题");
  m.column = given("工作动态");
  m.date = given("2022-10-14 10:53:02");
  m.views = given("23198");
  return m;
}

bool has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

/// The page's visible text as a browser would lay it out: one line per block element,
/// whitespace removed (the seed test compares ignoring whitespace).
std::vector<std::string> visible_lines(const std::string& page) {
  std::string body = page.substr(page.find("<body>"));
  std::string flat;
  for (std::size_t i = 0; i < body.size();) {
    if (body[i] == '<') {
      const std::size_t end = body.find('>', i);
      const std::string tag = body.substr(i, end - i + 1);
      for (const char* block : {"</p>", "</h1>", "</nav>", "</h2>", "</li>", "</div>"})
        if (tag == block) flat += '\n';
      i = end + 1;
      continue;
    }
    flat += body[i++];
  }
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = flat.find(from); at != std::string::npos; at = flat.find(from, at + to.size()))
      flat.replace(at, from.size(), to);
  };
  replace_all("&gt;", ">");
  replace_all("&lt;", "<");
  replace_all("&quot;", "\"");
  replace_all("&#39;", "'");
  replace_all("&amp;", "&");
  std::vector<std::string> lines;
  std::istringstream in(flat);
  for (std::string line; std::getline(in, line);) {
    std::string squeezed;
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t start = i;
      if (!text::is_space(text::next(line, i))) squeezed += line.substr(start, i - start);
    }
    if (!squeezed.empty()) lines.push_back(squeezed);
  }
  return lines;
}

std::string squeeze(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t start = i;
    const char32_t c = text::next(line, i);
    if (!text::is_space(c) && c != '\r') out += line.substr(start, i - start);
  }
  return out;
}

}  // namespace

TEST_CASE("render: escape_html escapes the five characters and nothing else") {
  CHECK(escape_html("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  CHECK(escape_html("中文，“引号”") == "中文，“引号”");
  CHECK(escape_html("&amp;") == "&amp;amp;");
  CHECK(escape_html("") == "");
  CHECK(escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
}

TEST_CASE("render: escape_html replaces code points HTML forbids") {
  CHECK(escape_html(std::string("a\x01"
                                "b\x7F"
                                "c",
                                5)) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD"
        "c");
  CHECK(escape_html("t\tn\nr\r") == "t\tn\nr\r");
  CHECK(escape_html("\xC2\x85") == "\xEF\xBF\xBD");      // U+0085, a C1 control
  CHECK(escape_html("\xEF\xB7\x90") == "\xEF\xBF\xBD");  // U+FDD0, a noncharacter
  CHECK(escape_html("\xEF\xBF\xBF") == "\xEF\xBF\xBD");  // U+FFFF
  CHECK(escape_html("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");
}

TEST_CASE("render: is_safe_href allows http, https, mailto and relative targets") {
  for (const char* ok :
       {"http://a.cn/", "https://a.cn/x?y=1#z", "HTTPS://A.CN", "mailto:a@b.cn", "/path", "page.html", "../up", "?q=1",
        "#frag", "//cdn.example.cn/x", "  http://a.cn", "a/b:c", "x?y=j:z", "#a:b", "中文页面.html"})
    CHECK_MESSAGE(is_safe_href(ok), ok);
}

TEST_CASE("render: is_safe_href refuses every other scheme, however disguised") {
  const std::string hostile[] = {
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "\x01\x02javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "java\rscript:alert(1)",
      "\njavascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "DATA:text/html;base64,PHNjcmlwdD4=",
      "file:///etc/passwd",
      "blob:https://a.cn/uuid",
      "\xEF\xBD\x8A\xEF\xBD\x81vascript:alert(1)",  // full-width letters: still scheme-like
      std::string("java\0script:alert(1)", 21),
      "javascript%3Aalert(1):x",
      "mailto2:x",
      "httpx://a.cn",
      "ftp://a.cn/",
      "",
      "   ",
      "\t\n",
  };
  for (const std::string& bad : hostile) CHECK_MESSAGE(!is_safe_href(bad), bad);
}

TEST_CASE("render: the page has the landmarks, head and info line the site needs") {
  Document doc;
  doc.blocks.push_back(para("第一段正文。"));
  doc.blocks.push_back(para("第二段。"));
  const std::string page = render_page(doc, sample_meta(), default_profile());
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0) == 0);
  CHECK(has(page, "<meta charset=\"utf-8\">"));
  CHECK(has(page, "<meta name=\"viewport\""));
  CHECK(has(page, "<title>示例标题 - 商洛市生态环境局</title>"));
  CHECK(has(page, "<link rel=\"icon\" href=\"data:,\">"));
  CHECK(count(page, "<style>") == 1);
  CHECK_FALSE(has(page, "<script"));
  CHECK_FALSE(has(page, "src="));
  CHECK_FALSE(has(page, "url("));
  CHECK(has(page,
            "<header class=\"pb-header\"><nav class=\"pb-breadcrumb\" aria-label=\"当前位置\">"
            "<a href=\"http://sthjj.shangluo.gov.cn/\">首页</a> &gt; <span aria-current=\"page\">工作动态</span>"
            "</nav></header>"));
  CHECK(has(page, "<main>\n<article class=\"pb-article\">\n<h1 class=\"pb-title\">示例标题</h1>\n"));
  CHECK(has(page,
            "<p class=\"pb-info\"><span>发布日期:<time datetime=\"2022-10-14T10:53:02+08:00\">"
            "2022-10-14 10:53:02</time></span><span class=\"pb-views\">浏览量:23198</span></p>"));
  CHECK(has(page, "<div class=\"pb-body\">\n<p>第一段正文。</p>\n<p>第二段。</p>\n</div>\n</article>\n</main>"));
  CHECK(count(page, "<h1") == 1);
  CHECK(has(page, "<footer class=\"pb-footer\">\n<p>版权所有 商洛市生态环境局。未经授权禁止复制或镜像。</p>"));
  CHECK(
      has(page,
          "<p>网站地图 丨 地址:商洛市名人街西段 丨 邮编:726000 丨 网站标识码:6110000016 丨 联系电话:0914-2312283</p>"));
  CHECK(has(page, "<a href=\"https://beian.miit.gov.cn/\">ICP备案号:陕ICP备2021013679号-1</a>"));
  CHECK(page.substr(page.size() - 16) == "</body>\n</html>\n");
}

TEST_CASE("render: government meta tags are filled where known and omitted where not") {
  Document doc;
  doc.blocks.push_back(block(BlockKind::heading, {}, 2));
  doc.blocks[0].inlines.push_back(txt("一、小标题"));
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "一二三四五";
  doc.blocks.push_back(para({txt("  "), wrap(InlineKind::strong, {txt("重点")}), txt(long_text)}));
  Meta m = sample_meta();
  m.source = given("市环境局办公室");
  m.author = given("张三");
  m.keywords = given("作风建设,研讨会");
  m.url = given("http://sthjj.shangluo.gov.cn/a/1.html");
  const std::string page = render_page(doc, m, default_profile());
  CHECK(has(page, "<meta name=\"SiteName\" content=\"商洛市生态环境局\">"));
  CHECK(has(page, "<meta name=\"SiteDomain\" content=\"sthjj.shangluo.gov.cn\">"));
  CHECK(has(page, "<meta name=\"SiteIDCode\" content=\"6110000016\">"));
  CHECK(has(page, "<meta name=\"ColumnName\" content=\"工作动态\">"));
  CHECK(has(page, "<meta name=\"ArticleTitle\" content=\"示例标题\">"));
  CHECK(has(page, "<meta name=\"PubDate\" content=\"2022-10-14 10:53\">"));
  CHECK(has(page, "<meta name=\"ContentSource\" content=\"市环境局办公室\">"));
  CHECK(has(page, "<meta name=\"Keywords\" content=\"作风建设,研讨会\">"));
  CHECK(has(page, "<meta name=\"Author\" content=\"张三\">"));
  CHECK(has(page, "<meta name=\"Url\" content=\"http://sthjj.shangluo.gov.cn/a/1.html\">"));
  // Description: the first paragraph's text (not the heading), 120 code points.
  const std::string desc =
      "<meta name=\"Description\" content=\"重点" + text::to_utf8(text::to_u32(long_text).substr(0, 118)) + "\">";
  CHECK(has(page, desc));

  Meta bare;
  Profile p = default_profile();
  p.site_domain.clear();
  p.site_id_code.clear();
  const std::string plain = render_page(Document{}, bare, p);
  for (const char* name : {"SiteDomain", "SiteIDCode", "ColumnName", "ArticleTitle", "PubDate", "ContentSource",
                           "Keywords", "Author", "Description", "Url"})
    CHECK_MESSAGE(!has(plain, std::string("name=\"") + name + "\""), name);
  CHECK(has(plain, "name=\"SiteName\""));
  // Without a title the page still has one h1; without a column the breadcrumb is the home link.
  CHECK(has(plain, "<h1 class=\"pb-title\">（无标题）</h1>"));
  CHECK(has(plain, "首页</a></nav>"));
  CHECK_FALSE(has(plain, "aria-current"));
  // Without a date there is no <time>; without views an empty slot the CMS can fill.
  CHECK_FALSE(has(plain, "<time"));
  CHECK(has(plain, "<p class=\"pb-info\"><span class=\"pb-views\" data-cms-slot=\"views\"></span></p>"));
}

TEST_CASE("render: dates follow the profile's format, bad dates get no <time>") {
  Profile p = default_profile();
  p.date_format = "YYYY年MM月DD日 HH:mm";
  Meta m = sample_meta();
  m.views = Field{};
  std::string frag = render_fragment(Document{}, m, p);
  CHECK(has(frag, "<time datetime=\"2022-10-14T10:53:02+08:00\">2022年10月14日 10:53</time>"));
  CHECK(has(frag, "<span style=\"margin-left:3em\" data-cms-slot=\"views\"></span>"));
  m.date = given("2022-10-14");
  CHECK(has(render_fragment(Document{}, m, p), "datetime=\"2022-10-14T00:00:00+08:00\""));
  for (const char* bad : {"2023-02-29 00:00:00", "2022-13-01", "2022-10-14 24:00", "2022/10/14", "十月", ""}) {
    m.date = given(bad);
    CHECK_MESSAGE(!has(render_page(Document{}, m, p), "<time"), bad);
  }
  m.date = given("2024-02-29 23:59:59");
  CHECK(has(render_page(Document{}, m, p), "datetime=\"2024-02-29T23:59:59+08:00\""));
}

TEST_CASE("render: body blocks and inlines") {
  Document doc;
  Block h3 = block(BlockKind::heading, {}, 3);
  h3.inlines.push_back(txt("（一）加强领导"));
  doc.blocks.push_back(h3);
  doc.blocks.push_back(para({txt("见"), wrap(InlineKind::emph, {txt("此")}),
                             wrap(InlineKind::link, {txt("网站")}, "https://a.cn/?x=1&y=\"2\""),
                             wrap(InlineKind::link, {txt("坏链接")}, "javascript:alert(1)")}));
  Inline code;
  code.kind = InlineKind::code;
  code.text = "<b>ＡＢ</b>";
  doc.blocks.push_back(para({code}));
  Block item1 = block(BlockKind::list_item, {});
  item1.inlines.push_back(txt("第一项"));
  Block item2 = block(BlockKind::list_item, {});
  item2.inlines.push_back(txt("第二项"));
  doc.blocks.push_back(block(BlockKind::list, {item1, item2}));
  doc.blocks.push_back(block(BlockKind::list, {}));  // empty: dropped
  doc.blocks.push_back(block(BlockKind::quote, {para("引文")}));
  doc.blocks.push_back(block(BlockKind::signature, {para("商洛市生态环境局"), para("2022年10月14日")}));
  doc.blocks.push_back(para("<script>alert(1)</script>"));

  const std::string page = render_page(doc, sample_meta(), default_profile());
  CHECK(has(page, "<h3>（一）加强领导</h3>"));
  CHECK(has(page, "<p>见<em>此</em><a href=\"https://a.cn/?x=1&amp;y=&quot;2&quot;\">网站</a>坏链接</p>"));
  CHECK(has(page, "<p><code>&lt;b&gt;ＡＢ&lt;/b&gt;</code></p>"));
  CHECK(has(page, "<ul>\n<li>第一项</li>\n<li>第二项</li>\n</ul>"));
  CHECK(count(page, "<ul>") == 1);
  CHECK(has(page, "<blockquote>\n<p>引文</p>\n</blockquote>"));
  CHECK(has(page, "<div class=\"pb-signature\">\n<p>商洛市生态环境局</p>\n<p>2022年10月14日</p>\n</div>"));
  CHECK(has(page, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  CHECK_FALSE(has(page, "javascript:"));
  CHECK(has(page, ".pb-signature p{"));
}

TEST_CASE("render: each heading level of the fragment gets its own style") {
  // Headings of every level, twice and out of order: the renderer caches each element's look, and
  // one level's look must never serve another.
  Document doc;
  for (const int level : {2, 3, 4, 5, 6, 3, 2, 6}) {
    Block h = block(BlockKind::heading, {}, level);
    h.inlines.push_back(txt("标题" + std::to_string(level)));
    doc.blocks.push_back(h);
  }
  Profile p = default_profile();
  for (const int level : {2, 3, 4, 5, 6})
    p.styles["h" + std::to_string(level)] = "margin:" + std::to_string(level) + "px";
  const std::string frag = render_fragment(doc, sample_meta(), p);
  for (const int level : {2, 3, 4, 5, 6}) {
    const std::string h = "h" + std::to_string(level);
    CHECK(has(frag, "<" + h + " style=\"margin:" + std::to_string(level) + "px\">标题" + std::to_string(level) + "</" +
                        h + ">"));
  }
}

TEST_CASE("render: the fragment carries inline styles and no classes") {
  Document doc;
  doc.blocks.push_back(para("正文"));
  doc.blocks.push_back(block(BlockKind::signature, {para("某局")}));
  Block h2 = block(BlockKind::heading, {}, 2);
  h2.inlines.push_back(txt("一、标题"));
  doc.blocks.push_back(h2);
  const Profile& p = default_profile();
  const std::string frag = render_fragment(doc, sample_meta(), p);
  CHECK_FALSE(has(frag, "class="));
  CHECK_FALSE(has(frag, "<style"));
  CHECK_FALSE(has(frag, "<html"));
  CHECK_FALSE(has(frag, "<footer"));
  CHECK_FALSE(has(frag, "<nav"));
  CHECK(frag.rfind("<h1 style=\"" + escape_html(p.styles.at("title")) + "\">示例标题</h1>\n", 0) == 0);
  CHECK(has(frag, "<p style=\"" + escape_html(p.styles.at("info")) + "\"><span>发布日期:<time"));
  CHECK(has(frag, "<p style=\"" + escape_html(p.styles.at("p")) + "\">正文</p>"));
  CHECK(has(frag, "<div style=\"" + escape_html(p.styles.at("signature")) + "\">\n<p style=\"" +
                      escape_html(p.styles.at("signature_line")) + "\">某局</p>"));
  CHECK(has(frag, "<h2 style=\"" + escape_html(p.styles.at("h2")) + "\">一、标题</h2>"));
  CHECK(has(frag, "&quot;Microsoft YaHei&quot;") == has(p.styles.at("body"), "YaHei"));

  Profile bare = p;
  bare.styles.clear();
  const std::string unstyled = render_fragment(doc, sample_meta(), bare);
  CHECK_FALSE(has(unstyled, "style="));
  CHECK(has(unstyled, "<p>正文</p>"));
}

TEST_CASE("render: every style key reaches the page's <style>") {
  Profile p = default_profile();
  int n = 0;
  for (auto& [key, css] : p.styles) css = "order:" + std::to_string(++n);
  const std::string page = render_page(Document{}, sample_meta(), p);
  for (int i = 1; i <= n; ++i) CHECK_MESSAGE(has(page, "{order:" + std::to_string(i) + "}"), i);
  CHECK(page.find(".pb-body p{") < page.find(".pb-signature p{"));
}

TEST_CASE("render: half-width publishing folds the title and body text") {
  Document doc;
  doc.blocks.push_back(para("甲，乙；丙：（丁）ＡＢ１２　完。"));
  Meta m = sample_meta();
  m.title = given("标题（一）！");
  Profile p = default_profile();
  std::string page = render_page(doc, m, p);
  CHECK(has(page, "<p>甲，乙；丙：（丁）ＡＢ１２　完。</p>"));
  p.half_width_publish = true;
  page = render_page(doc, m, p);
  CHECK(has(page, "<p>甲,乙;丙:(丁)AB12 完。</p>"));
  CHECK(has(page, "<h1 class=\"pb-title\">标题(一)!</h1>"));
  CHECK(has(page, "<title>标题(一)! - 商洛市生态环境局</title>"));
  CHECK(has(page, "content=\"甲,乙;丙:(丁)AB12 完。\""));
  CHECK(has(render_fragment(doc, m, p), ">甲,乙;丙:(丁)AB12 完。</p>"));
  Inline raw = txt("<b>（原样）</b>");
  raw.verbatim = true;
  doc.blocks[0].inlines = {raw};
  CHECK(has(render_page(doc, m, p), "<p>&lt;b&gt;（原样）&lt;/b&gt;</p>"));
}

TEST_CASE("render: a different site's profile changes the page") {
  const char* const other = R"({
    "site": {"name": "示例县人民政府", "domain": "www.example.gov.cn", "home_url": "/index.html"},
    "breadcrumb": {"home_label": "网站首页", "separator": " / ", "label": "您的位置"},
    "info": {"date_label": "时间：", "views_label": "阅读：", "date_format": "YYYY年MM月DD日"},
    "footer": {"separator": " | ", "lines": [
      [{"text": "主办：示例县人民政府办公室", "kind": "sponsor"}, {"text": "联系我们", "kind": "contact", "href": "mailto:a@example.gov.cn"}],
      [{"text": "网站标识码：1234567890", "kind": "site_id"}, {"text": "某ICP备00000000号", "kind": "icp"},
       {"text": "某公网安备 00000000000000号", "kind": "police"}]]},
    "styles": {"title": "color:#8b0000"}
  })";
  Profile p;
  std::vector<Error> errors;
  std::vector<Diagnostic> warnings;
  REQUIRE(parse_profile(other, p, errors, warnings));
  CHECK(warnings.empty());
  Document doc;
  doc.blocks.push_back(para("正文"));
  const std::string page = render_page(doc, sample_meta(), p);
  CHECK(has(page, "<title>示例标题 - 示例县人民政府</title>"));
  CHECK(has(page, "aria-label=\"您的位置\"><a href=\"/index.html\">网站首页</a> / <span"));
  CHECK(has(page, "<span>时间：<time datetime=\"2022-10-14T10:53:02+08:00\">2022年10月14日</time></span>"));
  CHECK(has(page, "阅读：23198"));
  CHECK(has(page, "<p>主办：示例县人民政府办公室 | <a href=\"mailto:a@example.gov.cn\">联系我们</a></p>"));
  CHECK(has(page, ".pb-title{color:#8b0000}"));
  CHECK_FALSE(has(page, "商洛"));
  CHECK_FALSE(has(page, "SiteIDCode"));
}

TEST_CASE("render: profile text is escaped too") {
  Profile p = default_profile();
  p.site_name = "A&B <局>";
  p.home_label = "\"首页\"";
  p.footer_lines = {{FooterItem{"<b>x</b>", "", "http://a.cn/?a=1&b=2"}}};
  Meta m = sample_meta();
  m.column = given("<i>栏目</i>");
  const std::string page = render_page(Document{}, m, p);
  CHECK(has(page, "<title>示例标题 - A&amp;B &lt;局&gt;</title>"));
  CHECK(has(page, ">&quot;首页&quot;</a>"));
  CHECK(has(page, "<span aria-current=\"page\">&lt;i&gt;栏目&lt;/i&gt;</span>"));
  CHECK(has(page, "<a href=\"http://a.cn/?a=1&amp;b=2\">&lt;b&gt;x&lt;/b&gt;</a>"));
  CHECK_FALSE(has(page, "<b>"));
  CHECK_FALSE(has(page, "<i>"));
}

TEST_CASE("render: deep nesting is flattened, not a stack overflow, output is deterministic") {
  Inline deep = txt("核心");
  for (int i = 0; i < 5000; ++i) {
    Inline outer;
    outer.kind = i % 2 ? InlineKind::emph : InlineKind::strong;
    outer.children.push_back(std::move(deep));
    deep = std::move(outer);
  }
  Block quote = para("最里层");
  for (int i = 0; i < 5000; ++i) {
    Block outer;
    outer.kind = BlockKind::quote;
    outer.children.push_back(std::move(quote));
    quote = std::move(outer);
  }
  Document doc;
  doc.blocks.push_back(para({deep}));
  doc.blocks.push_back(quote);
  const std::string page = render_page(doc, sample_meta(), default_profile());
  CHECK(has(page, "核心"));
  CHECK(has(page, "最里层"));
  CHECK(count(page, "<blockquote") <= 64);
  CHECK(page == render_page(doc, sample_meta(), default_profile()));
}

TEST_CASE("render: the page reads like the seed, line by line") {
  std::ifstream in(std::string(PAIBAN_SOURCE_DIR) + "/../shared/seed/000_31cb11049e949cad.txt");
  if (!in) {
    MESSAGE("seed not found, skipped");
    return;
  }
  std::vector<std::string> seed;
  for (std::string line; std::getline(in, line);) {
    const std::string s = squeeze(line);
    if (!s.empty()) seed.push_back(s);
  }
  REQUIRE(seed.size() >= 7);  // breadcrumb, title, info, the paragraphs, 3 footer lines

  // The notes as an editor writes them (GB/T 15834: full-width , and ;), from the seed's body.
  Document doc;
  for (std::size_t i = 3; i + 3 < seed.size(); ++i) {
    std::string full;
    for (std::size_t k = 0; k < seed[i].size();) {
      const char32_t c = text::next(seed[i], k);
      text::append(full, c == ',' ? U'，' : c == ';' ? U'；' : c);
    }
    doc.blocks.push_back(para(full));
  }
  Meta m;
  m.title = given(seed[1]);
  m.column = given("党的建设");
  m.date = given("2022-10-14 10:53:02");
  m.views = given("23198");

  // Default profile: equal after folding full-width forms on both sides.
  std::vector<std::string> got = visible_lines(render_page(doc, m, default_profile()));
  REQUIRE(got.size() == seed.size());
  for (std::size_t i = 0; i < seed.size(); ++i) CHECK(text::fold_halfwidth(got[i]) == text::fold_halfwidth(seed[i]));

  // Half-width publishing: equal as it is.
  Profile p = default_profile();
  p.half_width_publish = true;
  got = visible_lines(render_page(doc, m, p));
  REQUIRE(got.size() == seed.size());
  for (std::size_t i = 0; i < seed.size(); ++i) CHECK(got[i] == seed[i]);
}

TEST_CASE("render: the page forbids script and outside requests in a CSP meta, and has none") {
  const std::string page = render_page(Document{}, sample_meta(), default_profile());
  CHECK(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none';") !=
        std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find(" on") == std::string::npos);
}
