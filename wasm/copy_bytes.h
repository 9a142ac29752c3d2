// The byte copy behind the WASM build's memcpy (wasm/memcpy.cpp). Emscripten 3.1.6's own
// memcpy copies byte by byte whenever source and destination differ in their address mod 4
// (most std::string appends: the core builds its HTML and JSON by appending pieces at any
// offset), and hands every copy of 512 bytes or more to a JavaScript function
// (HEAPU8.copyWithin), a call out of the module each time. This one copies 8 bytes a load and
// a store at any alignment (WASM allows unaligned access; on the engines' hosts it costs
// nothing), in the module, at every size. Header-only so that the unit tests check it natively
// and under WASM against a byte loop.
#ifndef PAIBAN_WASM_COPY_BYTES_H
#define PAIBAN_WASM_COPY_BYTES_H

#include <cstddef>
#include <cstdint>

// The compiler must not turn the loops below back into a memcpy call: under WASM this is memcpy.
#if defined(__clang__)
#define PAIBAN_NO_BUILTIN_MEMCPY __attribute__((no_builtin("memcpy")))
#else
#define PAIBAN_NO_BUILTIN_MEMCPY
#endif

namespace paiban::wasm {

/// Copies n bytes from src to dst (the ranges must not overlap, as for memcpy); returns dst.
PAIBAN_NO_BUILTIN_MEMCPY inline void* copy_bytes(void* dst, const void* src, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (n < 8) {
    for (std::size_t i = 0; i < n; ++i) d[i] = s[i];
    return dst;
  }
  // 8-byte words with a constant-size __builtin_memcpy: one unaligned i64 load and store.
  const std::size_t last = n - 8;
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    __builtin_memcpy(&a, s + i, 8);
    __builtin_memcpy(&b, s + i + 8, 8);
    __builtin_memcpy(d + i, &a, 8);
    __builtin_memcpy(d + i + 8, &b, 8);
  }
  if (i + 8 <= n) {
    std::uint64_t a = 0;
    __builtin_memcpy(&a, s + i, 8);
    __builtin_memcpy(d + i, &a, 8);
    i += 8;
  }
  if (i < n) {
    // The last 0–7 bytes: the word that ends at n (it overlaps bytes already copied, with the
    // same values).
    std::uint64_t a = 0;
    __builtin_memcpy(&a, s + last, 8);
    __builtin_memcpy(d + last, &a, 8);
  }
  return dst;
}

}  // namespace paiban::wasm

#endif  // PAIBAN_WASM_COPY_BYTES_H
