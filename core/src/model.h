// The document model shared by the pipeline stages: decoded source, metadata, blocks, inlines.
// Every block and inline run keeps its source position so diagnostics and the preview can
// point at the editor's text.
#ifndef PAIBAN_MODEL_H
#define PAIBAN_MODEL_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "paiban/paiban.h"

namespace paiban {

/// A place in the decoded source: 1-based line, 1-based column in code points.
struct Pos {
  int line = 0;
  int col = 0;
};

/// The decoded source: valid UTF-8, without BOM, as one text in which every line ends with
/// '\n' (CR and CRLF line ends became LF). line(i) is source line i + 1 without its end.
/// The text is either owned or, when decoding changed nothing, the input bytes themselves
/// (then they must outlive the Source; see decode()).
struct Source {
  std::string owned;                ///< the text, unless `borrowed`
  std::string_view input;           ///< the text when `borrowed`
  bool borrowed = false;            ///< the text is `input`, not `owned`
  std::vector<std::size_t> starts;  ///< byte offset of each line in text(), then text().size()
  /// Set by decode() when no byte of the text is one cmark's inline parser stops at (! & * < [
  /// \ ] _ `; line ends aside): the blocks stage then need not look for markup line by line.
  /// False promises nothing (push_line clears it).
  bool markup_free = false;
  /// Set by decode() when no character of the text is past U+FFFF (none takes two UTF-16 units).
  /// False promises nothing (push_line clears it).
  bool bmp_only = false;

  std::string_view text() const { return borrowed ? input : std::string_view(owned); }
  std::size_t line_count() const { return starts.empty() ? 0 : starts.size() - 1; }
  std::string_view line(std::size_t i) const {
    return std::string_view(text().data() + starts[i], starts[i + 1] - starts[i] - 1);
  }
  /// Appends a line (without line end) to an owned text.
  void push_line(std::string_view l) {
    if (starts.empty()) starts.push_back(0);
    markup_free = false;
    bmp_only = false;
    owned.append(l.data(), l.size());
    owned += '\n';
    starts.push_back(owned.size());
  }
  /// Frees the text and the line table, leaving no lines. (Assigning an empty Source would not
  /// free the text: a string moved from a short one keeps its own storage.)
  void release() {
    std::string().swap(owned);
    std::vector<std::size_t>().swap(starts);
    input = {};
    borrowed = false;
    markup_free = false;
    bmp_only = false;
  }
};

/// One metadata field as the meta stage found it.
struct Field {
  std::string value;
  std::string from;  ///< "" (unset) | "given" | "detected" | "default"
  Pos pos;
  bool set() const { return !from.empty(); }
};

struct Meta {
  Field title, column, date, views, source, author, keywords, url;
  /// Source lines the meta stage consumed (header lines, front matter, a detected title or
  /// date line); the blocks stage skips them. Indexed like Source::lines.
  std::vector<bool> consumed;
};

enum class InlineKind {
  text,    ///< plain text (raw HTML in the notes arrives here too: it is shown as text)
  emph,    ///< children
  strong,  ///< children
  code,    ///< text
  link,    ///< children, href()
};

/// An inline run. A text run never crosses a source line, so pos + code point offset is the
/// exact source place of each of its characters.
struct Inline {
  InlineKind kind = InlineKind::text;
  /// A text or code run's text; a link's target, href() (a link has no text of its own: its
  /// label is its children). One string for both keeps an inline small: a document holds one
  /// per line of text (80 bytes, not 112).
  std::string text;
  std::vector<Inline> children;
  Pos pos;
  bool verbatim = false;  ///< text that must be shown exactly as typed (raw HTML): no rule touches it
  /// A text run the typography pass found free of characters HTML text cannot hold as they are
  /// (text::needs_html_escape): the page takes its bytes as they are, with no second look. Only
  /// that pass sets it (false: the text is escaped as it is written).
  bool plain = false;

  /// A link's target (already checked: http, https, mailto or relative).
  const std::string& href() const { return text; }
  std::string& href() { return text; }
};

enum class BlockKind {
  paragraph,  ///< inlines
  heading,    ///< level 2..6 (the title is the only h1), inlines (numbering kept)
  list,       ///< children: list_item; ordered == false (numbers stay text)
  list_item,  ///< inlines
  quote,      ///< children: paragraphs
  signature,  ///< children: paragraphs, one per line, kept apart (notice sign-off)
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
  std::vector<Inline> inlines;
  std::vector<Block> children;
  Pos pos;
};

struct Document {
  std::vector<Block> blocks;
};

}  // namespace paiban

#endif  // PAIBAN_MODEL_H
