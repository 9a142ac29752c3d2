// The command line's input decoding (SPEC §2): UTF-8 with or without BOM as is, UTF-16 with a
// BOM converted, GB18030 (old Windows Notepad files) detected and converted with iconv.
#ifndef PAIBAN_CLI_ENCODING_H
#define PAIBAN_CLI_ENCODING_H

#include <string>
#include <string_view>

namespace paiban::cli {

enum class Encoding { utf8, utf16le, utf16be, gb18030, unknown };

struct Decoded {
  std::string text;  ///< UTF-8, or the bytes as they were when no encoding fits
  Encoding encoding = Encoding::utf8;
};

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

/// Converts `bytes` to UTF-8:
/// - a UTF-8 BOM or valid UTF-8: unchanged (the core drops the BOM);
/// - a UTF-16 LE or BE BOM: converted (BOM dropped; an unpaired surrogate becomes U+FFFD);
/// - otherwise, when the bytes decode cleanly as GB18030 and do not look like UTF-8 with a few
///   damaged bytes: converted;
/// - otherwise: unchanged, Encoding::unknown (the core replaces invalid bytes with U+FFFD).
Decoded to_utf8(std::string bytes);

}  // namespace paiban::cli

#endif  // PAIBAN_CLI_ENCODING_H
