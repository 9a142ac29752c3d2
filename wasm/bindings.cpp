// The WASM face of the core: JSON in, JSON out (formatJson), or the notes as a string of their
// own with the other options as JSON (formatInput, what the editor's worker calls: megabytes of
// notes never go through JSON). All work stays in the library.
#include <emscripten/bind.h>

#include <string>

#include "paiban/paiban.h"

namespace {

std::string format_json(const std::string& request) {
  return paiban::format_json(request);
}
std::string format_input(const std::string& input, const std::string& request) {
  return paiban::format_json(input, request);
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
  emscripten::function("formatInput", &format_input);
  emscripten::function("version", &version);
  emscripten::function("defaultProfile", &default_profile);
}
