// The WASM face of the core: JSON in, JSON out (formatJson), or the notes apart from the other
// options (formatInput, what the editor's worker calls: megabytes of notes never go through
// JSON; see post.js, which passes them as bytes). All work stays in the library.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "paiban/paiban.h"

namespace {

std::string format_json(const std::string& request) {
  return paiban::format_json(request);
}
/// The notes are `len` bytes at `ptr` in the module's memory (post.js put them there); the
/// response comes back as a Uint8Array of its own (a copy: the string it was made from is gone
/// when this returns).
emscripten::val format_bytes(std::uintptr_t ptr, std::size_t len, const std::string& request) {
  const std::string out =
      paiban::format_json(std::string_view(reinterpret_cast<const char*>(ptr), len), request);  // NOLINT
  const emscripten::val view(
      emscripten::typed_memory_view(out.size(), reinterpret_cast<const unsigned char*>(out.data())));  // NOLINT
  return emscripten::val::global("Uint8Array").new_(view);
}
std::string version() {
  return paiban::version();
}
std::string default_profile() {
  return paiban::default_profile_json();
}

}  // namespace

EMSCRIPTEN_BINDINGS(paiban) {
  emscripten::function("formatJson", &format_json);
  emscripten::function("formatBytes", &format_bytes);
  emscripten::function("version", &version);
  emscripten::function("defaultProfile", &default_profile);
}
