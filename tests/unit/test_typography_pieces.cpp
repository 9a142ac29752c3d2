// apply_typography collects a document's edits and net changes in lists that grow block by block
// (apply_typography_list): they must be the ones the blocks give one at a time, in order,
// whatever their size.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "profile.h"
#include "typography.h"

using namespace paiban;

namespace {

struct Rng {
  std::uint64_t s;
  int below(int n) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((s >> 33) % static_cast<std::uint64_t>(n));
  }
};

/// A paragraph on source line `line` with a few things the fix rules change (ASCII marks between
/// Han characters, doubled marks, half-width parentheses) or none.
Block paragraph(Rng& r, int line) {
  static const char* const kBits[] = {"中文", ",", "。", "测试", "(注)", "!!", "abc", " ", "数据;", "?", "“引”", "1.5"};
  Block b;
  b.pos = {line, 1};
  Inline in;
  in.pos = {line, 1};
  const int n = r.below(12);
  for (int i = 0; i < n; ++i) in.text += kBits[r.below(static_cast<int>(std::size(kBits)))];
  if (in.text.empty()) in.text = "正文";
  b.inlines.push_back(in);
  return b;
}

bool same(const Edit& a, const Edit& b) {
  return a.rule == b.rule && a.message == b.message && a.pos.line == b.pos.line && a.pos.col == b.pos.col &&
         a.length == b.length && a.before == b.before && a.after == b.after;
}
bool same(const SourceEdit& a, const SourceEdit& b) {
  return a.pos.line == b.pos.line && a.pos.col == b.pos.col && a.length == b.length && a.before == b.before &&
         a.after == b.after;
}

}  // namespace

TEST_CASE("apply_typography: the edits and net changes of a document are its blocks' ones, in order") {
  const Profile& profile = default_profile();
  int compared = 0;
  std::size_t most = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    Rng r{seed};
    // Up to a few thousand blocks: the lists take several pieces, and a block may bring many.
    const int blocks = seed % 6 == 0 ? 3000 : r.below(400);
    Document doc;
    for (int i = 0; i < blocks; ++i) doc.blocks.push_back(paragraph(r, i + 1));
    if (seed % 5 == 0)  // one block with hundreds of changes
      doc.blocks.push_back(Block{BlockKind::paragraph,
                                 0,
                                 {Inline{InlineKind::text, std::string(), {}, {blocks + 1, 1}}},
                                 {},
                                 {blocks + 1, 1}});
    if (seed % 5 == 0)
      for (int i = 0; i < 300; ++i) doc.blocks.back().inlines[0].text += "中,文";
    std::vector<Edit> want;
    std::vector<SourceEdit> want_net;
    for (const Block& b : doc.blocks) {
      Document one;
      one.blocks.push_back(b);
      Field title;
      std::vector<SourceEdit> net;
      for (Edit& e : apply_typography(one, title, profile, {}, &net)) want.push_back(std::move(e));
      for (SourceEdit& e : net) want_net.push_back(std::move(e));
    }
    Field title;
    std::vector<SourceEdit> net(1);  // kept: the changes are added after it
    const std::vector<Edit> got = apply_typography(doc, title, profile, {}, &net);
    CAPTURE(seed);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) REQUIRE(same(got[i], want[i]));
    REQUIRE(net.size() == want_net.size() + 1);
    for (std::size_t i = 0; i < want_net.size(); ++i) REQUIRE(same(net[i + 1], want_net[i]));
    most = std::max(most, got.size());
    ++compared;
  }
  CHECK(compared == 60);
  CHECK(most > 3000);  // several pieces were joined
}

TEST_CASE("apply_typography_list: apply_typography's edits, in source order") {
  // Small documents too, and a detected title placed after the body: its edits come first from
  // the rules, so the list is sorted as one.
  const Profile& profile = default_profile();
  int compared = 0;
  int unsorted = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Rng r{seed};
    const int blocks = seed % 10 == 0 ? 1500 : r.below(seed % 3 == 0 ? 8 : 120);
    Document doc;
    for (int i = 0; i < blocks; ++i) doc.blocks.push_back(paragraph(r, i + 2));
    if (seed % 7 == 0 && blocks > 0)
      for (int i = 0; i < 40; ++i) doc.blocks.back().inlines[0].text += "中,文";
    Field title;
    if (seed % 4 == 0) {
      title.value = "标题,测试(注)";
      title.from = "detected";
      title.pos = {seed % 8 == 0 ? blocks + 5 : 1, 1};
    }
    Document doc2 = doc;
    Field title2 = title;
    std::vector<Edit> want;
    {
      std::vector<SourceEdit> net;
      want = apply_typography(doc2, title2, profile, {}, &net);
    }
    // source order: a stable sort by place changes nothing
    std::vector<Edit> sorted = want;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Edit& x, const Edit& y) {
      return x.pos.line != y.pos.line ? x.pos.line < y.pos.line : x.pos.col < y.pos.col;
    });
    NetList net;
    const std::deque<Edit> got = apply_typography_list(doc, title, profile, {}, &net);
    CAPTURE(seed);
    REQUIRE(got.size() == sorted.size());
    for (std::size_t i = 0; i < got.size(); ++i) REQUIRE(same(got[i], sorted[i]));
    REQUIRE(want.size() == sorted.size());
    for (std::size_t i = 0; i < want.size(); ++i) REQUIRE(same(want[i], sorted[i]));
    if (seed % 8 == 0 && !got.empty() && got.back().pos.line == blocks + 5) ++unsorted;  // the title's
    ++compared;
  }
  CHECK(compared == 300);
  CHECK(unsorted > 10);
}
