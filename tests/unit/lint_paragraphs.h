// The lint pass on a document made of plain paragraphs, for the tests that compare its findings
// with references (test_lint_scans, test_lint_gates, test_lint_dict_scan).
#ifndef PAIBAN_TESTS_LINT_PARAGRAPHS_H
#define PAIBAN_TESTS_LINT_PARAGRAPHS_H

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "meta.h"
#include "model.h"
#include "profile.h"
#include "text.h"
#include "typography.h"

namespace paiban::testing {

/// The lint pass under `profile` at `now` on one paragraph per text (on lines 1, 2, …), the
/// title `title` (on line 1 unless placed) and the date 2024-03-01 09:30:00: its findings.
inline std::vector<Diagnostic> lint_paragraphs(const std::vector<std::u32string>& texts, const Profile& profile,
                                               std::string_view now, Field title = Field{"题", "given", {}}) {
  Document d;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    Block b;
    Inline in;
    in.text = text::to_utf8(texts[k]);
    in.pos = {static_cast<int>(k) + 1, 1};
    b.pos = in.pos;
    b.inlines.push_back(in);
    d.blocks.push_back(b);
  }
  Meta m;
  m.title = std::move(title);
  m.date = Field{"2024-03-01 09:30:00", "given", {}};
  std::vector<Diagnostic> found;
  lint(d, m, profile, now, found);
  return found;
}

}  // namespace paiban::testing

#endif
