// The page and the fragment rendered in one walk (render() with both outputs) against a copy of
// the renderer that made each in its own walk, on thousands of generated documents, metadata
// and profiles (styles present, missing, empty or needing escapes; half-width publishing on
// and off): the same bytes, for the page, the fragment and both at once.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "meta.h"
#include "model.h"
#include "profile.h"
#include "render.h"
#include "text.h"

// NOLINTBEGIN
namespace ref_render {

using namespace paiban;

namespace {

/// Page selectors for the profile's style keys, in the order the <style> element lists them
/// (later rules win over earlier ones of the same weight: signature_line after p).
struct StyleRule {
  const char* key;
  const char* selector;
};
const StyleRule kStyleRules[] = {
    {"page", "body"},
    {"header", ".pb-header"},
    {"breadcrumb", ".pb-breadcrumb"},
    {"article", ".pb-article"},
    {"title", ".pb-title"},
    {"info", ".pb-info"},
    {"views", ".pb-views"},
    {"body", ".pb-body"},
    {"p", ".pb-body p"},
    {"h2", ".pb-body h2"},
    {"h3", ".pb-body h3"},
    {"h4", ".pb-body h4"},
    {"h5", ".pb-body h5"},
    {"h6", ".pb-body h6"},
    {"ul", ".pb-body ul"},
    {"li", ".pb-body li"},
    {"blockquote", ".pb-body blockquote"},
    {"signature", ".pb-signature"},
    {"signature_line", ".pb-signature p"},
    {"code", ".pb-body code"},
    {"a", "a"},
    {"footer", ".pb-footer"},
    {"footer_line", ".pb-footer p"},
};

/// Deeper nesting than this is flattened (its content kept, its wrappers dropped), so a
/// pathological input cannot exhaust the stack.
constexpr int kMaxDepth = 64;

/// Characters that are parse errors in HTML text (controls other than tab, LF, FF, CR; C1
/// controls; noncharacters), replaced by U+FFFD.
bool forbidden_in_html(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\f' && c != '\r';
  if (c >= 0x7F && c <= 0x9F) return true;
  if (c >= 0xFDD0 && c <= 0xFDEF) return true;
  return (c & 0xFFFEu) == 0xFFFEu;
}

/// How far escape_html_into can skip from a byte without looking closer: 1 for ASCII that needs
/// no escape, 3 for the lead of a 3-byte sequence for U+1000–U+EFFF (all allowed in HTML text),
/// 0 for anything else.
struct SkipTable {
  unsigned char of[256];
};

constexpr SkipTable make_skip_table() {
  SkipTable t{};
  for (int b = 0; b < 256; ++b) {
    unsigned char step = 0;
    if (b >= 0x20 && b < 0x7F && b != '&' && b != '<' && b != '>' && b != '"' && b != '\'')
      step = 1;
    else if (b >= 0xE1 && b <= 0xEE)
      step = 3;
    t.of[b] = step;
  }
  return t;
}

constexpr SkipTable kSkip = make_skip_table();

/// The entity for an ASCII character that has one, else an empty view.
std::string_view entity_for(unsigned char b) {
  switch (b) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

/// Appends the escaped form of s to out (see escape_html). Bytes that stay as they are are
/// copied in runs; a character is decoded only to check it is allowed in HTML text (plain ASCII
/// and U+1000–U+EFFF never need the check).
void escape_html_into(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t run = 0;  // start of the bytes not yet copied
  auto flush = [&](std::size_t end) {
    if (end > run) out.append(s.data() + run, end - run);
  };
  std::size_t i = 0;
  for (;;) {
    std::size_t step = 0;
    while (i + 3 <= n && (step = kSkip.of[p[i]]) != 0) i += step;  // no step passes the end here
    while (i < n && (step = kSkip.of[p[i]]) != 0 && i + step <= n) i += step;
    if (i >= n) break;
    const unsigned char b = p[i];
    if (b < 0x80) {
      const std::string_view entity = entity_for(b);
      if (!entity.empty()) {
        flush(i);
        out += entity;
        run = ++i;
        continue;
      }
    }
    const std::size_t start = i;
    char32_t c = 0;
    if (b >= 0xE0 && b <= 0xEF && i + 2 < n) {  // the other 3-byte leads, read as text::next reads them
      c = text::decode3(p + i);
      i += 3;
    } else {
      c = text::next(s, i);
    }
    if (forbidden_in_html(c)) {
      flush(start);
      text::append(out, 0xFFFD);
      run = i;
    }
  }
  flush(n);
}

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

/// Reads "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (a real date and time).
std::optional<DateTime> read_datetime(std::string_view s) {
  DateTime t;
  if (s.size() != 10 && s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!digits(s, 0, 4, t.year) || s[4] != '-' || !digits(s, 5, 2, t.month) || s[7] != '-' || !digits(s, 8, 2, t.day))
    return std::nullopt;
  if (s.size() >= 16 && (s[10] != ' ' || !digits(s, 11, 2, t.hour) || s[13] != ':' || !digits(s, 14, 2, t.minute)))
    return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !digits(s, 17, 2, t.second))) return std::nullopt;
  if (t.year < 1 || t.month < 1 || t.month > 12 || t.day < 1) return std::nullopt;
  if (t.day > days_in_month(t.year, t.month) || t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  return t;
}

/// Appends v (0–9999) in `width` digits (2 or 4), with leading zeros.
void append_digits(std::string& out, int v, int width) {
  char buf[4] = {static_cast<char>('0' + v / 1000), static_cast<char>('0' + v / 100 % 10),
                 static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
  out.append(buf + 4 - width, static_cast<std::size_t>(width));
}

/// Appends YYYY-MM-DD, `sep`, HH:MM and (with `seconds`) :SS.
void append_datetime(std::string& out, const DateTime& t, char sep, bool seconds) {
  append_digits(out, t.year, 4);
  out += '-';
  append_digits(out, t.month, 2);
  out += '-';
  append_digits(out, t.day, 2);
  out += sep;
  append_digits(out, t.hour, 2);
  out += ':';
  append_digits(out, t.minute, 2);
  if (!seconds) return;
  out += ':';
  append_digits(out, t.second, 2);
}

/// The date in the profile's format: YYYY MM DD HH mm ss are replaced, the rest is kept.
std::string format_datetime(std::string_view fmt, const DateTime& t) {
  std::string out;
  out.reserve(fmt.size() + 8);
  for (std::size_t i = 0; i < fmt.size();) {
    const std::string_view rest = fmt.substr(i);
    // The tokens start with different letters: at most one matches here.
    if (rest.substr(0, 4) == "YYYY") {
      append_digits(out, t.year, 4);
      i += 4;
      continue;
    }
    const std::string_view two_letters = rest.substr(0, 2);
    int value = -1;
    if (two_letters == "MM")
      value = t.month;
    else if (two_letters == "DD")
      value = t.day;
    else if (two_letters == "HH")
      value = t.hour;
    else if (two_letters == "mm")
      value = t.minute;
    else if (two_letters == "ss")
      value = t.second;
    if (value >= 0) {
      append_digits(out, value, 2);
      i += 2;
    } else {
      out += fmt[i++];
    }
  }
  return out;
}

/// The text of an inline run and everything inside it, in order (without recursion).
void collect_text(const Inline& root, std::string& out) {
  std::vector<const Inline*> todo{&root};
  while (!todo.empty()) {
    const Inline* in = todo.back();
    todo.pop_back();
    if (in->kind == InlineKind::text || in->kind == InlineKind::code) out += in->text;
    for (auto it = in->children.rbegin(); it != in->children.rend(); ++it) todo.push_back(&*it);
  }
}

std::string plain_text(const std::vector<Inline>& inlines) {
  std::string out;
  for (const Inline& in : inlines) collect_text(in, out);
  return out;
}

const Block* first_paragraph(const std::vector<Block>& blocks, int depth) {
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::paragraph) return &b;
    if (depth < kMaxDepth)
      if (const Block* inner = first_paragraph(b.children, depth + 1)) return inner;
  }
  return nullptr;
}

/// The first `n` code points of s.
std::string prefix(std::string_view s, int n) {
  std::size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) text::next(s, i);
  return std::string(s.substr(0, i));
}

