// The WASM face of the core: JSON in, JSON out (formatJson), or the notes apart from the other
// options (formatInput: megabytes of notes never go through JSON; see post.js, which passes them
// as bytes), or that with the page, the fragment and the fixed notes handed back apart from the
// JSON of the rest (formatParts, what the editor's worker calls). All work stays in the library.
// Plain C exports only: post.js makes the module's functions of them (no embind runtime).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "paiban/paiban.h"

namespace {

/// The editor sends its profile with every call: the module keeps the last ones it read.
paiban::ProfileCache& profile_cache() {
  static paiban::ProfileCache cache;
  return cache;
}

/// formatParts' result as post.js reads it: at its address, each part's data (null for a text of
/// a request error) and size, as 32-bit words (the module's memory is 32-bit): part 0 the JSON,
/// 1 the page, 2 the fragment, 3 the fixed notes, 4 the fragment's recipe (empty unless asked
/// for: then the fragment is). The table comes first (post.js reads it at the returned address).
struct PartsOut {
  std::uint32_t table[10] = {};
  paiban::FormattedParts parts;
};

}  // namespace

extern "C" {
/// formatJson's call (post.js): the request with its input, the response as formatInput's.
std::string* paiban_format_json(const char* request, std::size_t request_len) {
  return new std::string(  // NOLINT(cppcoreguidelines-owning-memory): freed by post.js
      paiban::format_json(std::string_view(request, request_len), profile_cache()));
}
/// version() and defaultProfile() (post.js): `which` 0 the version, 1 the default profile's
/// JSON, as a response (read and freed as formatInput's).
std::string* paiban_about(int which) {
  return new std::string(  // NOLINT(cppcoreguidelines-owning-memory): freed by post.js
      which == 1 ? paiban::default_profile_json() : paiban::version());
}
/// formatInput's call (post.js): the response stays in the module's memory and is decoded by
/// TextDecoder straight from there, with no copy into a Uint8Array of its own (half a megabyte
/// per 100 KB of notes). The returned string is owned by the caller: its bytes are at
/// paiban_response_data() and it is released by paiban_response_free().
std::string* paiban_format_response(const char* input, std::size_t input_len, const char* request,
                                    std::size_t request_len) {
  return new std::string(  // NOLINT(cppcoreguidelines-owning-memory): freed by post.js
      paiban::format_json(std::string_view(input, input_len), std::string_view(request, request_len), profile_cache()));
}
const char* paiban_response_data(const std::string* response) {
  return response->data();
}
std::size_t paiban_response_size(const std::string* response) {
  return response->size();
}
void paiban_response_free(std::string* response) {
  delete response;  // NOLINT(cppcoreguidelines-owning-memory)
}

/// formatParts' call (post.js): the response in parts (paiban::format_parts; `now`, when not
/// empty, stands for the request's "now"), each decoded by
/// TextDecoder straight from the module's memory (the texts when first read). Part 0 is the
/// JSON, 1 the page, 2 the fragment, 3 the fixed notes, 4 with `recipe` (not 0) the fragment's
/// recipe, when there is a page too (the fragment is then empty: post.js makes it from the
/// page's text); a request error has no texts, and their
/// data is null. The returned parts start with a table of each part's data and size (PartsOut:
/// post.js reads it through HEAPU32, one look instead of ten calls). They are owned by the
/// caller and released, all at once, by paiban_parts_free().
/// `block`, when not null, is the malloc'd block that holds the notes, the request and `now`:
/// it is freed here, as soon as they are not read any more (before the pages are written: the
/// module's memory never shrinks, and the page, as long as the notes, takes their room). The
/// caller must not free it.
PartsOut* paiban_format_parts(const char* input, std::size_t input_len, const char* request, std::size_t request_len,
                              const char* now, std::size_t now_len, int recipe, void* block) {
  const paiban::InputRead input_read{
      [](void* b) {
        std::free(b);  // NOLINT(cppcoreguidelines-no-malloc,cppcoreguidelines-owning-memory): post.js's malloc
      },
      block};
  auto* out =
      new PartsOut{// NOLINT(cppcoreguidelines-owning-memory): freed by post.js
                   {},
                   paiban::format_parts(std::string_view(input, input_len), std::string_view(request, request_len),
                                        profile_cache(), std::string_view(now, now_len), recipe != 0, input_read)};
  // part `which`: 0 the JSON, 1 the page, 2 the fragment, 3 the fixed notes, 4 the recipe
  using Parts = paiban::FormattedParts;
  static constexpr std::string Parts::*kParts[] = {&Parts::json, &Parts::page, &Parts::fragment, &Parts::text,
                                                   &Parts::fragment_recipe};
  for (int which = 0; which < 5; ++which) {
    const std::string& p = out->parts.*kParts[which];
    const bool has = which == 0 || out->parts.texts;
    out->table[2 * which] = has ? static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p.data())) : 0;
    out->table[2 * which + 1] = static_cast<std::uint32_t>(p.size());
  }
  return out;
}
void paiban_parts_free(PartsOut* out) {
  delete out;  // NOLINT(cppcoreguidelines-owning-memory)
}
}
