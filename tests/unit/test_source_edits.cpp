// apply_source_edits rebuilds the notes with the net fixes made, working on UTF-8 with byte
// places. It must give what the plain reading of its contract gives — the same code points
// changed, the same changes left out — which the reference below does on UTF-32, as the core
// once did. Checked on random lines and random edits: overlapping, tied, mismatched, past the
// end of the line, insertions and deletions, with multi-byte characters.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

std::string reference(const Source& source, std::vector<SourceEdit> net) {
  // edits at one place in the order they were made, on every platform
  std::stable_sort(net.begin(), net.end(), [](const SourceEdit& a, const SourceEdit& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.col > b.pos.col;
  });
  std::string out;
  std::size_t k = 0;
  for (std::size_t li = 0; li < source.line_count(); ++li) {
    const int line_no = static_cast<int>(li) + 1;
    while (k < net.size() && net[k].pos.line < line_no) ++k;
    const std::u32string l = text::to_u32(source.line(li));
    std::vector<std::u32string_view> pieces;
    std::size_t limit = l.size();
    const std::u32string_view whole(l);
    for (; k < net.size() && net[k].pos.line == line_no; ++k) {
      const SourceEdit& e = net[k];
      if (e.pos.col < 1) continue;
      const auto at = static_cast<std::size_t>(e.pos.col - 1);
      if (at > limit || e.before.size() > limit - at || whole.compare(at, e.before.size(), e.before) != 0) continue;
      pieces.push_back(whole.substr(at + e.before.size(), limit - at - e.before.size()));
      pieces.push_back(e.after);
      limit = at;
    }
    pieces.push_back(whole.substr(0, limit));
    std::u32string fixed;
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) fixed += *it;
    out += text::to_utf8(fixed);
    out += '\n';
  }
  return out;
}

/// The generator of the cases (a linear congruential one: the same cases every run).
struct Gen {
  std::uint32_t state;
  std::uint32_t next() { return (state = state * 1664525u + 1013904223u) >> 8; }
  /// `count` characters drawn from `alphabet`.
  std::u32string chars(const std::u32string& alphabet, std::size_t count) {
    std::u32string out;
    for (std::size_t c = 0; c < count; ++c) out += alphabet[next() % alphabet.size()];
    return out;
  }
  /// `lines` lines of `alphabet` characters, each of fewer than `most` characters, pushed into
  /// `source`; returned as code points.
  std::vector<std::u32string> source_lines(Source& source, const std::u32string& alphabet, std::uint32_t lines,
                                           std::uint32_t most) {
    std::vector<std::u32string> u(lines);
    for (std::u32string& l : u) {
      l = chars(alphabet, next() % most);
      source.push_line(text::to_utf8(l));
    }
    return u;
  }
};

}  // namespace

TEST_CASE("source edits: the notes rebuilt in UTF-8 equal the rebuild on code points") {
  const std::u32string alphabet = U"会议,.，。a1 “”\U0001F600…—";
  Gen g{99};
  std::size_t applied = 0;
  for (int n = 0; n < 4000; ++n) {
    Source source;
    const std::uint32_t lines = 1 + g.next() % 4;
    // long lines too: eight-byte steps
    const std::vector<std::u32string> u = g.source_lines(source, alphabet, lines, n % 2 == 0 ? 12 : 60);
    std::vector<SourceEdit> net;
    const std::uint32_t edits = g.next() % 6;
    for (std::uint32_t e = 0; e < edits; ++e) {
      SourceEdit ed;
      ed.pos.line = static_cast<int>(g.next() % (lines + 1));  // line 0: before the first line
      const std::u32string& l = u[ed.pos.line == 0 ? 0 : static_cast<std::size_t>(ed.pos.line - 1)];
      ed.pos.col = static_cast<int>(g.next() % (l.size() + 3));  // 0 and past the end too
      const std::size_t at = ed.pos.col > 0 ? static_cast<std::size_t>(ed.pos.col - 1) : 0;
      const std::size_t blen = g.next() % 3;
      if (g.next() % 4 == 0 || at >= l.size())
        ed.before = g.chars(alphabet, blen);  // likely a mismatch
      else
        ed.before = l.substr(at, blen);
      ed.after = g.chars(alphabet, g.next() % 3);
      ed.length = static_cast<int>(ed.before.size());
      net.push_back(ed);
    }
    const std::string want = reference(source, net);
    CAPTURE(n);
    REQUIRE(apply_source_edits(source, net) == want);
    const std::string plain(source.text());
    if (want != plain) ++applied;
  }
  CHECK(applied > 1000);  // most cases change something: the comparison compares something
}

TEST_CASE("source edits: edits in source order, reversed, tied or shuffled, on long lines") {
  // The edits usually come in source order, which apply_source_edits takes without sorting when
  // no two share a place; ties and other orders are sorted. Lines of up to 200 characters cross
  // the sixteen- and eight-byte steps of the column search; long replacements too.
  const std::u32string alphabet = U"会议,.，。a1 “”\U0001F600…—é";
  Gen g{7};
  std::size_t applied = 0;
  for (int n = 0; n < 6000; ++n) {
    Source source;
    const std::uint32_t lines = 1 + g.next() % 5;
    const std::vector<std::u32string> u = g.source_lines(source, alphabet, lines, 200);
    std::vector<SourceEdit> net;
    for (std::uint32_t li = 1; li <= lines + 1; ++li) {  // line lines + 1: past the last line
      const std::u32string& l = u[std::min<std::size_t>(li, lines) - 1];
      int col = static_cast<int>(g.next() % 4);
      for (std::uint32_t e = g.next() % 5; e > 0; --e) {
        SourceEdit ed;
        ed.pos.line = static_cast<int>(li);
        ed.pos.col = col;
        col += static_cast<int>(1 + g.next() % 40);
        const std::size_t at = ed.pos.col > 0 ? static_cast<std::size_t>(ed.pos.col - 1) : 0;
        if (at < l.size()) ed.before = l.substr(at, g.next() % 3);
        const std::uint32_t alen = g.next() % 8 == 0 ? 17 + g.next() % 6 : g.next() % 3;
        ed.after = g.chars(alphabet, alen);
        ed.length = static_cast<int>(ed.before.size());
        net.push_back(ed);
      }
    }
    switch (n % 4) {
      case 0:  // source order, columns rising
        break;
      case 1:  // columns falling in each line
        for (std::size_t j = 0, e = 0; j < net.size(); j = e) {
          for (e = j; e < net.size() && net[e].pos.line == net[j].pos.line; ++e) {
          }
          std::reverse(net.begin() + static_cast<std::ptrdiff_t>(j), net.begin() + static_cast<std::ptrdiff_t>(e));
        }
        break;
      case 2:  // a tie: one edit twice at its place (an insertion after a replacement, say)
        if (!net.empty()) {
          const std::size_t j = g.next() % net.size();
          SourceEdit copy;
          copy.pos = net[j].pos;
          copy.after.push_back(U'插');
          net.insert(net.begin() + static_cast<std::ptrdiff_t>(j) + 1, copy);
        }
        break;
      default:  // shuffled
        for (std::size_t j = net.size(); j > 1; --j) std::swap(net[j - 1], net[g.next() % j]);
        break;
    }
    const std::string want = reference(source, net);
    CAPTURE(n);
    REQUIRE(apply_source_edits(source, net) == want);
    if (want != std::string(source.text())) ++applied;
  }
  CHECK(applied > 3000);
}