enum class Mode { page, fragment };

/// Renders the article's parts in one of the two modes.
/// What the body's size is made of: bytes of text (and link targets), and the elements around
/// them (blocks and inline elements), for reserving the output once.
struct Extent {
  std::size_t text = 0;
  std::size_t elements = 0;
};
void measure(const std::vector<Inline>& inlines, Extent& e) {
  for (const Inline& in : inlines) {
    e.text += in.text.size();
    if (in.kind != InlineKind::text) ++e.elements;
    measure(in.children, e);
  }
}
void measure(const std::vector<Block>& blocks, Extent& e) {
  for (const Block& b : blocks) {
    ++e.elements;
    measure(b.inlines, e);
    measure(b.children, e);
  }
}

class Renderer {
 public:
  Renderer(const Meta& meta, const Profile& profile, Mode mode) : meta_(meta), profile_(profile), mode_(mode) {}

  /// A text of the article (title, body), in the publishing form when the profile asks.
  std::string article_text(std::string_view s) const {
    std::string out;
    article_text(out, s);
    return out;
  }
  /// The same, appended to out.
  void article_text(std::string& out, std::string_view s) const {
    if (profile_.half_width_publish)
      escape_html_into(out, text::fold_halfwidth(s));
    else
      escape_html_into(out, s);
  }

