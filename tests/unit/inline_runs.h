// Generated blocks of inline runs (text, verbatim text, code spans, emphasis, links) and the
// checks on what RunBuffer makes of them, for the tests of the typography engine's buffer
// (test_textrun, test_rule_loop).
#ifndef PAIBAN_TESTS_INLINE_RUNS_H
#define PAIBAN_TESTS_INLINE_RUNS_H

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model.h"
#include "text.h"
#include "textrun.h"

namespace paiban::testing {

/// A small linear congruential generator: rng(n) is a number below n.
struct Rng {
  std::uint32_t state;
  std::uint32_t operator()(std::uint32_t n) { return ((state = state * 1664525u + 1013904223u) >> 8) % n; }
};

/// A run on line 1–3 at column 1–20, a code span one time in `code_one_in`, else text.
inline Inline new_run(Rng& rng, std::uint32_t code_one_in) {
  Inline in;
  in.pos = {1 + static_cast<int>(rng(3)), 1 + static_cast<int>(rng(20))};
  in.kind = rng(code_one_in) == 0 ? InlineKind::code : InlineKind::text;
  return in;
}

/// Appends a run, now and then inside emphasis (or, with `links`, a link).
inline void push_run(std::vector<Inline>& out, const Inline& in, Rng& rng, bool links) {
  if (in.kind != InlineKind::text || rng(4) != 0) {
    out.push_back(in);
    return;
  }
  Inline em;
  em.kind = links && rng(2) == 0 ? InlineKind::link : InlineKind::emph;
  em.pos = in.pos;
  em.children.push_back(in);
  out.push_back(em);
}

/// One to five runs of fewer than `most_chars` characters (Chinese, ASCII, quotes, a URL's and an
/// address's characters, the code placeholder), some verbatim, some code spans, some emphasised.
inline std::vector<Inline> make_inlines(Rng& rng, std::uint32_t most_chars) {
  const std::u32string alphabet = U"会议a1 .,“”http://x.cn@ \uFFFC";
  std::vector<Inline> out;
  for (std::uint32_t n = 1 + rng(5); n > 0; --n) {
    Inline in = new_run(rng, 5);
    in.verbatim = rng(6) == 0;
    std::u32string t;
    for (std::uint32_t k = rng(most_chars); k > 0; --k) t += alphabet[rng(static_cast<std::uint32_t>(alphabet.size()))];
    in.text = text::to_utf8(t);
    push_run(out, in, rng, false);
  }
  return out;
}

/// The two lists of net edits are the same, edit by edit.
inline void require_same_net_edits(const std::vector<RunBuffer::NetEdit>& want,
                                   const std::vector<RunBuffer::NetEdit>& got) {
  REQUIRE(want.size() == got.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    REQUIRE(want[i].pos.line == got[i].pos.line);
    REQUIRE(want[i].pos.col == got[i].pos.col);
    REQUIRE(want[i].length == got[i].length);
    REQUIRE(want[i].before == got[i].before);
    REQUIRE(want[i].after == got[i].after);
  }
}

}  // namespace paiban::testing

#endif
