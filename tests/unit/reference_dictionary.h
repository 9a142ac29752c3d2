// The house dictionary's hits by their plain definition: every entry looked for at every place,
// left to right, the longest one found there that no guard word overlaps, then on after the hit.
// The reference DictMatcher::find (test_dictionary_find) and the lint pass's dictionary check
// (test_lint_dict_scan) are checked against.
#ifndef PAIBAN_TESTS_REFERENCE_DICTIONARY_H
#define PAIBAN_TESTS_REFERENCE_DICTIONARY_H

#include <cstddef>
#include <string>
#include <vector>

#include "dictionary.h"
#include "profile.h"
#include "text.h"

namespace reference {

/// The entries as a matcher for `profile` holds them: the built-in ones, the profile's replacing
/// built-in ones of the same form (entries without a wrong form or without a change left out).
inline std::vector<paiban::DictWord> dict_entries(const paiban::Profile& profile) {
  std::vector<paiban::DictWord> out;
  for (const paiban::DictWord& w : paiban::builtin_dictionary())
    if (!w.wrong32.empty() && w.wrong != w.right) out.push_back(w);
  for (const paiban::DictEntry& e : profile.dictionary) {
    if (e.wrong.empty() || e.wrong == e.right) continue;
    paiban::DictWord w{e.wrong, e.right, e.note, {}, paiban::text::to_u32(e.wrong), paiban::text::to_u32(e.right), {}};
    bool replaced = false;
    for (paiban::DictWord& x : out)
      if (x.wrong == w.wrong) {
        x = w;
        replaced = true;
      }
    if (!replaced) out.push_back(w);
  }
  return out;
}

/// A hit: the entry found at `start` (a character index).
struct DictHit {
  std::size_t start;
  const paiban::DictWord* word;
};

/// Every entry of `words` looked for at every place of s: the hits, in order.
inline std::vector<DictHit> dict_hits(const std::vector<paiban::DictWord>& words, const std::u32string& s) {
  std::vector<DictHit> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const paiban::DictWord* best = nullptr;
    for (const paiban::DictWord& w : words) {
      if (s.compare(i, w.wrong32.size(), w.wrong32) != 0) continue;
      bool excepted = false;
      for (const std::u32string& e : w.except32)
        for (std::size_t at = 0; at + e.size() <= s.size(); ++at)
          if (at < i + w.wrong32.size() && at + e.size() > i && s.compare(at, e.size(), e) == 0) excepted = true;
      if (excepted) continue;
      if (best == nullptr || w.wrong32.size() > best->wrong32.size()) best = &w;
    }
    if (best != nullptr) {
      out.push_back({i, best});
      i += best->wrong32.size() - 1;
    }
  }
  return out;
}

}  // namespace reference

#endif
