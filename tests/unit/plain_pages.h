// The stages format() runs, by hand, for the checks of the page's plain runs (test_render_plain,
// fuzz_format): the page and the fragment of the document as the typography pass left it, and
// again with every run's plain mark cleared (each run escaped as it is written).
#ifndef PAIBAN_TESTS_PLAIN_PAGES_H
#define PAIBAN_TESTS_PLAIN_PAGES_H

#include <string>
#include <string_view>
#include <vector>

#include "blocks.h"
#include "decode.h"
#include "meta.h"
#include "model.h"
#include "paiban/paiban.h"
#include "profile.h"
#include "render.h"
#include "typography.h"

namespace paiban::testing {

struct PlainPages {
  bool ok = false;  ///< false: the meta stage reported an error, nothing was rendered
  std::string page;
  std::string fragment;
  std::string page_escaped;  ///< with every run's mark cleared
  std::string fragment_escaped;
  int plain = 0;  ///< runs the typography pass marked
};

/// Clears every run's mark; counts the marked ones in `plain`.
inline void unplain(std::vector<Inline>& inlines, int& plain) {
  for (Inline& in : inlines) {
    plain += in.plain ? 1 : 0;
    in.plain = false;
    unplain(in.children, plain);
  }
}
inline void unplain(std::vector<Block>& blocks, int& plain) {
  for (Block& b : blocks) {
    unplain(b.inlines, plain);
    unplain(b.children, plain);
  }
}

/// The notes through decode, meta, blocks and typography (no given fields, `now`), rendered as
/// the typography pass left them and with the marks cleared.
inline PlainPages plain_pages(const std::string& notes, const Profile& profile, std::string_view now) {
  std::vector<Diagnostic> diagnostics;
  std::vector<Error> errors;
  const Source source = decode(notes, diagnostics);
  Meta meta = extract_meta(source, Fields{}, profile, now, diagnostics, errors);
  PlainPages out;
  if (!errors.empty()) return out;
  Document doc = parse_blocks(source, meta, diagnostics);
  apply_typography(doc, meta.title, profile, {});
  render(doc, meta, profile, &out.page, &out.fragment);
  unplain(doc.blocks, out.plain);
  render(doc, meta, profile, &out.page_escaped, &out.fragment_escaped);
  out.ok = true;
  return out;
}

}  // namespace paiban::testing

#endif  // PAIBAN_TESTS_PLAIN_PAGES_H
