// Fuzz target: the input decoder (bytes → valid UTF-8 lines).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "check.h"
#include "decode.h"

using namespace paiban;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diagnostics;
  const Source src = decode(bytes, diagnostics);
  std::size_t total = 0;
  for (std::size_t li = 0; li < src.line_count(); ++li) {
    const std::string_view line = src.line(li);
    fuzz::require(fuzz::valid_utf8(line), "decoded line is valid UTF-8");
    for (char c : line) {
      const auto u = static_cast<unsigned char>(c);
      fuzz::require(u != '\n' && u != '\r', "no line break inside a line");
      fuzz::require(u >= 0x20 || u == '\t', "no C0 control but tab");
      fuzz::require(u != 0x7F, "no DEL");
    }
    total += line.size();
  }
  // Each input byte becomes at most 3 bytes (U+FFFD) and each line at least one terminator.
  fuzz::require(total <= size * 3, "output bounded by input");
  fuzz::require(src.line_count() <= size + 1, "line count bounded by input");
  for (const Diagnostic& d : diagnostics) {
    fuzz::require(d.line >= 1 && d.line <= static_cast<int>(src.line_count()), "diagnostic line in range");
    fuzz::require(fuzz::valid_utf8(d.before) && fuzz::valid_utf8(d.message()), "diagnostic is UTF-8");
  }
  return 0;
}