  /// The look of an element: ` class="…"` on the page (when it has one), ` style="…"` in the
  /// fragment (when the profile styles it).
  std::string look(const char* key, const char* page_class = nullptr) const {
    if (mode_ == Mode::page) return page_class ? std::string(" class=\"") + page_class + "\"" : std::string();
    auto it = profile_.styles.find(key);
    if (it == profile_.styles.end() || it->second.empty()) return {};
    return " style=\"" + escape_html(it->second) + "\"";
  }

  /// Appends `<tag` + the element's look + `>`. Looks of elements without a page class are
  /// worked out once per key: a body has thousands of paragraphs.
  /// `key` must be a literal (or outlive the renderer): the cache keeps the pointer.
  void open(std::string& out, std::string_view tag, const char* key) const {
    out += '<';
    out += tag;
    const std::string* found = nullptr;
    for (const auto& [k, v] : looks_)
      if (k == key || std::strcmp(k, key) == 0) found = &v;  // keys are literals: mostly the same pointer
    if (found == nullptr) {
      looks_.emplace_back(key, look(key));
      found = &looks_.back().second;
    }
    out += *found;
    out += '>';
  }

  std::string title() const {
    const std::string& t = meta_.title.value;
    return text::trim(t).empty() ? std::string("（无标题）") : std::string(t);
  }

  /// look(), appended to out.
  void add_look(std::string& out, const char* key, const char* page_class = nullptr) const {
    if (mode_ == Mode::page) {
      if (page_class) {
        out += " class=\"";
        out += page_class;
        out += '"';
      }
      return;
    }
    auto it = profile_.styles.find(key);
    if (it == profile_.styles.end() || it->second.empty()) return;
    out += " style=\"";
    escape_html_into(out, it->second);
    out += '"';
  }

  /// The title as the article's <h1>, appended to out.
  void heading(std::string& out) const {
    out += "<h1";
    add_look(out, "title", "pb-title");
    out += '>';
    const std::string& t = meta_.title.value;
    if (text::trim(t).empty())
      article_text(out, "（无标题）");
    else
      article_text(out, t);
    out += "</h1>\n";
  }

  /// The publish-date and views line, appended to out.
  void info_line(std::string& out) const {
    out += "<p";
    add_look(out, "info", "pb-info");
    out += '>';
    if (auto t = read_datetime(meta_.date.value)) {
      out += "<span>";
      escape_html_into(out, profile_.date_label);
      out += "<time datetime=\"";
      append_datetime(out, *t, 'T', true);
      out += "+08:00\">";
      escape_html_into(out, format_datetime(profile_.date_format, *t));
      out += "</time></span>";
    }
    out += "<span";
    add_look(out, "views", "pb-views");
    const std::string_view views = text::trim(meta_.views.value);
    if (!views.empty()) {
      out += '>';
      escape_html_into(out, profile_.views_label);
      escape_html_into(out, views);
      out += "</span>";
    } else {
      out += " data-cms-slot=\"views\"></span>";
    }
    out += "</p>\n";
  }

  /// The body, appended to out.
  void body(const Document& doc, std::string& out) const {
    // Text grows a little (escapes, folding); each element costs its tags and, in the
    // fragment, its style attribute (the paragraph's stands for all).
    Extent e;
    measure(doc.blocks, e);
    out.reserve(out.size() + e.text + e.text / 32 + e.elements * (24 + look("p").size()) + 4096);
    out += "<div";
    add_look(out, "body", "pb-body");
    out += ">\n";
    blocks(doc.blocks, out, 0);
    out += "</div>\n";
  }

 private:
  void blocks(const std::vector<Block>& bs, std::string& out, int depth) const {
    for (const Block& b : bs) block(b, out, depth);
  }

