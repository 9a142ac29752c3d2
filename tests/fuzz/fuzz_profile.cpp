// Fuzz target: the site profile parser, then a small article formatted with every profile
// the parser accepts (so hostile profile strings reach the renderer).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "json_guard.h"
#include "paiban/paiban.h"
#include "profile.h"

using namespace paiban;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // format() refuses a profile past these limits before parsing it; so does this target.
  if (auto e = check_json_limits(text, kProfileLimits, "profile")) {
    fuzz::require(e->line >= 0 && !e->message_en.empty(), "a limit error names its place");
    return 0;
  }
  Profile profile;
  std::vector<Error> errors;
  std::vector<Diagnostic> warnings;
  const bool ok = parse_profile(text, profile, errors, warnings);
  fuzz::require(ok == errors.empty(), "a profile is accepted exactly when it has no error");
  for (const Error& e : errors) {
    fuzz::require(!e.code.empty(), "every error has a code");
    fuzz::require(!e.message_zh.empty() && !e.message_en.empty(), "every error has both messages");
    fuzz::require(e.line >= 0 && e.column >= 0, "error place is not negative");
  }
  if (!ok || text.empty()) return 0;

  Options opt;
  opt.profile_json = std::string(text);
  opt.now = "2024-05-06 09:30:00";
  const Result r = format("关于开展2024年环境监测工作的通知\n\n一、总体要求\n\n各单位要高度重视。\n", opt);
  fuzz::require(r.ok == r.errors.empty(), "format ok exactly when no error");
  fuzz::require(fuzz::valid_utf8(r.page) && fuzz::valid_utf8(r.fragment), "page is UTF-8");
  fuzz::require(r.page.find("<script") == std::string::npos, "no script in the page");
  return 0;
}
