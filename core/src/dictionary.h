// The house dictionary (规范表述): wrong form → right form, matched as Chinese substrings, with
// a guard against hits inside longer words. The built-in list holds forms from the official
// variant-forms list (第一批异形词整理表) and common wrong fixed expressions; the profile adds
// the site's own entries.
#ifndef PAIBAN_DICTIONARY_H
#define PAIBAN_DICTIONARY_H

#include <cstdint>
#include <map>
#include <string>
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
  /// The built-in entries plus the profile's (the profile's win for the same wrong form).
  static DictMatcher build(const Profile& profile);
  /// Every hit in s, left to right, not overlapping.
  std::vector<Hit> find(const std::u32string& s) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<DictWord> words_;
  std::map<char32_t, std::vector<std::size_t>> by_first_;
  /// One bit per BMP code point: set when some entry starts with it (a quick filter before
  /// by_first_; code points above the BMP always look in by_first_).
  std::vector<std::uint64_t> first_bmp_ = std::vector<std::uint64_t>(0x10000 / 64, 0);
  /// One bit per hash of an entry's first two characters: a character that starts an entry is
  /// looked up only when the next one may continue one (single-character entries, which the
  /// filter cannot see, switch it off).
  std::vector<std::uint64_t> pairs_ = std::vector<std::uint64_t>(0x10000 / 64, 0);
  bool any_single_ = false;
};

/// The built-in entries (for docs and tests).
const std::vector<DictWord>& builtin_dictionary();

}  // namespace paiban

#endif  // PAIBAN_DICTIONARY_H