  void paragraph(const Block& b, const char* key, std::string& out, int depth) const {
    open(out, "p", key);
    inlines(b.inlines, out, depth);
    out += "</p>\n";
  }

  void block(const Block& b, std::string& out, int depth) const {
    if (depth >= kMaxDepth) {  // flatten: one paragraph per block that has text, no nesting
      std::vector<const Block*> todo{&b};
      while (!todo.empty()) {
        const Block* x = todo.back();
        todo.pop_back();
        if (!x->inlines.empty()) out += "<p" + look("p") + ">" + article_text(plain_text(x->inlines)) + "</p>\n";
        for (auto it = x->children.rbegin(); it != x->children.rend(); ++it) todo.push_back(&*it);
      }
      return;
    }
    switch (b.kind) {
      case BlockKind::paragraph:
      case BlockKind::list_item:  // stray item outside a list
        paragraph(b, "p", out, depth);
        break;
      case BlockKind::heading: {
        // The look cache keeps its keys as pointers: they must be literals.
        static const char* const kTags[] = {"h2", "h3", "h4", "h5", "h6"};
        const char* tag = kTags[(b.level < 2 ? 2 : (b.level > 6 ? 6 : b.level)) - 2];
        open(out, tag, tag);
        inlines(b.inlines, out, depth);
        out += "</";
        out += tag;
        out += ">\n";
        break;
      }
      case BlockKind::list: {
        if (b.children.empty()) break;  // an empty <ul> is not valid HTML
        open(out, "ul", "ul");
        out += '\n';
        for (const Block& item : b.children) {
          open(out, "li", "li");
          inlines(item.inlines, out, depth + 1);
          if (!item.children.empty()) {
            out += "\n";
            blocks(item.children, out, depth + 1);
          }
          out += "</li>\n";
        }
        out += "</ul>\n";
        break;
      }
      case BlockKind::quote:
        open(out, "blockquote", "blockquote");
        out += '\n';
        blocks(b.children, out, depth + 1);
        out += "</blockquote>\n";
        break;
      case BlockKind::signature:
        out += "<div" + look("signature", "pb-signature") + ">\n";
        for (const Block& line : b.children) paragraph(line, "signature_line", out, depth + 1);
        if (b.children.empty() && !b.inlines.empty()) paragraph(b, "signature_line", out, depth + 1);
        out += "</div>\n";
        break;
    }
  }

  void inlines(const std::vector<Inline>& ins, std::string& out, int depth) const {
    for (const Inline& in : ins) inline_run(in, out, depth);
  }

  void inline_run(const Inline& in, std::string& out, int depth) const {
    if (depth >= kMaxDepth) {  // flatten: the text only
      std::string t;
      collect_text(in, t);
      article_text(out, t);
      return;
    }
    switch (in.kind) {
      case InlineKind::text:  // raw HTML from the notes arrives here, verbatim: shown as typed
        if (in.verbatim)
          escape_html_into(out, in.text);
        else
          article_text(out, in.text);
        break;
      case InlineKind::code:
        open(out, "code", "code");
        escape_html_into(out, in.text);
        out += "</code>";
        break;
      case InlineKind::emph:
      case InlineKind::strong: {
        const char* tag = in.kind == InlineKind::emph ? "em" : "strong";
        out += std::string("<") + tag + ">";
        inlines(in.children, out, depth + 1);
        out += std::string("</") + tag + ">";
        break;
      }
      case InlineKind::link: {
        const bool linked = is_safe_href(in.href());
        if (linked) out += "<a href=\"" + escape_html(in.href()) + "\"" + look("a") + ">";
        inlines(in.children, out, depth + 1);
        if (in.children.empty()) out += escape_html(in.href());
        if (linked) out += "</a>";
        break;
      }
    }
  }

  const Meta& meta_;
  const Profile& profile_;
  Mode mode_;
  /// Looks worked out so far (open()), by key; a deque keeps references stable.
  mutable std::deque<std::pair<const char*, std::string>> looks_;
};

/// True when s has a character other than a space (text::trim(s) is not empty).
bool has_text(std::string_view s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) > 0x20 && static_cast<unsigned char>(s[0]) < 0x7F)
    return true;  // an ASCII letter, digit or sign: never a space
  return !text::trim(s).empty();
}

