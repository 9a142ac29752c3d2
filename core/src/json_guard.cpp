#include "json_guard.h"

#include <string>

#include "json_locate.h"

namespace paiban {

std::optional<Error> check_json_limits(std::string_view s, const JsonLimits& limits, const std::string& prefix) {
  if (s.size() > limits.max_bytes) {
    const std::string n = std::to_string(s.size());
    const std::string max = std::to_string(limits.max_bytes);
    return Error{prefix + ".too-large",
                 "",
                 0,
                 0,
                 "JSON 文本有 " + n + " 字节，超过上限 " + max + " 字节",
                 "the JSON text has " + n + " bytes, more than the limit of " + max};
  }
  int depth = 0;
  bool in_string = false;
  std::size_t string_start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        const std::size_t length = i - string_start - 1;
        if (length <= limits.max_key_bytes) continue;
        std::size_t k = i + 1;
        while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r')) ++k;
        if (k < s.size() && s[k] == ':') {
          const TextPos at = position_of(s, string_start);
          const std::string max = std::to_string(limits.max_key_bytes);
          return Error{prefix + ".key-too-long",
                       "",
                       at.line,
                       at.column,
                       "键名超过 " + max + " 字节",
                       "a key is longer than " + max + " bytes"};
        }
      }
    } else if (c == '"') {
      in_string = true;
      string_start = i;
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) {
        const TextPos at = position_of(s, i);
        const std::string max = std::to_string(limits.max_depth);
        return Error{prefix + ".too-deep",
                     "",
                     at.line,
                     at.column,
                     "嵌套超过 " + max + " 层",
                     "nested more than " + max + " levels deep"};
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace paiban
