// The module's memcpy (see copy_bytes.h): a strong definition, so the linker takes it instead
// of Emscripten's (a weak alias in its libc). memmove calls it for ranges that do not overlap.
#include <cstddef>

#include "copy_bytes.h"

extern "C" void* memcpy(void* dst, const void* src, std::size_t n) {
  return paiban::wasm::copy_bytes(dst, src, n);
}
