// format() runs the lint pass inside the typography pass, on each block's buffer as the fix
// rules leave it (RunBuffer::rebase), instead of building every buffer again. The findings must
// be exactly those of lint() run on its own afterwards, in the same order.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "blocks.h"
#include "decode.h"
#include "meta.h"
#include "profile.h"
#include "typography.h"

using namespace paiban;

namespace {

constexpr const char* kNow = "2024-03-01 09:30:00";

std::string key(const Diagnostic& d) {
  return std::string(d.rule) + "@" + std::to_string(d.line) + ":" + std::to_string(d.column) + " [" + d.before + "→" +
         d.after + "] " + std::string(d.message());
}

/// Warnings both ways: {inside typography, lint() afterwards}.
std::pair<std::vector<std::string>, std::vector<std::string>> both(const std::string& input, const Profile& profile) {
  std::vector<Diagnostic> sink;
  std::vector<Error> errors;
  const Source source = decode(input, sink);
  Meta meta = extract_meta(source, Fields{}, profile, kNow, sink, errors);
  Document a = parse_blocks(source, meta, sink);
  Document b = a;
  Meta meta_b = meta;

  std::vector<Diagnostic> inline_warnings;
  LintPass pass(meta, profile, kNow, inline_warnings);
  apply_typography(a, meta.title, profile, {}, nullptr, [&](const RunBuffer& buf) { pass.block(buf); });
  pass.finish(meta);

  std::vector<Diagnostic> after_warnings;
  apply_typography(b, meta_b.title, profile, {});
  lint(b, meta_b, profile, kNow, after_warnings);

  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  for (const Diagnostic& d : inline_warnings) out.first.push_back(key(d));
  for (const Diagnostic& d : after_warnings) out.second.push_back(key(d));
  return out;
}

}  // namespace

TEST_CASE("lint inside typography: the same warnings as lint() afterwards, on every corpus note") {
  int files = 0;
  std::size_t warnings = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PAIBAN_SOURCE_DIR) + "/tests/corpus")) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 4 || name.substr(name.size() - 4) != ".txt" || name.find(".expected.") != std::string::npos)
      continue;
    std::ifstream f(entry.path(), std::ios::binary);
    const std::string input((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto [inside, after] = both(input, default_profile());
    CAPTURE(name);
    CHECK(inside == after);
    warnings += after.size();
    ++files;
  }
  CHECK(files == 50);
  CHECK(warnings > 0);
}

TEST_CASE("lint inside typography: the same warnings on generated notes with code, links and fixes") {
  const std::vector<std::string> pieces = {"会议",
                                           "指出",
                                           "，",
                                           ",",
                                           ".",
                                           "...",
                                           "\"",
                                           "“",
                                           "”",
                                           "《",
                                           "（",
                                           "--",
                                           "—",
                                           " ",
                                           "a",
                                           "PM2.5",
                                           "ＰＭ２．５",
                                           "二0二二年",
                                           "2024年2月30日",
                                           "`x`",
                                           "`,`",
                                           "**重点**",
                                           "*的的*",
                                           "[链接](https://a.gov.cn/x)",
                                           "https://b.cn/y,z",
                                           "a@b.cn",
                                           "明天",
                                           "10月5日—8日",
                                           "，，",
                                           "3-5",
                                           "\n",
                                           "一、",
                                           "的的",
                                           "按装"};
  std::uint32_t state = 2026;
  std::size_t total = 0;
  for (int n = 0; n < 1500; ++n) {
    std::string input = "标题：测试\n\n";
    const int len = 1 + static_cast<int>((state = state * 1664525u + 1013904223u) >> 8) % 24;
    for (int k = 0; k < len; ++k) input += pieces[((state = state * 1664525u + 1013904223u) >> 8) % pieces.size()];
    CAPTURE(input);
    const auto [inside, after] = both(input + "\n", default_profile());
    REQUIRE(inside == after);
    total += after.size();
  }
  CHECK(total > 1500);  // warnings in changed blocks too: the comparison compares something
}
