// A site profile made ready for formatting: parsed and checked once, with what the passes build
// from it (the house dictionary's matcher). Immutable once made, so calls on several threads may
// share one; a ProfileCache keeps the last few by their exact text.
#ifndef PAIBAN_PREPARED_H
#define PAIBAN_PREPARED_H

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dictionary.h"
#include "paiban/paiban.h"
#include "profile.h"
#include "render.h"

namespace paiban {

struct PreparedProfile {
  Profile profile;
  std::vector<Diagnostic> warnings;  ///< what reading the profile warned (every call reports them)
  DictMatcher matcher;               ///< the profile's dictionary as the lint pass reads it (lint_matcher)
  PageChrome chrome;                 ///< what the page writes from the profile alone (make_page_chrome)
};

/// Reads options.profile_json as format() does: the size and depth limits, then parse_profile
/// (syntax, fields; warnings to `warnings`). On failure appends the errors and returns false.
bool read_profile(std::string_view json_text, Profile& out, std::vector<Error>& errors,
                  std::vector<Diagnostic>& warnings);

/// The house dictionary of `profile` (built-in entries and the profile's own) with the marks of
/// the lint pass's own scan, as LintPass builds it for a profile (lint.cpp).
DictMatcher lint_matcher(const Profile& profile);

/// Reads `json_text` (read_profile) into `out` and builds its matcher and page chrome. On failure appends the
/// errors format() reports for it and returns false.
bool prepare_profile(std::string_view json_text, PreparedProfile& out, std::vector<Error>& errors);

/// A request's reading (format.cpp, format_json with the notes apart): what the request text
/// asks for, or the error response that refuses it. It depends on the text alone, so a
/// ProfileCache keeps the last one for the next call with the same text (the editor's worker
/// sends the same options call after call; only the notes change).
struct RequestReading {
  std::string text;   ///< the request's text
  std::string error;  ///< the error response when the request is refused (then nothing below)
  Options options;    ///< the options it gives (no input: the notes come apart)
  int form = 0;       ///< how the response writes the diagnostics (format.cpp's DiagnosticsForm)
};

/// What a ProfileCache holds: the last profiles prepared, most recently used first, each under
/// its exact text. Only good profiles are kept. And the last request read (RequestReading).
struct ProfileCache::Impl {
  struct Entry {
    std::string text;
    std::shared_ptr<const PreparedProfile> prepared;
  };
  std::size_t capacity = 1;
  mutable std::mutex lock;
  std::vector<Entry> entries;
  std::shared_ptr<const RequestReading> request;
};

/// The library's access to a ProfileCache (its members are not public).
struct ProfileCacheAccess {
  /// The prepared profile the cache keeps for `json_text`, or null.
  static std::shared_ptr<const PreparedProfile> find(ProfileCache& cache, std::string_view json_text);
  /// Keeps `prepared` (made from `json_text`, good) in the cache. format() keeps a profile it
  /// prepared once its result is made: the copy of the text then adds nothing to the call's
  /// peak of memory, which comes earlier.
  static void keep(ProfileCache& cache, std::string_view json_text, std::shared_ptr<const PreparedProfile> prepared);
  /// The reading the cache keeps of the request `text`, or null.
  static std::shared_ptr<const RequestReading> find_request(ProfileCache& cache, std::string_view text);
  /// Keeps `reading` (of the request reading->text) in place of the one kept before.
  static void keep_request(ProfileCache& cache, std::shared_ptr<const RequestReading> reading);
};

}  // namespace paiban

#endif  // PAIBAN_PREPARED_H
