// Stage 3: the body's block structure (paragraphs, GB/T 9704 headings, lists, quotes,
// signature) and its inlines (light markup read with cmark).
#ifndef PAIBAN_BLOCKS_H
#define PAIBAN_BLOCKS_H

#include <vector>

#include "model.h"

namespace paiban {

/// Builds the document from the source lines not consumed by the meta stage.
Document parse_blocks(const Source& source, const Meta& meta, std::vector<Diagnostic>& diagnostics);

}  // namespace paiban

#endif  // PAIBAN_BLOCKS_H
