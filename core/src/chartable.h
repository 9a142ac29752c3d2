// A few bits per BMP code point, for scanners that look at a handful of characters among many:
// a row of 256 entries for each page (code point / 256) that holds a marked character, one
// shared row of zeros for the other pages, and one bit per code point to skip unmarked
// characters with a single test. Code points beyond the BMP have no bits.
#ifndef PAIBAN_CHARTABLE_H
#define PAIBAN_CHARTABLE_H

#include <cstddef>
#include <cstdint>

namespace paiban {

/// `Bits`: the entry type (wide enough for the marks); `kRows`: the pages with marks, at most,
/// plus one (marks on more pages are dropped: size it for the characters it is built with).
template <typename Bits, unsigned kRows>
class CharTable {
 public:
  CharTable() {
    for (Bits*& r : row_) r = bits_[0];
  }
  /// A table marked by `build(table)`.
  template <typename Build>
  explicit CharTable(Build build) : CharTable() {
    build(*this);
  }
  CharTable(const CharTable&) = delete;
  CharTable& operator=(const CharTable&) = delete;

  /// Adds `bit` to c's entry (c in the BMP).
  void mark(char32_t c, unsigned bit) {
    const std::size_t page = c >> 8;
    if (row_[page] == bits_[0]) {
      if (rows_ == kRows) return;
      row_[page] = bits_[rows_++];
    }
    Bits& b = row_[page][c & 255];
    b = static_cast<Bits>(b | bit);
    any_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }

  /// c's bits (0 beyond the BMP).
  unsigned operator()(char32_t c) const { return c < 0x10000 ? row_[c >> 8][c & 255] : 0u; }
  /// False when c has no bits; true may also be a code point beyond the BMP (operator() tells).
  bool maybe(char32_t c) const { return (any_[(c >> 6) & 1023] & (std::uint64_t{1} << (c & 63))) != 0; }

 private:
  Bits* row_[256];  // each page's row in bits_ (bits_[0]: all zero)
  Bits bits_[kRows][256] = {};
  std::uint64_t any_[1024] = {};  // one bit per BMP code point: set when it has bits
  unsigned rows_ = 1;
};

}  // namespace paiban

#endif  // PAIBAN_CHARTABLE_H
