// The lint pass's one scan of a block (lint.cpp), visible to tests: the places each check looks
// at and the house dictionary's hits.
#ifndef PAIBAN_LINT_SCAN_H
#define PAIBAN_LINT_SCAN_H

#include <cstddef>
#include <string>
#include <vector>

#include "dictionary.h"

namespace paiban {

/// The lists lint_scan notes, in this order: paired marks, doubled characters (s[i] == s[i + 1]
/// one of the doubled-word characters), two sentence marks in a row, range marks with a character
/// on either side, number starts (followed by 年 or 月 unless digits may start an entry), the
/// first characters of relative time words (where a word's second character follows).
constexpr unsigned kLintPlaceLists = 6;

/// Notes in at[…] the places each lint check looks at, left to right, and in `hits` the hits of
/// `dict` (those dict.find(s) finds). `dict` is built by lint_matcher (prepared.h).
void lint_scan(const std::u32string& s, const DictMatcher& dict, std::vector<std::size_t> (&at)[kLintPlaceLists],
               std::vector<DictMatcher::Hit>& hits);

}  // namespace paiban

#endif  // PAIBAN_LINT_SCAN_H
