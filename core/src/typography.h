// Stage 4: house-style typography over the document's text runs (fixes), and the lint pass
// (warnings that change nothing).
#ifndef PAIBAN_TYPOGRAPHY_H
#define PAIBAN_TYPOGRAPHY_H

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dictionary.h"
#include "model.h"
#include "profile.h"
#include "textrun.h"

namespace paiban {

/// One change a rule made to a text run: at `pos` (source place of the first changed
/// character), `before` (length code points) became `after`.
struct Edit {
  std::string_view rule;          ///< the rule's id (the rule table's own text)
  const char* message = nullptr;  ///< the rule's message (the rule table's own text)
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
/// The id's place, "line:col", written at `out` (room for kFixPlaceMax bytes); returns the end.
constexpr std::size_t kFixPlaceMax = 24;
char* write_fix_place(char* out, Pos pos);

/// A net change to the source text (all rules together), for rebuilding the notes with the
/// fixes made.
using SourceEdit = RunBuffer::NetEdit;

/// Called with each block's buffer once the fix rules are done with it: the block's text as
/// it now is, exactly as make_buffer would build it again from the block's runs.
using BlockReader = std::function<void(const RunBuffer&)>;

/// The source lines (each ended by LF) with the net changes made. A change whose `before` does
/// not match the source (text that markup escaped or entities encoded) is left out rather than
/// guessed, and so is one that overlaps a change further right on its line.
std::string apply_source_edits(const Source& source, std::vector<SourceEdit> net);
/// The same from the changes' list.
std::string apply_source_edits(const Source& source, const NetList& net);

/// Runs every enabled fix rule over the text runs of `document` and of the title (never
/// inside code, URLs, e-mail addresses or numbers), skipping fixes whose id is in `rejected`,
/// and returns the edits made, in source order. When `net` is given, the net changes to the
/// source are appended to it. When `after_block` is given it reads every block (not the title)
/// after the rules: the lint pass runs there, so no block's buffer is built twice.
std::vector<Edit> apply_typography(Document& document, Field& title, const Profile& profile,
                                   const std::vector<std::string>& rejected, std::vector<SourceEdit>* net = nullptr,
                                   const BlockReader& after_block = {});

/// apply_typography's edits in one list that never moves an edit once made (no buffer regrown
/// and copied, little room unused), for a caller that reads it once from the front, freeing it
/// as it goes.
/// The net changes, when asked for, are listed in `net`.
std::deque<Edit> apply_typography_list(Document& document, Field& title, const Profile& profile,
                                       const std::vector<std::string>& rejected, NetList* net = nullptr,
                                       const BlockReader& after_block = {});

/// The lint pass in steps, for a caller that already has each block's buffer (format() runs it
/// inside apply_typography): the meta checks when made, block() for each block in source
/// order, finish() for the title and the heading sequence. Findings go to `diagnostics` in the
/// order lint() gives them.
class LintPass {
 public:
  /// `matcher`: the profile's dictionary as lint_matcher (prepared.h) builds it, kept by the
  /// caller; null: the default profile's own, or one built here for another profile.
  LintPass(const Meta& meta, const Profile& profile, std::string_view now, std::vector<Diagnostic>& diagnostics,
           const DictMatcher* matcher = nullptr);
  /// Checks a block's text (the buffer as the fix rules leave it). A top-level heading's number
  /// is read and checked against the ones before it here, where its text is at hand; finish()
  /// reports what was found.
  void block(const RunBuffer& b);
  /// The title's checks, then the heading sequence's findings (those block() made, in order).
  void finish(const Meta& meta);

 private:
  /// A heading.sequence finding block() made: a level skipped, a repeated number, or a number
  /// out of sequence (`expected` is the one wanted).
  struct HeadingFinding {
    Pos pos;
    enum Kind : std::uint8_t { skipped, repeated, out_of_sequence } kind;
    std::uint8_t head_size;  ///< the heading's first characters (at most 4), shown in the finding
    int expected;
    char32_t head[4];
  };
  void check_heading(const RunBuffer& b);
  /// The heading sequence so far: per level, the last number; the last heading's level.
  int heading_last_[7] = {0, 0, 0, 0, 0, 0, 0};
  int heading_deepest_ = 1;
  std::vector<HeadingFinding> heading_findings_;
  std::u32string joined_;  ///< scratch: a heading's text runs joined, when it has several
  int now_year_ = 0;       ///< the year of `now`, 0 without one (no future/past checks)
  std::string now_day_;    ///< "YYYY-MM-DD" of `now`, or empty
  std::uint32_t on_ = 0;   ///< bit r set: lint_rules()[r] is enabled in the profile
  std::vector<Diagnostic>& out_;
  DictMatcher own_;
  const DictMatcher* matcher_;
  /// Scratch storage kept from block to block: the places one scan of a block found for each
  /// check, and balance's open and stray marks per kind.
  std::vector<std::size_t> at_[6];
  std::vector<std::size_t> marks_[12];
};

/// Warnings (no change): balance, doubled characters and punctuation, range marks, dates,
/// heading sequence, relative time words, missing title or date, the house dictionary.
/// `now` is "YYYY-MM-DD HH:MM:SS" (may be empty: no future/past check).
void lint(const Document& document, const Meta& meta, const Profile& profile, std::string_view now,
          std::vector<Diagnostic>& diagnostics);

}  // namespace paiban

#endif  // PAIBAN_TYPOGRAPHY_H
