// Line shapes shared by the meta and blocks stages: GB/T 9704 heading numbers (一、 （一） 1. （1）)
// and list bullets (Word glyphs and markdown `- `).
#ifndef PAIBAN_NUMBERING_H
#define PAIBAN_NUMBERING_H

#include <cstddef>
#include <string_view>

namespace paiban::numbering {

/// The GB/T 9704 level implied by the number that starts `line`: 2 for `一、`…`九十九、`,
/// 3 for `（一）` / `(一)`, 4 for `1.` / `1．` / `1、` followed by something that is not a digit
/// (so `3.14亿元` is not a number), 5 for `（1）` / `(1)`; 0 when there is no such number or
/// nothing follows it. `一是`, `一要`, `第一，` have no number.
int heading_number_level(std::string_view line);

/// True when a trimmed line can stand alone as a heading: at most 40 code points, no 。！？；
/// (nor ASCII ; ! ?) anywhere, not ending in ：:，,. or 、.
bool heading_shape(std::string_view line);

/// heading_number_level(line) when heading_shape(line), else 0.
int heading_level(std::string_view line);

/// Byte length of the bullet that starts `line` (•●·◆■▪, U+F0B7, or markdown `- ` `* ` `+ `)
/// with the spaces and tabs after it; 0 when there is none or nothing follows it. A thematic
/// break such as `***`, `- - -` or `---` is not a bullet.
std::size_t bullet_length(std::string_view line);

}  // namespace paiban::numbering

#endif  // PAIBAN_NUMBERING_H
