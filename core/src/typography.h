// Stage 4: house-style typography over the document's text runs (fixes), and the lint pass
// (warnings that change nothing).
#ifndef PAIBAN_TYPOGRAPHY_H
#define PAIBAN_TYPOGRAPHY_H

#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "profile.h"
#include "textrun.h"

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

/// The fix rules, in the order they run. Each has an id (the profile's switch and the
/// diagnostic's rule), whether it is on by default, and its message (Chinese / English).
struct FixRule {
  const char* id;
  bool on_by_default;
  const char* message;
};
const std::vector<FixRule>& fix_rules();

/// The warning rules (lint): id, default, message.
const std::vector<FixRule>& lint_rules();

/// True when `rule` is switched on in the profile (or by default).
bool rule_enabled(const Profile& profile, std::string_view rule);

/// The id of a fix: "rule@line:col". The editor rejects a fix by sending this id back.
std::string fix_id(std::string_view rule, Pos pos);

/// A net change to the source text (all rules together), for rebuilding the notes with the
/// fixes made.
using SourceEdit = RunBuffer::NetEdit;

/// Runs every enabled fix rule over the text runs of `document` and of the title (never
/// inside code, URLs, e-mail addresses or numbers), skipping fixes whose id is in `rejected`,
/// and returns the edits made, in source order. When `net` is given, the net changes to the
/// source are appended to it.
std::vector<Edit> apply_typography(Document& document, Field& title, const Profile& profile,
                                   const std::vector<std::string>& rejected, std::vector<SourceEdit>* net = nullptr);

/// Warnings (no change): balance, doubled characters and punctuation, range marks, dates,
/// heading sequence, relative time words, missing title or date, the house dictionary.
/// `now` is "YYYY-MM-DD HH:MM:SS" (may be empty: no future/past check).
void lint(const Document& document, const Meta& meta, const Profile& profile, std::string_view now,
          std::vector<Diagnostic>& diagnostics);

}  // namespace paiban

#endif  // PAIBAN_TYPOGRAPHY_H
