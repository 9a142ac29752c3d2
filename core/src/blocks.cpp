// Stage 3: block structure from the lines the meta stage left, then inlines with cmark.
//
// Blocks are found line by line with the Chinese conventions of SPEC §2 (cmark never sees a
// line start, so it cannot make a list of `1.加强领导` or a code block of an indent):
// - paragraph modes: blank lines separate paragraphs and the lines between them are joined;
//   inside a run of lines where a later line is indented (U+3000, 2+ spaces, tab), indented
//   lines start paragraphs and unindented ones continue them; a text with neither blank lines
//   nor indents has one paragraph per line;
// - short stand-alone GB/T 9704 numbered lines are headings, `#` lines markdown headings;
// - bullets (Word glyphs, markdown `- `) are list items, `>` lines quotes;
// - a unit line and a date line at the very end are the signature.
// Each block's lines are then joined (a space only between two Latin letters or digits) and
// parsed by cmark as one paragraph for emphasis, code, links; the text runs map back to the
// exact source line and column.
#include "blocks.h"

#include <cmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "meta.h"
#include "numbering.h"
#include "text.h"

namespace paiban {

namespace {

/// A piece of one source line: its text and where that text starts.
struct Seg {
  int line = 0;
  int col = 0;
  std::string_view text;
};

/// Consecutive Segs (a block's lines), held elsewhere.
struct Segs {
  const Seg* first = nullptr;
  std::size_t n = 0;
  std::size_t size() const { return n; }
  bool empty() const { return n == 0; }
  const Seg& operator[](std::size_t i) const { return first[i]; }
  const Seg& front() const { return first[0]; }
  const Seg& back() const { return first[n - 1]; }
  const Seg* begin() const { return first; }
  const Seg* end() const { return first + n; }
};

/// A non-blank body line, indent and trailing spaces removed.
struct Line {
  Seg seg;
  bool indented = false;      ///< paragraph indent: U+3000, two or more spaces, or a tab
  bool blank_before = false;  ///< a blank (or consumed) line comes before it
};

// True when the last code point of s (not empty) is surely not a space: it ends a well-formed
// sequence and is_space says no. Otherwise text::trim decides.
bool ends_without_space(std::string_view s) {
  // Most lines end in an ASCII byte or in a three-byte character (Han, 。，）): settled by their
  // last bytes, as the decode below would settle them. Leads E1 and E4–EE (U+1000–U+1FFF,
  // U+4000–U+EFFF) hold no space; E3 only U+3000, EF only U+FEFF (and U+FFFD, which says no
  // too). E0 (whose short forms decode to ASCII) and E2 (the U+2000 spaces) go the long way.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t size = s.size();
  const unsigned char last = p[size - 1];
  if (last < 0x80) return last != ' ' && last != '\t';
  if (size >= 3 && (p[size - 2] & 0xC0) == 0x80 && (last & 0xC0) == 0x80) {
    const unsigned char lead = p[size - 3];
    const unsigned tail = (static_cast<unsigned>(p[size - 2]) << 8) | last;
    if (lead == 0xE1 || (lead >= 0xE4 && lead <= 0xEE)) return true;
    if (lead == 0xE3) return tail != 0x8080u;                     // U+3000
    if (lead == 0xEF) return tail != 0xBBBFu && tail != 0xBFBDu;  // U+FEFF, U+FFFD
  }
  std::size_t b = size - 1;
  while (b > 0 && s.size() - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  std::size_t e = b;
  const char32_t c = text::next(s, e);
  return e == s.size() && c != 0xFFFD && !text::is_space(c);
}

// text::trim of a text whose leading spaces are gone: most end without a space either.
std::string_view trim_rest(std::string_view s) {
  return s.empty() || ends_without_space(s) ? s : text::trim(s);
}

// Removes leading spaces, telling whether they form a paragraph indent.
Line make_line(std::string_view raw, int line_no) {
  Line l;
  // Most lines neither start nor end with a space: a look at both ends settles them.
  if (!raw.empty()) {
    std::size_t e = 0;
    const char32_t c = text::next(raw, e);
    if (c != 0xFFFD && !text::is_space(c) && ends_without_space(raw)) {
      l.seg = Seg{line_no, 1, raw};
      return l;
    }
  }
  std::size_t i = 0;
  int col = 1;
  int spaces = 0;
  bool indent = false;
  while (i < raw.size()) {
    std::size_t j = i;
    char32_t c = text::next(raw, j);
    if (!text::is_space(c)) break;
    if (c == 0x3000 || c == '\t')
      indent = true;
    else
      ++spaces;
    ++col;
    i = j;
  }
  l.indented = indent || spaces >= 2;
  l.seg = Seg{line_no, col, trim_rest(raw.substr(i))};
  return l;
}

// Advances a Seg past `bytes` bytes of its text (a marker) and the spaces after it.
Seg skip(const Seg& s, std::size_t bytes) {
  Seg out = s;
  out.col += text::length(s.text.substr(0, bytes));
  out.text = s.text.substr(bytes);
  std::size_t i = 0;
  while (i < out.text.size()) {
    std::size_t j = i;
    char32_t c = text::next(out.text, j);
    if (!text::is_space(c)) break;
    ++out.col;
    i = j;
  }
  out.text = trim_rest(out.text.substr(i));
  return out;
}

enum class Shape { plain, heading, atx, item, quote };

struct Classified {
  Shape shape = Shape::plain;
  int level = 0;
  Seg content;     ///< the text after the marker (the whole line for GB/T headings)
  int number = 0;  ///< numbering::heading_number_level of the line (not for ATX headings)
};

Classified classify(const Seg& s) {
  Classified c;
  c.content = s;
  std::string_view t = s.text;
  // Markdown ATX heading: 1–6 `#`, then a space or tab, then text.
  std::size_t hashes = 0;
  while (hashes < t.size() && t[hashes] == '#') ++hashes;
  if (hashes >= 1 && hashes <= 6 && hashes < t.size() && (t[hashes] == ' ' || t[hashes] == '\t')) {
    Seg body = skip(s, hashes);
    // An optional closing run of `#` after a space.
    std::string_view b = body.text;
    std::size_t end = b.size();
    while (end > 0 && b[end - 1] == '#') --end;
    if (end < b.size() && (end == 0 || b[end - 1] == ' ' || b[end - 1] == '\t')) b = text::trim(b.substr(0, end));
    body.text = b;
    if (!body.text.empty()) {
      c.shape = Shape::atx;
      c.level = std::min<int>(static_cast<int>(hashes) + 1, 6);
      c.content = body;
      return c;
    }
  }
  c.number = numbering::heading_number_level(t);
  if (c.number > 0 && numbering::heading_shape(t)) {  // numbering::heading_level
    c.shape = Shape::heading;
    c.level = c.number;
    return c;
  }
  if (std::size_t n = numbering::bullet_length(t); n > 0) {
    c.shape = Shape::item;
    c.content = skip(s, n);
    return c;
  }
  if (!t.empty() && t[0] == '>') {
    // `>` then a space, the end, or a non-ASCII character (`>=90%` stays text).
    if (t.size() == 1 || t[1] == ' ' || t[1] == '\t' || static_cast<unsigned char>(t[1]) >= 0x80) {
      c.shape = Shape::quote;
      Seg body = s;
      body.col += 1;
      body.text = t.substr(1);
      if (!body.text.empty() && (body.text[0] == ' ' || body.text[0] == '\t')) {
        body.col += 1;
        body.text = body.text.substr(1);
      }
      // Further leading spaces are an indent.
      c.content = skip(body, 0);
      return c;
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Joining lines

using text::is_ascii_alnum;
using text::is_ascii_letter;

char32_t first_cp(std::string_view s) {
  std::size_t i = 0;
  return s.empty() ? 0 : text::next(s, i);
}

// The last code point of s and the one before it.
void last_two(std::string_view s, char32_t& last, char32_t& before) {
  last = before = 0;
  std::size_t end = s.size();
  auto back = [&](std::size_t& e) -> char32_t {
    if (e == 0) return 0;
    std::size_t b = e - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    std::size_t k = b;
    char32_t c = text::next(s, k);
    e = b;
    return c;
  };
  last = back(end);
  before = back(end);
}

// What goes between two hard-wrapped lines of one paragraph: nothing, except a space between
// two Latin letters or digits (`PM2.5` split after the dot stays whole), or after an English
// comma-like mark that follows a Latin letter or digit.
const char* join_separator(std::string_view prev, std::string_view next) {
  // A line that ends in a three-byte character E1–EF xx xx (all of Chinese: U+1000 and up) takes
  // none: that character is neither a Latin letter or digit nor a comma-like mark.
  if (const std::size_t n = prev.size(); n >= 3) {
    const auto* p = reinterpret_cast<const unsigned char*>(prev.data()) + n - 3;
    if (p[0] >= 0xE1 && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) return "";
  }
  char32_t last = 0, before = 0;
  last_two(prev, last, before);
  char32_t first = first_cp(next);
  if (is_ascii_alnum(last) && is_ascii_alnum(first)) return " ";
  if ((last == ',' || last == ';' || last == ':' || last == '!' || last == '?' || last == ')') &&
      is_ascii_alnum(before) && is_ascii_letter(first))
    return " ";
  return "";
}

// ---------------------------------------------------------------------------------------------
// Inlines

/// A link target the page may carry: http, https, mailto, or no scheme at all (relative).
bool safe_href(std::string_view url) {
  // What a browser would see: no ASCII whitespace or controls, no other spaces either.
  std::string clean;
  for (std::size_t i = 0; i < url.size();) {
    char32_t c = text::next(url, i);
    if (c <= 0x20 || c == 0x7F || text::is_space(c) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF) continue;
    text::append(clean, c);
  }
  std::size_t colon = clean.find(':');
  if (colon == std::string::npos) return true;
  std::size_t stop = clean.find_first_of("/?#");
  if (stop != std::string::npos && stop < colon) return true;  // a relative path with a colon later
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    char ch = clean[i];
    scheme += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

/// Spare bytes a run of `size` bytes gets when it is made: the typography rules rewrite a run
/// in place (a space between Chinese and Latin, a full-width mark for a half-width one), and a
/// run that outgrows its room is regrown and then fitted again, two allocations more.
constexpr std::size_t run_room(std::size_t size) {
  return size / 32 + 8;
}

/// A byte cmark's inline parser stops at (or a line end).
constexpr bool markup_byte(unsigned char c) {
  return c == '\n' || c == '\r' || text::markup_start(c);
}

}  // namespace

// Eight bytes at a time: a word without any byte below 0x61 (all of Chinese text's bytes, most
// Latin letters) cannot hold a markup byte, as each lies below 0x61.
bool detail::has_markup_byte(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  // markup_byte as a table, so that a word's eight bytes are looked at without a branch each.
  static constexpr std::array<unsigned char, 256> kMarkup = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c < 256; ++c) t[c] = markup_byte(static_cast<unsigned char>(c)) ? 1 : 0;
    return t;
  }();
  for (; i + 8 <= n; i += 8) {
    if (!text::bytes8::any_below(text::bytes8::load(p + i), 0x61)) continue;  // no byte below 0x61
    const int any = kMarkup[p[i]] | kMarkup[p[i + 1]] | kMarkup[p[i + 2]] | kMarkup[p[i + 3]] | kMarkup[p[i + 4]] |
                    kMarkup[p[i + 5]] | kMarkup[p[i + 6]] | kMarkup[p[i + 7]];
    if (any != 0) return true;
  }
  for (; i < n; ++i)
    if (markup_byte(p[i])) return true;
  return false;
}

bool detail::ends_without_space(std::string_view s) {
  return paiban::ends_without_space(s);
}

const char* detail::join_separator(std::string_view prev, std::string_view next) {
  return paiban::join_separator(prev, next);
}

namespace {

struct CmarkDoc {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

class InlineParser {
 public:
  /// `markup_free`: the lines are known to hold no markup byte (Source::markup_free).
  InlineParser(Segs segs, std::vector<Diagnostic>& diagnostics, bool markup_free)
      : segs_(segs), diagnostics_(diagnostics), markup_free_(markup_free) {}

  std::vector<Inline> parse(bool fast) {
    std::vector<Inline> out;
    if (segs_.empty()) return out;
    if (fast && plain()) {
      // What cmark gives for text without markup, without asking it: one text node, which
      // emit_literal would cut into one run per line (a separator goes with the line before).
      out.reserve(segs_.size());
      for (std::size_t k = 0; k < segs_.size(); ++k) {
        Inline& run = out.emplace_back();
        run.pos = Pos{segs_[k].line, segs_[k].col};
        const std::string_view sep = k + 1 < segs_.size() ? join_separator(segs_[k].text, segs_[k + 1].text) : "";
        const std::size_t size = segs_[k].text.size() + sep.size();
        run.text.reserve(size + run_room(size));  // one allocation, with room for the rules
        run.text.append(segs_[k].text);
        if (!sep.empty()) run.text.append(sep);
      }
      return out;
    }
    buf_ = kPrefix;
    starts_.reserve(segs_.size());
    for (std::size_t k = 0; k < segs_.size(); ++k) {
      if (k > 0) buf_ += join_separator(segs_[k - 1].text, segs_[k].text);
      starts_.push_back(buf_.size());
      buf_ += segs_[k].text;
    }
    std::unique_ptr<cmark_node, CmarkDoc> doc(cmark_parse_document(buf_.data(), buf_.size(), CMARK_OPT_DEFAULT));
    cmark_node* para = doc ? cmark_node_first_child(doc.get()) : nullptr;
    if (para == nullptr || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH || cmark_node_next(para) != nullptr) {
      // Cannot happen with the prefix; keep the text as it is.
      emit_verbatim(InlineKind::text, std::strlen(kPrefix), buf_.size(), out);
      return out;
    }
    convert_children(para, out);
    return out;
  }

 private:
  static constexpr const char* kPrefix = "\xC2\xA0";  // U+00A0: plain text to cmark, flanks like a space

  /// True when cmark would read the joined lines (its prefix, the lines, the separators
  /// between them) as one paragraph of one text node, as it is: no byte its inline parser
  /// stops at (line ends, ! & * < [ \\ ] _ `), no line that is empty, no space or tab at the
  /// end (the paragraph's end is trimmed). The prefix and the separators never hold such a
  /// byte, so the lines alone are looked at.
  bool plain() const {
    for (const Seg& seg : segs_)
      if (seg.text.empty() || (!markup_free_ && detail::has_markup_byte(seg.text))) return false;
    const char last = segs_.back().text.back();
    return last != ' ' && last != '\t';
  }

  // Byte offset in buf_ of a node's start column.
  std::size_t offset_of(cmark_node* n) const {
    int col = cmark_node_get_start_column(n);
    if (col < 1) return 0;
    return std::min(static_cast<std::size_t>(col - 1), buf_.size());
  }
  // Byte offset in buf_ where an element (emphasis, link, image) starts: never inside the prefix.
  std::size_t element_at(cmark_node* n) const { return std::max(offset_of(n), std::strlen(kPrefix)); }

  // The segment holding byte `at` (separator bytes belong to the segment before them).
  std::size_t seg_index(std::size_t at) {
    if (seg_hint_ < starts_.size() && starts_[seg_hint_] <= at &&
        (seg_hint_ + 1 == starts_.size() || at < starts_[seg_hint_ + 1]))
      return seg_hint_;
    auto it = std::upper_bound(starts_.begin(), starts_.end(), at);
    seg_hint_ = it == starts_.begin() ? 0 : static_cast<std::size_t>(it - starts_.begin()) - 1;
    return seg_hint_;
  }

  Pos pos_at(std::size_t at) {
    std::size_t k = seg_index(at);
    const Seg& s = segs_[k];
    std::size_t within = at < starts_[k] ? 0 : std::min(at - starts_[k], s.text.size());
    if (cache_seg_ != k || cache_off_ > within) {
      cache_seg_ = k;
      cache_off_ = 0;
      cache_cps_ = 0;
    }
    for (std::size_t i = cache_off_; i < within; ++i)
      if ((static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80) ++cache_cps_;
    cache_off_ = within;
    return Pos{s.line, s.col + cache_cps_};
  }

  // Is this byte a separator inserted between two lines (not source text)?
  bool in_separator(std::size_t at) {
    std::size_t k = seg_index(at);
    return at >= starts_[k] + segs_[k].text.size();
  }

  static bool ascii_punct(char ch) {
    return (ch >= '!' && ch <= '/') || (ch >= ':' && ch <= '@') || (ch >= '[' && ch <= '`') || (ch >= '{' && ch <= '~');
  }

  // Where in buf_ the next literal code point (bytes cp) comes from, starting the search at
  // `cur`; advances `cur` past its source form (verbatim, a backslash escape or an entity).
  std::size_t align(std::string_view cp, std::string_view rest_of_literal, std::size_t& cur, bool markup) {
    const std::size_t n = buf_.size();
    if (cur >= n) return n == 0 ? 0 : n - 1;
    if (markup && buf_[cur] == '\\' && cur + 1 < n && ascii_punct(buf_[cur + 1]) && cp.size() == 1 &&
        cp[0] == buf_[cur + 1]) {
      std::size_t at = cur;
      cur += 2;
      return at;
    }
    if (markup && buf_[cur] == '&') {
      std::size_t semi = buf_.find(';', cur + 1);
      bool entity = semi != std::string::npos && semi - cur <= 40 && semi > cur + 1;
      for (std::size_t i = cur + 1; entity && i < semi; ++i) {
        char ch = buf_[i];
        entity = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '#';
      }
      // `&` kept as it is when the literal goes on like the source does.
      bool verbatim = cp == "&" && (rest_of_literal.empty() || (cur + 1 < n && rest_of_literal[0] == buf_[cur + 1]));
      if (entity && !verbatim) {
        std::size_t at = cur;
        cur = semi + 1;
        return at;
      }
    }
    if (buf_.compare(cur, cp.size(), cp) == 0) {
      std::size_t at = cur;
      cur += cp.size();
      return at;
    }
    // Spaces cmark dropped (code span padding), or a character it changed: look a little ahead.
    std::size_t limit = std::min(n, cur + 48);
    std::size_t found = buf_.find(cp, cur);
    if (found != std::string::npos && found < limit) {
      cur = found + cp.size();
      return found;
    }
    return cur;
  }

  // Appends the code points of `literal` (which cmark read starting at byte `start`) as runs
  // of `kind`, one per source line.
  void emit_literal(InlineKind kind, std::string_view literal, std::size_t start, bool markup,
                    std::vector<Inline>& out) {
    const std::size_t prefix_len = std::strlen(kPrefix);
    std::size_t cur = start;
    bool open = false;
    std::size_t run_seg = 0;
    for (std::size_t i = 0; i < literal.size();) {
      if (open && cur >= prefix_len) {
        // Fast path: code points copied as they are from the open run's segment (no escape,
        // no entity) extend the run in one append.
        const std::size_t seg_end = run_seg + 1 < starts_.size() ? starts_[run_seg + 1] : buf_.size();
        std::size_t j = i;
        std::size_t c = cur;
        while (j < literal.size() && c < seg_end) {
          const char ch = buf_[c];
          if (markup && (ch == '\\' || ch == '&')) break;
          std::size_t e = j;
          text::next(literal, e);
          if (buf_.compare(c, e - j, literal.data() + j, e - j) != 0) break;
          c += e - j;
          j = e;
        }
        if (j > i) {
          out.back().text.append(literal.data() + i, j - i);
          i = j;
          cur = c;
          continue;
        }
      }
      std::size_t b = i;
      text::next(literal, i);
      std::string_view cp = literal.substr(b, i - b);
      std::size_t at = align(cp, literal.substr(i), cur, markup);
      if (at < std::strlen(kPrefix)) {
        if (cp == kPrefix) continue;  // the prefix itself
        at = std::strlen(kPrefix);
      }
      std::size_t k = seg_index(at);
      if (!open || (k != run_seg && !in_separator(at))) {
        Inline run;
        run.kind = kind;
        run.pos = pos_at(at);
        out.push_back(std::move(run));
        open = true;
        run_seg = k;
      }
      out.back().text += cp;
    }
  }

  // The source bytes [from, to) of buf_ as runs of `kind`.
  void emit_verbatim(InlineKind kind, std::size_t from, std::size_t to, std::vector<Inline>& out) {
    if (from >= to) return;
    emit_literal(kind, std::string_view(buf_).substr(from, to - from), from, false, out);
  }

  void convert_children(cmark_node* parent, std::vector<Inline>& out) {
    for (cmark_node* n = cmark_node_first_child(parent); n != nullptr; n = cmark_node_next(n)) convert(n, out);
  }

  void convert(cmark_node* n, std::vector<Inline>& out) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
        emit_literal(InlineKind::text, literal(n), offset_of(n), true, out);
        break;
      case CMARK_NODE_HTML_INLINE:
        emit_literal(InlineKind::text, literal(n), offset_of(n), false, out);
        break;
      case CMARK_NODE_CODE:
        emit_literal(InlineKind::code, literal(n), offset_of(n), false, out);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: {
        Inline sp;
        sp.text = " ";
        sp.pos = pos_at(offset_of(n));
        out.push_back(std::move(sp));
        break;
      }
      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG: {
        if (too_deep(n, out)) break;
        const Deeper deeper(depth_);
        Inline e;
        e.kind = cmark_node_get_type(n) == CMARK_NODE_EMPH ? InlineKind::emph : InlineKind::strong;
        e.pos = pos_at(element_at(n));
        convert_children(n, e.children);
        out.push_back(std::move(e));
        break;
      }
      case CMARK_NODE_LINK: {
        if (too_deep(n, out)) break;
        const Deeper deeper(depth_);
        Inline l;
        l.kind = InlineKind::link;
        const char* url = cmark_node_get_url(n);
        l.href() = url != nullptr ? url : "";
        l.pos = pos_at(element_at(n));
        convert_children(n, l.children);
        if (safe_href(l.href())) {
          out.push_back(std::move(l));
        } else {
          Diagnostic d;
          d.rule = "blocks.unsafe-link";
          d.severity = Severity::warning;
          d.line = l.pos.line;
          d.column = l.pos.col;
          d.before = l.href();
          d.set_message("链接地址“" + l.href() +
                        "”不安全（只允许 http、https、mailto 或相对地址），已改为纯文本 / the link target \"" +
                        l.href() + "\" is not allowed (only http, https, mailto or relative), shown as plain text");
          diagnostics_.push_back(std::move(d));
          flatten(l.children, out);
        }
        break;
      }
      case CMARK_NODE_IMAGE: {
        // Shown as the text it was written as.
        std::size_t from = element_at(n);
        int end_col = cmark_node_get_end_column(n);
        std::size_t to = end_col > 0 ? std::min(static_cast<std::size_t>(end_col), buf_.size()) : buf_.size();
        emit_verbatim(InlineKind::text, from, to, out);
        break;
      }
      default:
        convert_children(n, out);
        break;
    }
  }

  /// True when an emphasis or a link at n would nest deeper than kMaxInlineDepth: its children
  /// are then converted into the level above (the text kept, the look or the link's target not),
  /// with one warning for the block. Every later stage walks the inlines recursively: a bound
  /// here keeps them all off the end of the stack (50,000 nested emphases are 100 KB of notes).
  bool too_deep(cmark_node* n, std::vector<Inline>& out) {
    if (depth_ < kMaxInlineDepth) return false;
    if (!warned_deep_) {
      warned_deep_ = true;
      const Pos at = pos_at(element_at(n));
      Diagnostic d;
      d.rule = "blocks.deep-nesting";
      d.severity = Severity::warning;
      d.line = at.line;
      d.column = at.col;
      d.set_static_message(
          "强调或链接嵌套超过 64 层，更深的部分按纯文本显示 / emphasis or links nested more than 64 deep: the "
          "deeper ones are shown as plain text");
      diagnostics_.push_back(std::move(d));
    }
    // Its leaves in order, without a call per level (an iterator over the subtree).
    cmark_iter* it = cmark_iter_new(n);
    for (cmark_event_type ev = cmark_iter_next(it); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it)) {
      cmark_node* c = cmark_iter_get_node(it);
      if (ev != CMARK_EVENT_ENTER || c == n) continue;
      switch (cmark_node_get_type(c)) {
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
          break;  // their leaves come next
        case CMARK_NODE_IMAGE:
          convert(c, out);  // shown as written, its label with it
          cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
          break;
        default:
          convert(c, out);  // a leaf
          break;
      }
    }
    cmark_iter_free(it);
    return true;
  }
  /// One level deeper while it lives.
  struct Deeper {
    explicit Deeper(int& depth) : depth_(depth) { ++depth_; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;
    ~Deeper() { --depth_; }
    int& depth_;
  };

  // A link's label as plain text runs (adjacent runs on one line are merged).
  static void flatten(const std::vector<Inline>& in, std::vector<Inline>& out) {
    for (const Inline& x : in) {
      if (x.kind == InlineKind::text || x.kind == InlineKind::code) {
        if (!out.empty() && out.back().kind == InlineKind::text && out.back().pos.line == x.pos.line &&
            out.back().pos.col + text::length(out.back().text) == x.pos.col) {
          out.back().text += x.text;
        } else {
          Inline t = x;
          t.kind = InlineKind::text;
          out.push_back(std::move(t));
        }
      } else {
        flatten(x.children, out);
      }
    }
  }

  static std::string_view literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s != nullptr ? std::string_view(s) : std::string_view();
  }

  Segs segs_;
  std::vector<Diagnostic>& diagnostics_;
  static constexpr int kMaxInlineDepth = 64;  ///< (the warning's message says 64)
  int depth_ = 0;                             ///< emphases and links around the node converted
  bool warned_deep_ = false;                  ///< blocks.deep-nesting noted for this block
  bool markup_free_ = false;
  std::string buf_;
  std::vector<std::size_t> starts_;
  std::size_t seg_hint_ = 0;
  std::size_t cache_seg_ = static_cast<std::size_t>(-1);
  std::size_t cache_off_ = 0;
  int cache_cps_ = 0;
};

std::vector<Inline> inlines_of(Segs segs, std::vector<Diagnostic>& diagnostics, bool fast, bool markup_free) {
  return InlineParser(segs, diagnostics, markup_free).parse(fast);
}

// ---------------------------------------------------------------------------------------------
// Blocks

// A block before its inlines are read.
struct Proto {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
  Pos pos;
  std::size_t seg_begin = 0;  ///< the block's lines, [seg_begin, seg_end) of the stage's Seg list:
  std::size_t seg_end = 0;    ///< the lines to join, or a quote's lines (an empty one ends a paragraph)
  bool per_line = false;      ///< quote: one paragraph per line
};

/// Where blocks go and how their inlines are read (`fast`: text without markup skips cmark).
struct Sink {
  std::vector<Diagnostic>& diagnostics;
  bool fast;
  bool markup_free;  ///< Source::markup_free
};

/// Appends a leaf block of `kind` to `out`, built in place.
Block& leaf(std::vector<Block>& out, BlockKind kind, Segs segs, Pos pos, const Sink& sink) {
  Block& b = out.emplace_back();
  b.kind = kind;
  b.pos = pos;
  b.inlines = inlines_of(segs, sink.diagnostics, sink.fast, sink.markup_free);
  return b;
}

/// Fills quote `q` from its lines (`lines`: an empty one ends a paragraph).
void quote_block(Block& q, Segs lines, bool per_line, const Sink& sink) {
  // Its paragraphs: one per line, or one per run of lines between empty ones.
  std::size_t paragraphs = 0;
  bool in_paragraph = false;
  for (const Seg& c : lines) {
    const bool line = !c.text.empty();
    if (line && (per_line || !in_paragraph)) ++paragraphs;
    in_paragraph = line;
  }
  q.children.reserve(paragraphs);
  // A paragraph's lines are consecutive in `lines`: each is read where it lies.
  std::size_t from = 0;
  auto flush = [&](std::size_t to) {
    if (from < to) {
      const Seg& first = lines[from];
      leaf(q.children, BlockKind::paragraph, Segs{&first, to - from}, Pos{first.line, first.col}, sink);
    }
    from = to;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].text.empty()) {
      flush(i);
      from = i + 1;
      continue;
    }
    if (per_line) flush(i);
  }
  flush(lines.size());
}

bool unit_suffix(std::string_view t) {
  static const char* const kSuffixes[] = {"局", "委",   "会",   "室", "府", "厅", "部", "办", "院",   "所",
                                          "站", "中心", "公司", "组", "处", "科", "队", "社", "党委", "支部"};
  for (const char* s : kSuffixes) {
    std::string_view sv(s);
    if (t.size() >= sv.size() && t.substr(t.size() - sv.size()) == sv) return true;
  }
  return false;
}

// A sign-off unit line: short, no punctuation but brackets, not a heading or bullet.
/// In a text with neither blank lines nor indents (one paragraph per line), a line still runs
/// on into the next when a quote or bracket is left open, or when it is a full-length line cut
/// mid-sentence (a PDF copy): it ends in a Chinese character or a comma and is nearly as long
/// as the longest line around it.
bool runs_on(Segs para, std::size_t longest) {
  int straight = 0, dq = 0, paren = 0, book = 0;
  for (const Seg& sg : para) {
    for (std::size_t i = 0; i < sg.text.size();) {
      switch (text::next(sg.text, i)) {
        case '"':
          ++straight;
          break;
        case U'“':
          ++dq;
          break;
        case U'”':
          --dq;
          break;
        case U'（':
        case '(':
          ++paren;
          break;
        case U'）':
        case ')':
          --paren;
          break;
        case U'《':
          ++book;
          break;
        case U'》':
          --book;
          break;
        default:
          break;
      }
    }
  }
  if (straight % 2 == 1 || dq > 0 || paren > 0 || book > 0) return true;
  const std::u32string last = text::to_u32(para.back().text);
  if (last.empty()) return false;
  const char32_t end = last.back();
  const bool cut = text::is_han(end) || end == U'，' || end == ',' || end == U'、';
  return cut && last.size() >= 20 && last.size() * 10 >= longest * 9;
}

bool unit_line(std::string_view t) {
  int n = 0;
  for (std::size_t i = 0; i < t.size();) {
    char32_t c = text::next(t, i);
    ++n;
    bool bracket = c == U'（' || c == U'）' || c == '(' || c == ')';
    if (!bracket && (text::is_cjk_punct(c) || (c < 0x80 && !is_ascii_alnum(c) && c != ' '))) return false;
  }
  if (n == 0 || n > 30) return false;
  if (numbering::heading_number_level(t) > 0 || numbering::bullet_length(t) > 0) return false;
  return !parse_datetime(t);
}

}  // namespace

Document parse_blocks(const Source& source, const Meta& meta, std::vector<Diagnostic>& diagnostics,
                      bool fast_plain_text) {
  const Sink sink{diagnostics, fast_plain_text, source.markup_free};
  // The body lines.
  std::vector<Line> lines;
  lines.reserve(source.line_count());
  bool gap = false;
  for (std::size_t i = 0; i < source.line_count(); ++i) {
    bool consumed = i < meta.consumed.size() && meta.consumed[i];
    Line l = make_line(source.line(i), static_cast<int>(i) + 1);
    if (consumed || l.seg.text.empty()) {
      gap = true;
      continue;
    }
    l.blank_before = gap && !lines.empty();
    gap = false;
    lines.push_back(l);
  }

  // The signature: unit line(s), then a date line, as the last lines of the text.
  std::size_t body_end = lines.size();
  std::size_t sig_begin = lines.size();
  if (lines.size() >= 2 && parse_datetime(lines.back().seg.text)) {
    std::size_t d = lines.size() - 1;
    if (unit_line(lines[d - 1].seg.text)) {
      sig_begin = d - 1;
      // Joint sign-offs: up to two more unit lines directly above, each ending like a unit name.
      for (int extra = 0; extra < 2 && sig_begin > 0; ++extra) {
        const Line& above = lines[sig_begin - 1];
        const Line& below = lines[sig_begin];
        if (below.blank_before || !unit_line(above.seg.text) || !unit_suffix(above.seg.text)) break;
        --sig_begin;
      }
      body_end = sig_begin;
    }
  }

  bool blank_separated = false;
  for (std::size_t k = 1; k < body_end; ++k)
    if (lines[k].blank_before) blank_separated = true;

  std::vector<Proto> protos;
  protos.reserve(body_end);
  std::vector<Seg> segs;  // the lines of all paragraphs, headings and items, block after block
  segs.reserve(body_end);
  // A new block of `kind` whose first line is `first`.
  auto add = [&](BlockKind kind, Pos pos, const Seg& first) -> Proto& {
    Proto& p = protos.emplace_back();
    p.kind = kind;
    p.pos = pos;
    p.seg_begin = segs.size();
    segs.push_back(first);
    p.seg_end = segs.size();
    return p;
  };
  auto segs_of_proto = [&](const Proto& p) { return Segs{segs.data() + p.seg_begin, p.seg_end - p.seg_begin}; };
  enum class Open { none, paragraph, item, quote } open = Open::none;
  std::size_t k = 0;
  while (k < body_end) {
    // One chunk: lines k..e-1 with no blank line between them.
    std::size_t e = k + 1;
    while (e < body_end && !lines[e].blank_before) ++e;
    bool indent_mode = false;
    for (std::size_t j = k + 1; j < e; ++j)
      if (lines[j].indented) indent_mode = true;
    const bool per_line = !blank_separated && !indent_mode;
    std::size_t longest = 0;
    if (per_line)
      for (std::size_t j = k; j < e; ++j)
        longest = std::max(longest, static_cast<std::size_t>(text::length(lines[j].seg.text)));
    open = Open::none;
    for (std::size_t j = k; j < e; ++j) {
      const Line& l = lines[j];
      Classified c = classify(l.seg);
      Pos pos{l.seg.line, l.seg.col};
      switch (c.shape) {
        case Shape::heading:
        case Shape::atx: {
          add(BlockKind::heading, pos, c.content).level = c.level;
          open = Open::none;
          break;
        }
        case Shape::item: {
          add(BlockKind::list_item, pos, c.content);
          open = Open::item;
          break;
        }
        case Shape::quote: {
          if (open != Open::quote) {
            Proto& p = protos.emplace_back();
            p.kind = BlockKind::quote;
            p.pos = pos;
            p.seg_begin = p.seg_end = segs.size();
            p.per_line = per_line;
            open = Open::quote;
          }
          segs.push_back(c.content);
          protos.back().seg_end = segs.size();
          break;
        }
        case Shape::plain: {
          // A line that starts with a GB/T 9704 number (1.… （一）…) is a run-in head: it
          // always starts a paragraph of its own, even inside a blank-line-separated chunk.
          bool starts = j == k || per_line || (indent_mode && l.indented) || c.number > 0;
          if (per_line && j > k && open == Open::paragraph && runs_on(segs_of_proto(protos.back()), longest))
            starts = false;
          if (!starts && (open == Open::paragraph || open == Open::item)) {
            // The open block is the last one, so its lines stay together in `segs`.
            segs.push_back(l.seg);
            protos.back().seg_end = segs.size();
          } else {
            add(BlockKind::paragraph, pos, l.seg);
            open = Open::paragraph;
          }
          break;
        }
      }
    }
    k = e;
  }

  Document doc;
  doc.blocks.reserve(protos.size() + 1);
  for (std::size_t at = 0; at < protos.size(); ++at) {
    const Proto& p = protos[at];
    if (p.kind == BlockKind::list_item) {
      // Consecutive items (blank lines between them allowed) make one list.
      if (doc.blocks.empty() || doc.blocks.back().kind != BlockKind::list) {
        Block& list = doc.blocks.emplace_back();
        list.kind = BlockKind::list;
        list.pos = p.pos;
        std::size_t items = 1;
        while (at + items < protos.size() && protos[at + items].kind == BlockKind::list_item) ++items;
        list.children.reserve(items);
      }
      leaf(doc.blocks.back().children, BlockKind::list_item, segs_of_proto(p), p.pos, sink);
      continue;
    }
    if (p.kind == BlockKind::quote) {
      Block& q = doc.blocks.emplace_back();
      q.kind = BlockKind::quote;
      q.pos = p.pos;
      quote_block(q, segs_of_proto(p), p.per_line, sink);
      if (q.children.empty()) doc.blocks.pop_back();
      continue;
    }
    leaf(doc.blocks, p.kind, segs_of_proto(p), p.pos, sink).level = p.level;
  }

  // HTML headings may not skip a level (h1 → h3 is invalid): a heading deeper than the one
  // before it plus one is raised. Its number stays in its text, and the lint pass reports the
  // skipped level in GB/T 9704 terms.
  int depth = 1;
  for (Block& b : doc.blocks) {
    if (b.kind != BlockKind::heading) continue;
    if (b.level > depth + 1) b.level = depth + 1;
    depth = b.level;
  }

  if (sig_begin < lines.size()) {
    Block& sig = doc.blocks.emplace_back();
    sig.kind = BlockKind::signature;
    sig.pos = Pos{lines[sig_begin].seg.line, lines[sig_begin].seg.col};
    sig.children.reserve(lines.size() - sig_begin);
    for (std::size_t j = sig_begin; j < lines.size(); ++j) {
      const Seg& s = lines[j].seg;
      leaf(sig.children, BlockKind::paragraph, Segs{&s, 1}, Pos{s.line, s.col}, sink);
    }
  }
  return doc;
}

}  // namespace paiban
