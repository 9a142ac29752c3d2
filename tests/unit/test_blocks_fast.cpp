// parse_blocks reads text without markup without cmark. The document must be exactly the one
// cmark's reading gives, block for block and run for run: checked on every corpus note and
// golden input, and on generated notes that mix plain lines with markup and odd spacing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "blocks.h"
#include "decode.h"
#include "document_dump.h"
#include "meta.h"
#include "profile.h"

using namespace paiban;

namespace {

using testing::dump;

/// The document both ways, as text: {fast, cmark}; and how many runs it has.
std::pair<std::string, std::string> both(const std::string& input, std::size_t& runs) {
  std::vector<Diagnostic> d0, d1, d2;
  std::vector<Error> errors;
  const Source source = decode(input, d0);
  const Meta meta = extract_meta(source, Fields{}, default_profile(), "2024-03-01 09:30:00", d0, errors);
  const Document fast = parse_blocks(source, meta, d1, true);
  const Document slow = parse_blocks(source, meta, d2, false);
  std::ostringstream a, b;
  dump(fast.blocks, a, 0);
  dump(slow.blocks, b, 0);
  for (const Diagnostic& d : d1) a << d.rule << "@" << d.line << ":" << d.column << "\n";
  for (const Diagnostic& d : d2) b << d.rule << "@" << d.line << ":" << d.column << "\n";
  std::string fast_text = a.str();
  runs += static_cast<std::size_t>(std::count(fast_text.begin(), fast_text.end(), '['));
  return {std::move(fast_text), b.str()};
}

std::string read(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("blocks without cmark: the same document as cmark's reading, on every corpus note and golden input") {
  int files = 0;
  std::size_t runs = 0;
  for (const char* dir : {"/tests/corpus", "/tests/golden"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(PAIBAN_SOURCE_DIR) + dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() != ".txt" || name.find(".expected.") != std::string::npos) continue;
      const auto [fast, slow] = both(read(entry.path()), runs);
      CAPTURE(name);
      CHECK(fast == slow);
      ++files;
    }
  }
  CHECK(files >= 80);
  CHECK(runs > 300);
}

TEST_CASE("blocks without cmark: the same document on generated notes with markup and odd spacing") {
  const std::vector<std::string> pieces = {"会议",   "指出",
                                           "，",     ",",
                                           ".",      " ",
                                           "  ",     "\t",
                                           "　",     "\xC2\xA0",
                                           "a",      "PM2.",
                                           "5",      "R&D",
                                           "*重点*", "_x_",
                                           "`c`",    "[链接](https://a.cn)",
                                           "<b>",    "!",
                                           "\\",     "&amp;",
                                           "一、",   "（一）",
                                           "1.",     "- ",
                                           "> ",     "#",
                                           "——",     "“",
                                           "”",      "\n",
                                           "\n",     "\n\n",
                                           "\n　　", "\n  ",
                                           "x\n",    "2024年3月1日",
                                           ":",      ")"};
  std::uint32_t state = 77;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::size_t runs = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string input = "标题：测试\n\n";
    const std::uint32_t len = 1 + next() % 30;
    for (std::uint32_t k = 0; k < len; ++k) input += pieces[next() % pieces.size()];
    CAPTURE(input);
    const auto [fast, slow] = both(input + "\n", runs);
    REQUIRE(fast == slow);
  }
  CHECK(runs > 3000);
}
