// Limits checked on JSON text before a JSON parser sees it: nlohmann/json and the code that
// walks its values recurse per nesting level, and the profile's locator keeps a path per value,
// so nesting depth, key length and size are bounded up front.
#ifndef PAIBAN_JSON_GUARD_H
#define PAIBAN_JSON_GUARD_H

#include <cstddef>
#include <optional>
#include <string_view>

#include "paiban/paiban.h"

namespace paiban {

struct JsonLimits {
  std::size_t max_bytes;
  int max_depth;
  std::size_t max_key_bytes;
};

/// Profiles: 1 MiB, 32 levels, keys of at most 128 bytes (every key of a valid profile is
/// a short name; the default profile is a few KB and 4 levels deep).
inline constexpr JsonLimits kProfileLimits{1u << 20, 32, 128};

/// The first limit `json_text` breaks, as an error with code "<prefix>.too-large",
/// "<prefix>.too-deep" or "<prefix>.key-too-long" and the line and column of the place; or
/// nothing. One linear scan; it does not check the syntax.
std::optional<Error> check_json_limits(std::string_view json_text, const JsonLimits& limits, const std::string& prefix);

}  // namespace paiban

#endif  // PAIBAN_JSON_GUARD_H
