// Stage 4: house-style typography over the document's text runs.
#ifndef PAIBAN_TYPOGRAPHY_H
#define PAIBAN_TYPOGRAPHY_H

#include <string>
#include <vector>

#include "model.h"
#include "profile.h"

namespace paiban {

/// One change a rule made to a text run: at `pos` (source place of the first changed
/// character), `before` (length code points) became `after`.
struct Edit {
  std::string rule;
  Pos pos;
  int length = 0;
  std::string before;
  std::string after;
};

/// Runs every enabled rule over the text runs of `document` (never inside code or link
/// targets), skipping fixes whose diagnostic id is in `rejected`, and returns the edits made.
std::vector<Edit> apply_typography(Document& document, const Profile& profile,
                                   const std::vector<std::string>& rejected);

/// Warnings (no change): balance, doubles, dictionary, dates. Appends to `diagnostics`.
void lint(const Document& document, const Meta& meta, const Profile& profile,
          std::vector<Diagnostic>& diagnostics);

}  // namespace paiban

#endif  // PAIBAN_TYPOGRAPHY_H
