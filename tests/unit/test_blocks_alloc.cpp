// The blocks stage with quotes reading their lines from the stage's line list and every block
// built in place: on generated notes with quotes (empty `>` lines, one-paragraph-per-line and
// joined texts), lists, headings, markup, unsafe links and sign-offs, the plain path and cmark's
// reading give the same document and diagnostics; a quote's paragraphs start where their lines
// are; a plain run is made with room for the rules to grow it.
#include <doctest/doctest.h>

#include <cstdint>
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

std::string dump(const Document& doc, const std::vector<Diagnostic>& diagnostics) {
  std::ostringstream o;
  testing::dump(doc.blocks, o, 0);
  for (const Diagnostic& d : diagnostics) o << "diag " << d.rule << " @" << d.line << ":" << d.column << "\n";
  return o.str();
}

int count_kind(const std::vector<Block>& blocks, BlockKind kind) {
  int n = 0;
  for (const Block& b : blocks) n += (b.kind == kind ? 1 : 0) + count_kind(b.children, kind);
  return n;
}

}  // namespace

TEST_CASE("blocks: quotes read in place and blocks built in place give cmark's document on generated notes") {
  const std::vector<std::string> pieces = {"会议",
                                           "指出，",
                                           "要加强源头管控",
                                           "。",
                                           "PM2.",
                                           "5",
                                           "abc",
                                           " ",
                                           "　",
                                           "（一）",
                                           "一、",
                                           "1.",
                                           "- ",
                                           "• ",
                                           "> ",
                                           ">",
                                           ">　",
                                           "> > ",
                                           "# ",
                                           "## ",
                                           "“",
                                           "2024年3月1日",
                                           "商洛市生态环境局",
                                           "\n",
                                           "\n",
                                           "\n",
                                           "\n",
                                           "\n>\n",
                                           "\n> ",
                                           "\n>",
                                           "\n\n",
                                           "\n　　",
                                           "\n  ",
                                           "\n- ",
                                           "\n2024年3月1日",
                                           "\n商洛市生态环境局\n",
                                           "*重点*",
                                           "`c`",
                                           "[链接](https://a.cn)",
                                           "[坏](javascript:x)",
                                           "<b>"};
  std::uint32_t state = 7;
  auto next = [&] { return (state = state * 1664525u + 1013904223u) >> 8; };
  int quotes = 0, lists = 0, signatures = 0, quote_paragraphs = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string input = n % 3 == 0 ? "标题：测试\n\n" : "";
    const std::uint32_t len = 1 + next() % 50;
    for (std::uint32_t k = 0; k < len; ++k) input += pieces[next() % pieces.size()];
    if (n % 4 == 1) input += "\n商洛市生态环境局\n2024年3月1日\n";  // a sign-off at the end
    CAPTURE(input);
    std::vector<Diagnostic> d0;
    std::vector<Error> errors;
    const Source source = decode(input, d0);
    const Meta meta = extract_meta(source, Fields{}, default_profile(), "2024-03-01 09:30:00", d0, errors);
    std::vector<Diagnostic> d_fast, d_cmark;
    const Document got = parse_blocks(source, meta, d_fast, true);
    const Document want = parse_blocks(source, meta, d_cmark, false);
    CHECK(dump(got, d_fast) == dump(want, d_cmark));
    quotes += count_kind(got.blocks, BlockKind::quote);
    lists += count_kind(got.blocks, BlockKind::list);
    signatures += count_kind(got.blocks, BlockKind::signature);
    for (const Block& b : got.blocks)
      if (b.kind == BlockKind::quote) quote_paragraphs += static_cast<int>(b.children.size());
  }
  CHECK(quotes > 1000);
  CHECK(quote_paragraphs > quotes);
  CHECK(lists > 500);
  CHECK(signatures > 500);
}

TEST_CASE("blocks: a plain run is made with room for the typography rules to grow it in place") {
  std::string input = "标题：测试\n\n";
  for (int n = 0; n < 200; ++n) {
    input += std::string(static_cast<std::size_t>(n % 37), 'a');
    input += "会议指出要加强源头管控PM2.";
    input += n % 3 == 0 ? "\n5\n\n" : "\n\n";
  }
  std::vector<Diagnostic> d;
  std::vector<Error> errors;
  const Source source = decode(input, d);
  REQUIRE(source.markup_free);
  const Meta meta = extract_meta(source, Fields{}, default_profile(), "2024-03-01 09:30:00", d, errors);
  const Document doc = parse_blocks(source, meta, d);
  int runs = 0;
  for (const Block& b : doc.blocks) {
    for (const Inline& in : b.inlines) {
      ++runs;
      CAPTURE(in.text);
      CHECK(in.text.capacity() >= in.text.size() + in.text.size() / 32 + 8);
    }
  }
  CHECK(runs > 250);
}

TEST_CASE("blocks: a quote's paragraph after an empty `>` line starts on its own line") {
  for (const bool fast : {true, false}) {
    CAPTURE(fast);
    std::vector<Diagnostic> d;
    std::vector<Error> errors;
    const Source source =
        decode("标题：测试\n\n> 第一段文字\n>\n> 第二段文字\n> 接着写\n>\n>\n> 第三段\n\n正文。\n", d);
    const Meta meta = extract_meta(source, Fields{}, default_profile(), "2024-03-01 09:30:00", d, errors);
    const Document doc = parse_blocks(source, meta, d, fast);
    const Block* quote = nullptr;
    for (const Block& b : doc.blocks)
      if (b.kind == BlockKind::quote) quote = &b;
    REQUIRE(quote != nullptr);
    REQUIRE(quote->children.size() == 3);
    CHECK(quote->children[0].pos.line == 3);
    CHECK(quote->children[1].pos.line == 5);
    CHECK(quote->children[2].pos.line == 9);
    CHECK(quote->children[1].pos.col == quote->children[0].pos.col);
  }
}
