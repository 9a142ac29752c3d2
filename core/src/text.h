// Small UTF-8 and character-class helpers used by every stage.
#ifndef PAIBAN_TEXT_H
#define PAIBAN_TEXT_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace paiban::text {

/// Decodes the code point at s[i] (s must be valid UTF-8) and advances i past it.
char32_t next(std::string_view s, std::size_t& i);
/// Appends the UTF-8 form of c.
void append(std::string& out, char32_t c);
/// The code points of s.
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
/// Number of code points in s.
int length(std::string_view s);
/// Number of UTF-16 code units in the first `cps` code points of s.
int utf16_units(std::string_view s, int cps);

/// Han ideographs (CJK Unified, Ext A, compatibility) and 〇.
bool is_han(char32_t c);
/// Full-width and CJK punctuation: U+3000–U+303F, U+FF00–U+FFEF, and “”‘’…—·.
bool is_cjk_punct(char32_t c);
/// is_han or is_cjk_punct.
bool is_cjk(char32_t c);
/// ASCII space, tab, U+3000 and other Unicode spaces (not line breaks).
bool is_space(char32_t c);

/// s without leading and trailing is_space characters.
std::string_view trim(std::string_view s);
/// Folds full-width forms U+FF01–U+FF5E to ASCII (and U+3000 to a space).
std::string fold_halfwidth(std::string_view s);

}  // namespace paiban::text

#endif  // PAIBAN_TEXT_H
