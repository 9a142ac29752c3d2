// paiban: plain-text notes → a government site's standardized article page.
//
// The whole public API. The core does no I/O, keeps no globals and never throws across this
// boundary: every failure comes back in Result::errors. The JSON form (format_json) is the
// contract shared by the CLI, node and the browser; docs/api.md describes its fields.
#ifndef PAIBAN_PAIBAN_H
#define PAIBAN_PAIBAN_H

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paiban {

/// Version of the library, e.g. "0.1.0".
const char* version();

/// The article's fields as given by the form or the command line. A given value always wins
/// over what the notes say.
struct Fields {
  std::optional<std::string> title;
  std::optional<std::string> column;
  std::optional<std::string> date;   ///< publish date-time, Beijing time; see docs/api.md
  std::optional<std::string> views;  ///< view count; when absent the page gets an empty slot
  std::optional<std::string> source;
  std::optional<std::string> author;
  std::optional<std::string> keywords;
  std::optional<std::string> url;
};

enum class Output { both, page, fragment };

struct Options {
  std::string profile_json;  ///< the site profile as JSON text; empty means the default profile
  Fields fields;
  std::string now;  ///< "YYYY-MM-DD HH:MM:SS" Beijing time, the default publish date-time
  Output output = Output::both;
  std::vector<std::string> rejected_fixes;  ///< ids of fixes the editor rejected
  /// Inputs longer than this many bytes are refused with the error "input.too-large".
  std::size_t max_input_bytes = 50u << 20;
};

enum class Severity { info, warning, error };

struct Result;

/// A change made to the text, or a warning about it. Lines and columns are 1-based; `column`
/// counts code points, `column_utf16` UTF-16 code units (for the browser editor).
///
/// A megabyte of noisy notes gives thousands of these, so a diagnostic holds no text it does not
/// need: the rule's id and most messages are the library's own static text, and the id is made
/// when asked for.
struct Diagnostic {
  std::string_view rule;  ///< the rule's id, e.g. "punct.fullwidth" (static text: a literal or a rule table's)
  Severity severity = Severity::info;
  int line = 0;
  int column = 0;
  int column_utf16 = 0;
  int length = 0;        ///< in code points
  bool applied = false;  ///< true for a fix that was made, false for a warning
  std::string before;
  std::string after;

  /// The message: Chinese, with the English after " / ".
  std::string_view message() const { return owned_ ? std::string_view(owned_->message) : std::string_view(message_); }
  /// Stable id of this finding, used to reject a fix: "rule@line:col", unless set_id gave another.
  std::string id() const;

  /// Sets the message to static text, kept by pointer (a string literal, a rule table's text).
  void set_static_message(const char* text);
  /// Sets the message to text the diagnostic keeps (shared, unchanged, by its copies).
  void set_message(std::string text);
  /// Sets an id other than "rule@line:col" (a finding that has no place in the notes).
  void set_id(std::string id);

 private:
  friend struct DiagnosticAccess;  // the JSON writer reads the id without making it
  struct Owned {
    std::string message;
    std::string id;
  };
  const char* message_ = "";            ///< static message text when owned_ has none
  std::shared_ptr<const Owned> owned_;  ///< message and id made for this finding, rarely needed
};

/// An error that stopped formatting (a bad profile, a bad field value).
struct Error {
  std::string code;   ///< e.g. "profile.type"
  std::string field;  ///< e.g. "footer.lines[1][0]", or the article field name
  int line = 0;       ///< in the profile text, 0 when not applicable
  int column = 0;
  std::string message_zh;
  std::string message_en;
};

/// A metadata value actually used, and where it came from.
struct MetaValue {
  std::string value;
  std::string from;  ///< "given" | "detected" | "default"
  int line = 0;      ///< source line when detected, else 0
};

struct Result {
  bool ok = false;
  std::string page;                       ///< the full standalone page (when asked for)
  std::string fragment;                   ///< the article fragment with inline styles (when asked for)
  std::string text;                       ///< the notes with every applied fix made (same lines, LF endings)
  std::map<std::string, MetaValue> meta;  ///< title, column, date, views, source, author, …
  std::vector<Diagnostic> diagnostics;
  std::vector<Error> errors;
};

/// Formats `input` (UTF-8 bytes, BOM and any line ending accepted; invalid bytes become U+FFFD
/// with a diagnostic). Deterministic: the same input and options give the same result.
Result format(std::string_view input, const Options& options);

/// JSON in, JSON out: {"input", "profile", "fields", "now", "output", "rejected"} →
/// {"ok", "page", "fragment", "meta", "diagnostics", "errors"}. Never throws.
std::string format_json(std::string_view request_json);

/// The same with the notes passed apart from the request: `request_json` is the request object
/// without "input" (a request that has one is refused). The notes never go through a JSON
/// string, which for megabytes of notes saves a parse as slow as formatting them; the WASM
/// face (formatInput) uses this. The same notes and options give the same bytes as format_json.
std::string format_json(std::string_view input, std::string_view request_json);

/// Keeps the last profiles a caller formatted with, read and checked, with what formatting builds
/// from them (the house dictionary's tables), under their exact text: a caller that sends the
/// same profile with every call (the editor does) has it read once, not on every call. With the
/// notes apart from the request (format_json, format_parts), it also keeps the last request's
/// reading under its exact text. The calls that take a cache give the same bytes as those that
/// do not. A profile with errors is never kept: every call with it reports them again. A changed
/// text is a new entry; the least recently used goes when `capacity` are kept. Calls on several
/// threads may share one cache.
/// The cache is the caller's: the library keeps no profile of its own between calls.
class ProfileCache {
 public:
  explicit ProfileCache(std::size_t capacity = 2);
  ~ProfileCache();
  ProfileCache(const ProfileCache&) = delete;
  ProfileCache& operator=(const ProfileCache&) = delete;
  /// Forgets every profile kept.
  void clear();
  /// How many profiles are kept.
  std::size_t size() const;

 private:
  struct Impl;
  friend struct ProfileCacheAccess;
  std::unique_ptr<Impl> impl_;
};

/// format(input, options) with options.profile_json read through `cache`.
Result format(std::string_view input, const Options& options, ProfileCache& cache);

/// format_json(request_json) with the request's profile read through `cache`.
std::string format_json(std::string_view request_json, ProfileCache& cache);

/// format_json(input, request_json) with the request's profile read through `cache`.
std::string format_json(std::string_view input, std::string_view request_json, ProfileCache& cache);

/// format_json(input, request_json, cache)'s response with the page, the fragment and the fixed
/// notes as strings of their own, beside the JSON of everything else. The WASM face hands them
/// to the editor apart (formatParts): the texts are most of the response, and escaping them into
/// JSON and parsing them out again is work for nothing.
struct FormattedParts {
  /// With `texts`: byte for byte format_json's response without its "fragment", "page" and
  /// "text" members. Without: format_json's whole response, a request error (which has none).
  std::string json;
  std::string page;      ///< the response's "page" (empty without `texts`)
  std::string fragment;  ///< the response's "fragment" (empty without `texts`, or with its recipe)
  /// With format_parts(…, true), for a response with both a page and a fragment: the fragment
  /// as a recipe for the page's text, in place of `fragment` (which is then empty). The page
  /// and the fragment are the same bytes but for each element's look: a caller that holds the
  /// page as UTF-16 text (the WASM module's script) makes the fragment from it and a few looks of
  /// its own, where decoding the fragment's bytes would cost about what decoding the page does.
  /// The layout is render_with_recipe's (core/src/render.h); wasm/post.js reads it.
  std::string fragment_recipe;
  std::string text;  ///< the response's "text" (empty without `texts`)
  /// True when the request was read and formatted (ok or not): the response has the three
  /// members, and they are here. False: a request error.
  bool texts = false;
};

/// format_json(input, request_json, cache) in parts (see FormattedParts): the same request
/// reading, the same errors, the same information.
FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache);