void meta_tag(std::string& out, const char* name, std::string_view value) {
  const std::string_view v = text::trim(value);
  if (v.empty()) return;
  out += "<meta name=\"";
  out += name;
  out += "\" content=\"";
  escape_html_into(out, v);
  out += "\">\n";
}

}  // namespace

std::string render_fragment(const Document& document, const Meta& meta, const Profile& profile) {
  const Renderer r(meta, profile, Mode::fragment);
  std::string out;
  out.reserve(1024);
  r.heading(out);
  r.info_line(out);
  r.body(document, out);
  return out;
}

std::string render_page(const Document& document, const Meta& meta, const Profile& profile) {
  const Renderer r(meta, profile, Mode::page);
  const bool fold = profile.half_width_publish;
  auto article = [&](std::string_view s) { return fold ? text::fold_halfwidth(s) : std::string(s); };
  const std::string title = article(r.title());

  std::string out;
  out.reserve(8192);
  out +=
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>";
  escape_html_into(out, title);
  if (!profile.site_name.empty()) {
    out += " - ";
    escape_html_into(out, profile.site_name);
  }
  out += "</title>\n";

  // The meta tags of the government-website guidelines, where known.
  meta_tag(out, "SiteName", profile.site_name);
  meta_tag(out, "SiteDomain", profile.site_domain);
  meta_tag(out, "SiteIDCode", profile.site_id_code);
  meta_tag(out, "ColumnName", meta.column.value);
  meta_tag(out, "ArticleTitle", article(meta.title.value));
  if (auto t = read_datetime(meta.date.value)) {
    std::string date;
    append_datetime(date, *t, ' ', false);
    meta_tag(out, "PubDate", date);
  }
  meta_tag(out, "ContentSource", meta.source.value);
  meta_tag(out, "Keywords", meta.keywords.value);
  meta_tag(out, "Author", meta.author.value);
  if (const Block* p = first_paragraph(document.blocks, 0)) {
    meta_tag(out, "Description", prefix(text::trim(article(plain_text(p->inlines))), 120));
  }
  meta_tag(out, "Url", meta.url.value);

  // The page carries no script and loads nothing: the policy says so to the browser too.
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n";
  out += "<link rel=\"icon\" href=\"data:,\">\n<style>\n";
  for (const StyleRule& rule : kStyleRules) {
    auto it = profile.styles.find(rule.key);
    if (it == profile.styles.end() || !has_text(it->second)) continue;
    // Style values were checked when the profile was read (no <, >, {, }, @, \, url( …).
    out += rule.selector;
    out += '{';
    out += it->second;
    out += "}\n";
  }
  out += "</style>\n</head>\n<body>\n";

  // Breadcrumb: the only visible thing in the header.
  const std::string home = profile.home_url.empty() ? std::string("/") : profile.home_url;
  const std::string label = profile.crumb_label.empty() ? std::string("当前位置") : profile.crumb_label;
  out += "<header class=\"pb-header\"><nav class=\"pb-breadcrumb\" aria-label=\"";
  escape_html_into(out, label);
  out += "\"><a href=\"";
  escape_html_into(out, is_safe_href(home) ? std::string_view(home) : std::string_view("/"));
  out += "\">";
  escape_html_into(out, profile.home_label);
  out += "</a>";
  const std::string_view column = text::trim(meta.column.value);
  if (!column.empty()) {
    escape_html_into(out, profile.crumb_separator);
    out += "<span aria-current=\"page\">";
    escape_html_into(out, column);
    out += "</span>";
  }
  out += "</nav></header>\n";

  out += "<main>\n<article class=\"pb-article\">\n";
  r.heading(out);
  r.info_line(out);
  r.body(document, out);
  out += "</article>\n</main>\n";

  out += "<footer class=\"pb-footer\">\n";
  for (const auto& line : profile.footer_lines) {
    out += "<p>";
    for (std::size_t i = 0; i < line.size(); ++i) {
      const FooterItem& item = line[i];
      if (i > 0) escape_html_into(out, profile.footer_separator);
      if (!item.href.empty() && is_safe_href(item.href)) {
        out += "<a href=\"";
        escape_html_into(out, item.href);
        out += "\">";
        escape_html_into(out, item.text);
        out += "</a>";
      } else {
        escape_html_into(out, item.text);
      }
    }
    out += "</p>\n";
  }
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace ref_render
// NOLINTEND

namespace {

using namespace paiban;

/// A small deterministic generator (the test must give the same inputs on every machine).
struct Gen {
  std::uint64_t state;
  explicit Gen(std::uint64_t seed) : state(seed * 0x9E3779B97F4A7C15ull + 1) {}
  std::uint32_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<std::uint32_t>(state >> 11);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  bool one_in(int n) { return below(n) == 0; }
};

const char* const kPieces[] = {
    "会议",
    "生态环境",
    "，",
    "。",
    "：",
    "（",
    "）",
    "！",
    "？",
    "；",
    "ＡＢＣ",
    "１２３",
    "　",
    " ",
    "\t",
    "\n",
    "abc",
    "x",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "&amp;",
    "<script>",
    "\x01",
    "\x7F",
    "\xC2\x85",
    "\xEF\xBF\xBE",
    "\xEF\xB7\x90",
    "\xF0\x9F\x98\x80",
    "\xE2\x80\x94",
    "～",
    "％",
    "　　",
    "2024",
    "。”",
    "——",
};

std::string text_of(Gen& g, int max_pieces) {
  std::string s;
  const int n = g.below(max_pieces + 1);
  for (int i = 0; i < n; ++i) s += kPieces[g.below(static_cast<int>(std::size(kPieces)))];
  return s;
}

const char* const kHrefs[] = {"http://example.org/a?b=1&c=2",
                              "https://x.cn/\"q\"",
                              "mailto:a@b.cn",
                              "/rel/path",
                              "javascript:alert(1)",
                              "",
                              " \tJaVaScRiPt:x",
                              "data:text/html,x",
                              "#top",
                              "?q=<1>"};

Inline gen_inline(Gen& g, int depth) {
  Inline in;
  const int pick = depth > 3 ? 0 : g.below(8);
  switch (pick) {
    case 4:
      in.kind = InlineKind::emph;
      break;
    case 5:
      in.kind = InlineKind::strong;
      break;
    case 6:
      in.kind = InlineKind::code;
      in.text = text_of(g, 4);
      return in;
    case 7:
      in.kind = InlineKind::link;
      in.href() = kHrefs[g.below(static_cast<int>(std::size(kHrefs)))];
      break;
    default:
      in.text = text_of(g, 6);
      in.verbatim = g.one_in(5);
      return in;
  }
  const int n = g.below(4);
  for (int i = 0; i < n; ++i) in.children.push_back(gen_inline(g, depth + 1));
  return in;
}

std::vector<Inline> gen_inlines(Gen& g) {
  std::vector<Inline> out;
  const int n = g.below(5);
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(gen_inline(g, 0));
  return out;
}

/// An inline or block chain deeper than the renderer's limit (it flattens those).
Inline deep_inline(Gen& g, int depth) {
  Inline root;
  root.kind = InlineKind::strong;
  Inline* at = &root;
  for (int i = 0; i < depth; ++i) {
    at->children.push_back(Inline{});
    at = &at->children.back();
    at->kind = g.one_in(2) ? InlineKind::emph : InlineKind::link;
    if (at->kind == InlineKind::link) at->href() = "/x&y";
    Inline t;
    t.text = text_of(g, 2);
    at->children.push_back(t);
    at = &at->children.front();
  }
  at->text = text_of(g, 3);
  at->kind = InlineKind::text;
  return root;
}

Block gen_block(Gen& g, int depth) {
  Block b;
  const int pick = depth > 2 ? g.below(3) : g.below(9);
  switch (pick) {
    case 3:
      b.kind = BlockKind::heading;
      b.level = g.below(10) - 1;
      b.inlines = gen_inlines(g);
      break;
    case 4: {
      b.kind = BlockKind::list;
      const int n = g.below(4);
      for (int i = 0; i < n; ++i) {
        Block item;
        item.kind = BlockKind::list_item;
        item.inlines = gen_inlines(g);
        if (g.one_in(3)) item.children.push_back(gen_block(g, depth + 1));
        b.children.push_back(item);
      }
      break;
    }
    case 5:
      b.kind = BlockKind::list_item;
      b.inlines = gen_inlines(g);
      break;
    case 6: {
      b.kind = BlockKind::quote;
      const int n = g.below(3);
      for (int i = 0; i < n; ++i) b.children.push_back(gen_block(g, depth + 1));
      break;
    }
    case 7: {
      b.kind = BlockKind::signature;
      const int n = g.below(3);
      for (int i = 0; i < n; ++i) b.children.push_back(gen_block(g, depth + 1));
      if (n == 0) b.inlines = gen_inlines(g);
      break;
    }
    default:
      b.inlines = gen_inlines(g);
      break;
  }
  return b;
}

Document gen_document(Gen& g) {
  Document d;
  const int n = g.below(8);
  for (int i = 0; i < n; ++i) d.blocks.push_back(gen_block(g, 0));
  if (g.one_in(25)) {  // nesting past the limit: blocks
    Block root;
    root.kind = BlockKind::quote;
    Block* at = &root;
    const int depth = 60 + g.below(10);
    for (int i = 0; i < depth; ++i) {
      Block p;
      p.inlines = gen_inlines(g);
      at->children.push_back(p);
      if (g.one_in(4)) {  // through a list item
        Block list;
        list.kind = BlockKind::list;
        Block item;
        item.kind = BlockKind::list_item;
        item.inlines = gen_inlines(g);
        list.children.push_back(item);
        at->children.push_back(list);
        at = &at->children.back().children.back();
      }
      Block q;
      q.kind = BlockKind::quote;
      at->children.push_back(q);
      at = &at->children.back();
    }
    for (int i = 0; i < 3; ++i) at->children.push_back(gen_block(g, 0));
    at->inlines.push_back(deep_inline(g, 3));
    d.blocks.push_back(root);
  }
  if (g.one_in(25)) {  // and inlines
    Block p;
    p.inlines.push_back(deep_inline(g, 60 + g.below(10)));
    d.blocks.push_back(p);
  }
  return d;
}

Field field_of(Gen& g, const char* const* pool, int n) {
  if (g.one_in(4)) return Field{};
  return Field{g.one_in(3) ? text_of(g, 3) : std::string(pool[g.below(n)]), "given", {}};
}

Meta gen_meta(Gen& g) {
  static const char* const kTitles[] = {"示例标题", "", "　 ", "A&B <标题>", "“引号”（括号）"};
  static const char* const kDates[] = {
      "2022-10-14 10:53:02", "2022-10-14", "2022-10-14 10:53", "2022-02-30", "2024-02-29 23:59:59", "bad", "",
      "2022-13-01"};
  static const char* const kViews[] = {"23198", "", " 7 ", "1&2"};
  static const char* const kPlain[] = {"工作动态", "", "  ", "a\"b", "https://x.cn/p?a=1&b=2"};
  Meta m;
  m.title = field_of(g, kTitles, 5);
  m.date = field_of(g, kDates, 8);
  m.views = field_of(g, kViews, 4);
  m.column = field_of(g, kPlain, 5);
  m.source = field_of(g, kPlain, 5);
  m.author = field_of(g, kPlain, 5);
  m.keywords = field_of(g, kPlain, 5);
  m.url = field_of(g, kPlain, 5);
  return m;
}

Profile gen_profile(Gen& g) {
  Profile p = default_profile();
  p.half_width_publish = g.one_in(2);
  // every style key, and one the renderer does not know
  std::vector<const char*> keys(kStyleKeys.begin(), kStyleKeys.end());
  keys.push_back("unknown");
  for (const char* key : keys) {
    switch (g.below(6)) {
      case 0:
        p.styles.erase(key);
        break;
      case 1:
        p.styles[key] = "";
        break;
      case 2:
        p.styles[key] = "font-family:\"宋体\",'SimSun';color:#333";
        break;
      case 3:
        p.styles[key] = " ";
        break;
      default:
        break;
    }
  }
  if (g.one_in(4)) p.site_name.clear();
  if (g.one_in(4)) p.home_url = g.one_in(2) ? "javascript:x" : "";
  if (g.one_in(4)) p.crumb_label.clear();
  if (g.one_in(4)) p.date_format = "YYYY年MM月DD日 HH:mm & ss";
  if (g.one_in(4)) p.views_label = "<浏览>";
  if (g.one_in(4)) p.footer_lines.clear();
  if (g.one_in(4))
    p.footer_lines.push_back({FooterItem{"联系&我们", "", "mailto:a@b.cn"}, FooterItem{"x", "", "vbscript:y"}});
  return p;
}

}  // namespace

TEST_CASE("render both: one walk gives the page and the fragment the separate walks gave") {
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 4000; ++seed) {
    Gen g(seed);
    const Document doc = gen_document(g);
    const Meta meta = gen_meta(g);
    const Profile profile = gen_profile(g);
    const std::string page = ref_render::render_page(doc, meta, profile);
    const std::string fragment = ref_render::render_fragment(doc, meta, profile);
    CAPTURE(seed);
    REQUIRE(render_page(doc, meta, profile) == page);
    REQUIRE(render_fragment(doc, meta, profile) == fragment);
    std::string both_page = "<kept>";
    std::string both_fragment;
    render(doc, meta, profile, &both_page, &both_fragment);
    REQUIRE(both_page == "<kept>" + page);
    REQUIRE(both_fragment == fragment);
    ++compared;
  }
  CHECK(compared == 4000);
}

