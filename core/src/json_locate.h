// Source positions for JSON values. nlohmann/json keeps none, so the profile's validator asks
// this small scanner where each value starts, to name the line and column of a problem.
#ifndef PAIBAN_JSON_LOCATE_H
#define PAIBAN_JSON_LOCATE_H

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace paiban {

/// A place in a text: 1-based line, 1-based column in code points. "\n", "\r\n" and a lone
/// "\r" each end a line; a UTF-8 BOM at the start takes no column.
struct TextPos {
  int line = 0;
  int column = 0;
};

/// The place of byte `offset` in `text` (offsets past the end give the place after the last
/// character; an offset inside a multi-byte character gives that character's place).
TextPos position_of(std::string_view text, std::size_t offset);

/// Where the values of a JSON text start, by path: "" is the root, an object member appends
/// ".key" (just "key" at the root), an array element "[i]" — e.g. `footer.lines[1][3].text`.
struct JsonLocations {
  std::map<std::string, TextPos> values;
  /// Object members whose key appeared before in the same object: path and place of the
  /// later value (which is the one a JSON parser keeps).
  std::vector<std::pair<std::string, TextPos>> duplicates;
};

/// One linear scan over `text` (meant for text a JSON parser accepted; on malformed text it
/// stops at the first thing it does not understand and returns what it found so far).
JsonLocations locate_json(std::string_view text);

}  // namespace paiban

#endif  // PAIBAN_JSON_LOCATE_H
