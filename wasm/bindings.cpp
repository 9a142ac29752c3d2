// The WASM face of the core: one JSON-in / JSON-out call. All work stays in the library.
#include <emscripten/bind.h>

#include <string>

#include "paiban/paiban.h"

namespace {

std::string format_json(const std::string& request) {
  return paiban::format_json(request);
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
  emscripten::function("version", &version);
  emscripten::function("defaultProfile", &default_profile);
}
