// A small deterministic generator (xorshift) for tests that make inputs, so failures repeat.
#ifndef PAIBAN_TESTS_XORSHIFT_H
#define PAIBAN_TESTS_XORSHIFT_H

#include <cstddef>
#include <cstdint>

namespace paiban::testing {

struct Xorshift {
  std::uint64_t s = 0x9E3779B97F4A7C15u;
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s >> 32);
  }
  /// A number below n.
  std::size_t below(std::size_t n) { return next() % n; }
};

}  // namespace paiban::testing

#endif
