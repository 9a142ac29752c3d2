// The WASM build's memcpy (wasm/copy_bytes.h) against a byte loop: every size up to 300 at
// every pair of source and destination offsets mod 8, and a few large sizes; the bytes around
// the destination must stay as they were.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "../../wasm/copy_bytes.h"

namespace {

/// The reference: one byte at a time.
void copy_reference(unsigned char* d, const unsigned char* s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) d[i] = s[i];
}

/// Deterministic bytes (a linear congruential generator).
std::vector<unsigned char> bytes(std::size_t n, std::uint32_t seed) {
  std::vector<unsigned char> v(n);
  for (auto& b : v) {
    seed = seed * 1664525U + 1013904223U;
    b = static_cast<unsigned char>(seed >> 24);
  }
  return v;
}

/// Copies n bytes from offset so of a source to offset d0 of a destination (both filled with
/// different bytes), by copy_bytes and by the reference; the whole destinations must match.
bool same(std::size_t n, std::size_t so, std::size_t d0, std::uint32_t seed) {
  const std::size_t pad = 24;
  const std::vector<unsigned char> src = bytes(n + so + pad, seed);
  std::vector<unsigned char> a = bytes(n + d0 + pad, seed ^ 0x9e3779b9U);
  std::vector<unsigned char> b = a;
  void* r = paiban::wasm::copy_bytes(a.data() + d0, src.data() + so, n);
  copy_reference(b.data() + d0, src.data() + so, n);
  return r == a.data() + d0 && a == b;
}

}  // namespace

TEST_CASE("wasm copy_bytes: every size to 300 at every alignment gives the byte loop's bytes") {
  std::size_t cases = 0;
  std::size_t failed = 0;
  for (std::size_t n = 0; n <= 300; ++n)
    for (std::size_t so = 0; so < 8; ++so)
      for (std::size_t d0 = 0; d0 < 8; ++d0) {
        ++cases;
        if (!same(n, so, d0, static_cast<std::uint32_t>(n * 64 + so * 8 + d0))) ++failed;
      }
  CHECK(cases == 301 * 64);
  CHECK(failed == 0);
}

TEST_CASE("wasm copy_bytes: large copies (past Emscripten's 512-byte hand-off) at odd offsets") {
  for (const std::size_t n : {511U, 512U, 513U, 4095U, 4096U, 65537U, 300001U})
    for (const std::size_t so : {0U, 3U})
      for (const std::size_t d0 : {0U, 5U}) CHECK(same(n, so, d0, static_cast<std::uint32_t>(n + so + d0)));
}