TEST_CASE("render both: no output asked, nothing made") {
  Gen g(7);
  const Document doc = gen_document(g);
  render(doc, gen_meta(g), default_profile(), nullptr, nullptr);  // must not crash
  CHECK(true);
}

TEST_CASE("render both: a consumed document gives the same outputs, in pieces, and is left empty") {
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    Gen g(seed);
    Document doc = gen_document(g);
    // Some documents are made of many, so the outputs are written in more than one piece.
    const int more = seed % 4 == 0 ? 20 + g.below(400) : 0;
    for (int i = 0; i < more; ++i) {
      Document extra = gen_document(g);
      for (Block& b : extra.blocks) doc.blocks.push_back(std::move(b));
    }
    const Meta meta = gen_meta(g);
    const Profile profile = gen_profile(g);
    const std::string page = ref_render::render_page(doc, meta, profile);
    const std::string fragment = ref_render::render_fragment(doc, meta, profile);
    CAPTURE(seed);
    const int which = g.below(3);  // 0 both, 1 the page only, 2 the fragment only
    std::string got_page = "<kept>";
    std::string got_fragment;
    Document consumed = doc;
    render(std::move(consumed), meta, profile, which != 2 ? &got_page : nullptr, which != 1 ? &got_fragment : nullptr);
    CHECK(consumed.blocks.empty());
    REQUIRE(got_page == (which != 2 ? "<kept>" + page : std::string("<kept>")));
    REQUIRE(got_fragment == (which != 1 ? fragment : std::string()));
    ++compared;
  }
  CHECK(compared == 3000);
}

