// The house dictionary's per-call half: the matcher's scan. The list and DictMatcher::build
// (once per profile) are in dictionary_build.cpp.
#include "dictionary.h"

#include <algorithm>

namespace paiban {

std::vector<DictMatcher::Hit> DictMatcher::find(const std::u32string& s) const {
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if ((marks_[c & 0xFFFF] & kStarts) == 0) continue;
    if (const DictWord* w = match_at(s, i)) {
      hits.push_back({i, w});
      i += w->wrong32.size() - 1;
    }
  }
  return hits;
}

const DictWord* DictMatcher::longest_at(const std::u32string& s, std::size_t i) const {
  const char32_t c = s[i];
  auto it = std::lower_bound(by_first_.begin(), by_first_.end(), std::pair<char32_t, std::size_t>(c, 0));
  const DictWord* best = nullptr;
  for (; it != by_first_.end() && it->first == c; ++it) {
    const DictWord& w = *words_[it->second];
    if (s.compare(i, w.wrong32.size(), w.wrong32) != 0) continue;
    // The guard: no hit where the characters belong to a listed longer word.
    bool excepted = false;
    // (only the places where such a word would overlap the hit are compared, not the rest of s)
    for (const std::u32string& e : w.except32) {
      const std::size_t from = i + 1 > e.size() ? i + 1 - e.size() : 0;
      for (std::size_t at = from; at < i + w.wrong32.size() && at + e.size() <= s.size(); ++at) {
        if (s.compare(at, e.size(), e) == 0) {
          excepted = true;
          break;
        }
      }
      if (excepted) break;
    }
    if (excepted) continue;
    if (best == nullptr || w.wrong32.size() > best->wrong32.size()) best = &w;
  }
  return best;
}

}  // namespace paiban
