// Stage 1: bytes → valid UTF-8 lines.
#ifndef PAIBAN_DECODE_H
#define PAIBAN_DECODE_H

#include <string_view>
#include <vector>

#include "model.h"

namespace paiban {

/// Strips a UTF-8 BOM, splits on LF, CRLF and CR, and replaces each invalid UTF-8 sequence
/// with U+FFFD, adding one "decode.invalid-utf8" diagnostic per affected line. NUL bytes and
/// other C0 controls except tab become U+FFFD as well.
Source decode(std::string_view bytes, std::vector<Diagnostic>& diagnostics);

/// True when s is valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s);

}  // namespace paiban

#endif  // PAIBAN_DECODE_H
