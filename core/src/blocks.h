// Stage 3: the body's block structure (paragraphs, GB/T 9704 headings, lists, quotes,
// signature) and its inlines (light markup read with cmark).
#ifndef PAIBAN_BLOCKS_H
#define PAIBAN_BLOCKS_H

#include <string_view>
#include <vector>

#include "model.h"

namespace paiban {

/// Builds the document from the source lines not consumed by the meta stage. Text without any
/// markup (most notes) is read without cmark, giving the runs cmark's reading would give;
/// `fast_plain_text` false asks cmark for every block (the tests compare the two).
Document parse_blocks(const Source& source, const Meta& meta, std::vector<Diagnostic>& diagnostics,
                      bool fast_plain_text = true);

namespace detail {
/// True when s holds a byte cmark's inline parser stops at: a line end or one of ! & * < [ \ ] _ `
/// (the fast plain-text reading needs none; exposed for the tests).
bool has_markup_byte(std::string_view s);
/// True when the last code point of s (not empty) is surely not a space: it ends a well-formed
/// sequence and text::is_space says no (exposed for the tests).
bool ends_without_space(std::string_view s);
/// What joins two hard-wrapped lines of one paragraph: "" or " " (exposed for the tests).
const char* join_separator(std::string_view prev, std::string_view next);
}  // namespace detail

}  // namespace paiban

#endif  // PAIBAN_BLOCKS_H
