// The house dictionary (规范表述): wrong form → right form, matched as Chinese substrings, with
// a guard against hits inside longer words. The built-in list holds forms from the official
// variant-forms list (第一批异形词整理表) and common wrong fixed expressions; the profile adds
// the site's own entries.
#ifndef PAIBAN_DICTIONARY_H
#define PAIBAN_DICTIONARY_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "profile.h"

namespace paiban {

struct DictWord {
  std::string wrong;
  std::string right;
  std::string note;
  std::vector<std::string> except;  ///< longer words a hit may be part of: no warning there
  std::u32string wrong32;
  std::u32string right32;
  std::vector<std::u32string> except32;
};

class DictMatcher {
 public:
  struct Hit {
    std::size_t start;
    const DictWord* entry;
  };
  /// A character a caller's own scan looks at, and its marks (the low seven bits).
  struct Mark {
    char32_t c;  ///< in the BMP
    std::uint8_t bits;
  };
  DictMatcher() = default;
  DictMatcher(const DictMatcher&) = delete;  // words_ points into own_words_
  DictMatcher& operator=(const DictMatcher&) = delete;
  DictMatcher(DictMatcher&&) = default;
  DictMatcher& operator=(DictMatcher&&) = default;
  /// The built-in entries plus the profile's (the profile's win for the same wrong form).
  /// `also`: the characters a caller's own scan looks at (see marks()).
  static DictMatcher build(const Profile& profile, const std::vector<Mark>& also = {});
  /// Every hit in s, left to right, not overlapping.
  std::vector<Hit> find(const std::u32string& s) const;
  std::size_t size() const { return words_.size(); }

  /// marks()[c & 0xFFFF] has this bit when an entry may start with c.
  static constexpr std::uint8_t kStarts = 0x80;
  /// One byte per code point's low 16 bits: kStarts (set for the entries' first characters,
  /// for one beyond the BMP at its low 16 bits) and the bits `also` gives a character. Zero:
  /// c starts no entry and is none of `also`, so one look lets a scan for both skip it; a
  /// character beyond the BMP must not take the low seven bits as its own.
  const std::uint8_t* marks() const { return marks_.data(); }
  /// The hit at s[i] (the longest entry there that no guard word overlaps), or null; s[i] is
  /// a character marked kStarts.
  const DictWord* match_at(const std::u32string& s, std::size_t i) const {
    // The pair filter: may an entry start with s[i], s[i + 1]?
    if (!any_single_) {
      if (i + 1 >= s.size()) return nullptr;  // every entry has two characters or more
      const std::uint32_t slot = pair_slot(s[i], s[i + 1]);
      if (((pairs_[slot >> 6] >> (slot & 63)) & 1) == 0) return nullptr;
    }
    return longest_at(s, i);
  }
  /// True when some entry starts with an ASCII digit.
  bool digit_starts() const { return digit_starts_; }

 private:
  /// The pair filter's slot for two neighbouring characters.
  static std::uint32_t pair_slot(char32_t a, char32_t b) {
    return (((static_cast<std::uint32_t>(a) * 0x9E3779B1u) ^ (static_cast<std::uint32_t>(b) * 0x85EBCA77u)) >> 16) &
           0xFFFFu;
  }
  const DictWord* longest_at(const std::u32string& s, std::size_t i) const;

  std::vector<const DictWord*> words_;  ///< the built-in entries and own_words_
  std::vector<DictWord> own_words_;     ///< the profile's entries
  /// (first character, index in words_), sorted: the entries to try at a place.
  std::vector<std::pair<char32_t, std::size_t>> by_first_;
  std::vector<std::uint8_t> marks_;  ///< 0x10000 entries (sized by build: a matcher never built holds none)
  /// One bit per hash of an entry's first two characters: a character that starts an entry is
  /// looked up only when the next one may continue one (single-character entries, which the
  /// filter cannot see, switch it off).
  std::vector<std::uint64_t> pairs_;  ///< 0x10000 bits
  bool any_single_ = false;
  bool digit_starts_ = false;
};

/// The built-in entries (for docs and tests).
const std::vector<DictWord>& builtin_dictionary();

}  // namespace paiban

#endif  // PAIBAN_DICTIONARY_H
