// RunBuffer::store_and_rebase() writes a changed buffer back into its runs and makes it what
// make_buffer would build from the runs as they now are, in one walk. It must leave the run
// texts store() leaves and the buffer (characters, origins, protection) make_buffer builds
// afterwards: checked on generated blocks of text runs, verbatim runs, emphasis and code spans,
// changed the way the rules change a buffer (characters replaced, inserted with a neighbour's
// origin, a code span's included, and deleted).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "text.h"
#include "textrun.h"

using namespace paiban;

namespace {

struct Rng {
  std::uint32_t state;
  std::uint32_t operator()(std::uint32_t n) { return ((state = state * 1664525u + 1013904223u) >> 8) % n; }
};

std::vector<Inline> make_inlines(Rng& rng) {
  const std::u32string alphabet = U"会议a1 .,“”http://x.cn@ \uFFFC";
  std::vector<Inline> out;
  for (std::uint32_t n = 1 + rng(5); n > 0; --n) {
    Inline in;
    in.pos = {1 + static_cast<int>(rng(3)), 1 + static_cast<int>(rng(20))};
    in.kind = rng(5) == 0 ? InlineKind::code : InlineKind::text;
    in.verbatim = rng(6) == 0;
    std::u32string t;
    for (std::uint32_t k = rng(9); k > 0; --k) t += alphabet[rng(static_cast<std::uint32_t>(alphabet.size()))];
    in.text = text::to_utf8(t);
    if (in.kind == InlineKind::text && rng(4) == 0) {  // emphasis around a run
      Inline em;
      em.kind = InlineKind::emph;
      em.pos = in.pos;
      em.children.push_back(in);
      out.push_back(em);
    } else {
      out.push_back(in);
    }
  }
  return out;
}

/// Changes b the way the rules do: never a protected character (code, URL, verbatim); a
/// replaced character keeps its origin, an inserted one takes the origin of the character it is
/// put before, or at the end the last one's (which may be a code span's), a deleted one is gone.
void change(RunBuffer& b, Rng& rng) {
  for (std::uint32_t n = rng(6); n > 0 && !b.s.empty(); --n) {
    const std::size_t i = rng(static_cast<std::uint32_t>(b.s.size() + 1));
    const auto at = static_cast<std::ptrdiff_t>(i);
    if (i == b.s.size() || rng(3) == 1) {  // insert
      if (i < b.s.size() && b.prot[i] != 0) continue;
      const RunBuffer::Origin o = b.org[std::min(i, b.s.size() - 1)];
      b.s.insert(b.s.begin() + at, U'—');
      b.org.insert(b.org.begin() + at, o);
      b.prot.insert(b.prot.begin() + at, 0);
    } else if (b.prot[i] != 0) {
      continue;
    } else if (rng(2) == 0) {  // replace
      b.s[i] = U'，';
    } else {  // delete
      b.s.erase(i, 1);
      b.org.erase(b.org.begin() + at);
      b.prot.erase(b.prot.begin() + at);
    }
  }
}

std::vector<std::string> texts(const std::vector<Inline>& inlines) {
  std::vector<std::string> out;
  for (const Inline& in : inlines) {
    out.push_back(in.text);
    for (const std::string& t : texts(in.children)) out.push_back(t);
  }
  return out;
}

}  // namespace

TEST_CASE("store_and_rebase: the runs as store() leaves them, the buffer as make_buffer builds it from them") {
  Rng rng{5};
  std::size_t changed_texts = 0;
  for (int n = 0; n < 5000; ++n) {
    std::vector<Inline> one = make_inlines(rng);
    std::vector<Inline> two = one;
    RunBuffer a = make_buffer(one, false);
    RunBuffer b = make_buffer(two, false);
    const std::uint32_t seed = rng(1u << 20);
    Rng ra{seed};
    Rng rb{seed};
    change(a, ra);
    change(b, rb);
    const std::vector<std::string> before = texts(one);
    a.store();
    b.store_and_rebase();
    CAPTURE(n);
    REQUIRE(texts(one) == texts(two));
    a = make_buffer(one, false);
    REQUIRE(a.s == b.s);
    REQUIRE(a.prot == b.prot);
    REQUIRE(a.org.size() == b.org.size());
    for (std::size_t i = 0; i < a.org.size(); ++i) {
      REQUIRE(a.org[i].run == b.org[i].run);
      REQUIRE(a.org[i].off == b.org[i].off);
    }
    if (texts(one) != before) ++changed_texts;
  }
  CHECK(changed_texts > 2500);
}