TEST_CASE("render both: text that grows up to six-fold when escaped (a piece grows in the middle of a text)") {
  // The outputs' pieces are sized for the text plus an eighth: quotes, ampersands and forbidden
  // characters make the escaped text longer than that, and it must still come out whole, in
  // both outputs, as the reference writes it.
  const char* const kHeavy[] = {"\"", "&", "<", "'", "\x01", "\xC2\x85", "中", "a"};
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Gen g(seed);
    Document doc;
    const int blocks = 1 + g.below(4);
    for (int b = 0; b < blocks; ++b) {
      Inline in;
      in.kind = InlineKind::text;
      const int n = g.below(seed % 3 == 0 ? 20000 : 3000);
      const int spread = 1 + g.below(static_cast<int>(std::size(kHeavy)));
      for (int i = 0; i < n; ++i) in.text += kHeavy[g.below(spread)];
      Block p;
      p.inlines.push_back(std::move(in));
      doc.blocks.push_back(std::move(p));
    }
    const Meta meta = gen_meta(g);
    const Profile profile = gen_profile(g);
    const std::string page = ref_render::render_page(doc, meta, profile);
    const std::string fragment = ref_render::render_fragment(doc, meta, profile);
    CAPTURE(seed);
    std::string got_page;
    std::string got_fragment;
    render(Document(doc), meta, profile, &got_page, &got_fragment);
    REQUIRE(got_page == page);
    REQUIRE(got_fragment == fragment);
    REQUIRE(render_fragment(doc, meta, profile) == fragment);
    ++compared;
  }
  CHECK(compared == 300);
}

TEST_CASE("render both: escape_html writes what the byte-run escaper wrote, on any bytes") {
  // escape_html writes through a pointer into room made once (more only before an entity or a
  // U+FFFD); the reference appends each run to a string.
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 20000; ++seed) {
    Gen g(seed);
    std::string s = text_of(g, 1 + g.below(60));
    // Stray, truncated and invalid bytes as well, at any place (the end included).
    const int raw = g.below(4);
    for (int i = 0; i < raw; ++i)
      s.insert(static_cast<std::size_t>(g.below(static_cast<int>(s.size()) + 1)), 1, static_cast<char>(g.below(256)));
    std::string want;
    ref_render::escape_html_into(want, s);
    CAPTURE(seed);
    REQUIRE(escape_html(s) == want);
    ++compared;
  }
  CHECK(compared == 20000);
}
