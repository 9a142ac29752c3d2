// Stage 3: the body's block structure (paragraphs, GB/T 9704 headings, lists, quotes,
// signature) and its inlines (light markup read with cmark).
#ifndef PAIBAN_BLOCKS_H
#define PAIBAN_BLOCKS_H

#include <vector>

#include "model.h"

namespace paiban {

/// Builds the document from the source lines not consumed by the meta stage. Text without any
/// markup (most notes) is read without cmark, giving the runs cmark's reading would give;
/// `fast_plain_text` false asks cmark for every block (the tests compare the two).
Document parse_blocks(const Source& source, const Meta& meta, std::vector<Diagnostic>& diagnostics,
                      bool fast_plain_text = true);

}  // namespace paiban

#endif  // PAIBAN_BLOCKS_H
