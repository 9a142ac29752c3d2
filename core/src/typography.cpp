// The typography pass. The house-style rules of SPEC §3 plug in here: each rule walks the
// document's text runs and returns edits with their source spans. No rule is enabled yet.
#include "typography.h"

namespace paiban {

std::vector<Edit> apply_typography(Document& document, const Profile& profile,
                                   const std::vector<std::string>& rejected) {
  (void)document;
  (void)profile;
  (void)rejected;
  return {};
}

void lint(const Document& document, const Meta& meta, const Profile& profile,
          std::vector<Diagnostic>& diagnostics) {
  (void)document;
  (void)meta;
  (void)profile;
  (void)diagnostics;
}

}  // namespace paiban
