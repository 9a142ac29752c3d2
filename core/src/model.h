// The document model shared by the pipeline stages: decoded source, metadata, blocks, inlines.
// Every block and inline run keeps its source position so diagnostics and the preview can
// point at the editor's text.
#ifndef PAIBAN_MODEL_H
#define PAIBAN_MODEL_H

#include <string>
#include <vector>

#include "paiban/paiban.h"

namespace paiban {

/// A place in the decoded source: 1-based line, 1-based column in code points.
struct Pos {
  int line = 0;
  int col = 0;
};

/// The decoded source: valid UTF-8, without BOM, split into lines (no terminators).
/// lines[i] is source line i + 1.
struct Source {
  std::vector<std::string> lines;
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
  link,    ///< children, href (already checked: http, https, mailto or relative)
};

/// An inline run. A text run never crosses a source line, so pos + code point offset is the
/// exact source place of each of its characters.
struct Inline {
  InlineKind kind = InlineKind::text;
  std::string text;
  std::string href;
  std::vector<Inline> children;
  Pos pos;
  bool verbatim = false;  ///< text that must be shown exactly as typed (raw HTML): no rule touches it
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
