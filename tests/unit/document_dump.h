// A document as text, every block and inline with its kind, level, place, text and link, for tests
// that compare two ways of building a document (test_blocks_fast, test_blocks_stage).
#ifndef PAIBAN_TESTS_DOCUMENT_DUMP_H
#define PAIBAN_TESTS_DOCUMENT_DUMP_H

#include <sstream>
#include <string>
#include <vector>

#include "model.h"

namespace paiban::testing {

inline void dump(const std::vector<Inline>& ins, std::ostringstream& o, int depth) {
  for (const Inline& in : ins) {
    const bool link = in.kind == InlineKind::link;  // (its target is its text)
    o << std::string(static_cast<std::size_t>(depth), ' ') << static_cast<int>(in.kind) << " @" << in.pos.line << ":"
      << in.pos.col << (in.verbatim ? " v" : "") << " [" << (link ? std::string() : in.text) << "] <"
      << (link ? in.href() : std::string()) << ">\n";
    dump(in.children, o, depth + 1);
  }
}

inline void dump(const std::vector<Block>& blocks, std::ostringstream& o, int depth) {
  for (const Block& b : blocks) {
    o << std::string(static_cast<std::size_t>(depth), '-') << "block " << static_cast<int>(b.kind) << " L" << b.level
      << " @" << b.pos.line << ":" << b.pos.col << "\n";
    dump(b.inlines, o, depth + 1);
    dump(b.children, o, depth + 1);
  }
}

}  // namespace paiban::testing

#endif  // PAIBAN_TESTS_DOCUMENT_DUMP_H