/// The same with the request's "now" given apart: `now`, when not empty, stands for it (a
/// request's own "now" is then not used, though one that is not a string is still refused). The editor sends the time
/// with every call, to the second, and its other options change only when the editor changes them: apart from the time,
/// the request's text stays the same, and `cache` keeps the reading of the last one.
FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache,
                            std::string_view now);

/// The same; with `fragment_recipe`, the fragment of a response that has a page too comes as its
/// recipe (FormattedParts::fragment_recipe) instead of itself.
FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache,
                            std::string_view now, bool fragment_recipe);

/// What format_parts calls once the notes are read (below): done(context).
struct InputRead {
  void (*done)(void* context) = nullptr;
  void* context = nullptr;
};

/// The same; `input_read.done` (when set) is called once in the call, as soon as the notes, the
/// request and `now` are not read any more: after the fixed notes are made and before the pages
/// are written, or at the end of a call that stops before (a request error, notes that cannot be
/// formatted). A caller whose memory never gives anything back (the WASM module) frees them
/// there, and the page, as long as the notes, takes their room.
FormattedParts format_parts(std::string_view input, std::string_view request_json, ProfileCache& cache,
                            std::string_view now, bool fragment_recipe, InputRead input_read);

/// The JSON form of a result (the response half of format_json): {"ok", "page", "fragment",
/// "meta", "diagnostics", "errors"}. Keys are sorted; the same result gives the same bytes.
std::string to_json(const Result& result);

/// The default site profile as JSON text.
std::string default_profile_json();

}  // namespace paiban

#endif  // PAIBAN_PAIBAN_H
